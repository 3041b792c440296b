/**
 * MTurk renders server-side React islands whose props sit in `data-react-props` as JSON
 * (docs/platforms.md#1-amazon-mechanical-turk, confidence H). The page is hostile: any attribute may be missing or garbage,
 * so this never throws and returns unknown for the caller to pick apart.
 */
export function readReactProps(doc: ParentNode, componentSubstring: string): unknown {
  const el = doc.querySelector(`[data-react-class*="${componentSubstring}"]`);
  const raw = el?.getAttribute('data-react-props');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Safe property access into parsed JSON of unknown shape. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function pickString(value: unknown, ...path: string[]): string | undefined {
  const found = pick(value, ...path);
  if (typeof found === 'string') {
    const trimmed = found.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return undefined;
}

export function pickNumber(value: unknown, ...path: string[]): number | undefined {
  const found = pick(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}
