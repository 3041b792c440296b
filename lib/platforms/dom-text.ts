/** The visible text of the first match, whitespace folded; undefined when absent or empty. */
export function textOf(root: ParentNode, selector: string): string | undefined {
  const value = root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
}
