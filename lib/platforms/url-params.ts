/** Ids in addresses are plain tokens: 6 to 128 letters, digits, `_` and `-` (docs/platforms.md#14-ids-in-addresses). */
const ID = /^[A-Za-z0-9_-]{6,128}$/;

/** The id a URL parameter holds, if it is a plain token. */
export function idParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  return value && ID.test(value) ? value : undefined;
}

/** An address, or null where it does not parse. */
export function parseUrl(href: string, base?: string | URL): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}
