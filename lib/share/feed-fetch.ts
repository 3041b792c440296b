import { FEED_MAX_BYTES } from './feed';

export type FetchedFeed = { ok: true; text: string } | { ok: false; reason: 'fetch-failed' | 'too-big'; detail: string };

/** The part of fetch the feed needs, injected so that tests run without a network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** How long a feed's server may take before the fetch is given up (the next schedule tries again). */
export const FEED_FETCH_TIMEOUT_MS = 30_000;

/**
 * Fetches a feed file whole, telling the host no more than that someone fetched it: no cookies,
 * no referrer, no cache validators that could single a member out, nothing in the address but
 * what the worker typed. The body is read in chunks and given up past the size limit, so a
 * hostile server cannot fill the background's memory; its text is only ever parsed by checkFeed.
 */
export async function fetchFeedText(fetchFn: FetchLike, url: string, maxBytes = FEED_MAX_BYTES): Promise<FetchedFeed> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), FEED_FETCH_TIMEOUT_MS);
  try {
    const response = await fetchFn(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: abort.signal,
    });
    if (response.url && !response.url.startsWith('https://')) return { ok: false, reason: 'fetch-failed', detail: 'redirected to an address that is not https' };
    if (!response.ok) return { ok: false, reason: 'fetch-failed', detail: `the server answered ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) return { ok: false, reason: 'too-big', detail: `${declared} bytes, over ${maxBytes}` };
    if (!response.body) return { ok: true, text: await response.text() };
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: 'too-big', detail: `over ${maxBytes} bytes` };
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return { ok: true, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
  } catch (error) {
    const detail = abort.signal.aborted ? 'no answer within 30 s' : error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'fetch-failed', detail };
  } finally {
    clearTimeout(timer);
  }
}
