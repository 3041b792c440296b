/**
 * An error as a worker is shown it (the popup's notices, the dashboard): "<name>: <message>",
 * once. Dexie adds its inner error's text after its own, so IndexedDB's refusals read twice
 * ("InvalidStateError: A mutation… InvalidStateError: A mutation…", seen in Firefox with a full
 * quota); a repeat is left out.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts: string[] = [];
  for (const part of error.message.split(`${error.name}: `).map((p) => p.trim())) {
    if (part !== '' && part !== parts.at(-1)) parts.push(part);
  }
  return parts.length === 0 ? error.name : `${error.name}: ${parts.join(` ${error.name}: `)}`;
}
