import { describe, expect, it } from 'vitest';
import { fetchFeedText, type FetchLike } from '@/lib/share/feed-fetch';

const respond = (body: BodyInit | null, init: ResponseInit & { url?: string } = {}): FetchLike => async () => {
  const response = new Response(body, init);
  if (init.url) Object.defineProperty(response, 'url', { value: init.url });
  return response;
};

describe('fetching a feed', () => {
  it('asks for the file and nothing else: no cookies, no referrer, no cache', async () => {
    let seen: RequestInit | undefined;
    const result = await fetchFeedText(async (_url, init) => {
      seen = init;
      return new Response('{"body":"x"}');
    }, 'https://collective.example/feed.json');
    expect(result).toEqual({ ok: true, text: '{"body":"x"}' });
    expect(seen).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
  });

  it.each([
    ['a declared size over the limit', respond('x'.repeat(10), { headers: { 'content-length': '999' } }), 'too-big'],
    ['a body that grows past the limit without saying so', respond(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(64)) })), 'too-big'],
    ['a server error', respond('oops', { status: 503 }), 'fetch-failed'],
    ['a redirect to plain http', respond('{}', { url: 'http://collective.example/feed.json' }), 'fetch-failed'],
    ['no network', (async () => { throw new TypeError('Failed to fetch'); }) as FetchLike, 'fetch-failed'],
  ] satisfies [string, FetchLike, string][])('gives up on %s', async (_name, fetchFn, reason) => {
    const result = await fetchFeedText(fetchFn, 'https://collective.example/feed.json', 100);
    expect(result.ok ? 'ok' : result.reason).toBe(reason);
  });

  it('reads a body just at the limit', async () => {
    const result = await fetchFeedText(respond('y'.repeat(100)), 'https://collective.example/feed.json', 100);
    expect(result.ok && result.text.length).toBe(100);
  });
});
