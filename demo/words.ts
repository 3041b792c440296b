const english = new Intl.PluralRules('en');

/**
 * "1 task", "2 tasks", "0 tasks": a count with its noun, for the demo's console lines. The demo
 * speaks English only (the extension's own strings go through lib/i18n/plural.ts).
 */
export function counted(count: number, one: string, other: string): string {
  return `${count} ${english.select(count) === 'one' ? one : other}`;
}
