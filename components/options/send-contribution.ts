/** The upload address a worker typed, if it is one TrueRate will send to: https, no credentials in it. */
export function uploadTarget(typed: string): string | null {
  try {
    const url = new URL(typed.trim());
    if (url.protocol !== 'https:' || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * Posts a contribution file to a collective's address: the file and nothing else (no cookies, no
 * referrer). The collective learns what the file holds and the worker's IP address, which the
 * Sharing page says before the button is pressed.
 */
export async function sendContribution(url: string, lines: readonly string[]): Promise<{ ok: true } | { ok: false; detail: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
    return response.ok ? { ok: true } : { ok: false, detail: String(response.status) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
