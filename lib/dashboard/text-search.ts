/**
 * Search that forgives case and accents ("Cafe" finds "Café", "ETUDE" finds "étude"), because
 * requester names and titles are typed by others in many languages.
 */
export function foldText(text: string): string {
  // Most titles are plain ASCII: lower-casing is enough and ten times cheaper than normalising.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query, folded; every word must appear somewhere in the haystack. */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(/\s+/)
    .filter((word) => word !== '');
}

export function matchesWords(foldedHaystack: string, words: readonly string[]): boolean {
  for (const word of words) if (!foldedHaystack.includes(word)) return false;
  return true;
}
