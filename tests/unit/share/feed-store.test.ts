import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/database';
import { createFeedStore } from '@/lib/db/feeds';
import type { FeedBody } from '@/lib/share/feed';
import type { FetchLike } from '@/lib/share/feed-fetch';
import { newKey, signedFile, subtle, type TestKey } from './test-keys';

const URL_ = 'https://collective.example/feed.json';
const NOW = Date.UTC(2026, 11, 1);
let key: TestKey;
beforeAll(async () => {
  key = await newKey();
});

const body = (version: number, median = 500): FeedBody => ({
  format: 'truerate-feed',
  formatVersion: 1,
  feed: 'turkers-united',
  name: 'Turkers United',
  version,
  publishedAt: NOW - 86_400_000,
  expiresAt: NOW + 7 * 86_400_000,
  keyId: key.id,
  nextKeyId: null,
  k: 10,
  groups: [{ platform: 'mturk', by: 'group', id: 'G1', currency: 'USD', tasks: 40, contributors: 11, rate: { median, p25: 300, p75: 700, n: 40 }, ratio: null, rejectedShare: 0, returnedShare: 0 }],
});

/** A store over a fresh database whose "server" serves whatever `served.file` holds. */
function setup() {
  const db = createDb(`feeds-${crypto.randomUUID()}`);
  const served = { file: '', fetches: 0 };
  const fetchFn: FetchLike = async () => {
    served.fetches += 1;
    return new Response(served.file);
  };
  const store = createFeedStore(db, { fetch: fetchFn, subtle, now: () => NOW });
  return { db, served, store };
}

describe('the feed store', () => {
  it('adds a subscription, fetches it at once, and its figures reach the index', async () => {
    const { served, store } = setup();
    served.file = await signedFile(body(1), key);
    const added = await store.add(URL_, key.id);
    expect(added.ok && added.subscription).toMatchObject({ feed: 'turkers-united', version: 1, problem: null });
    expect((await store.index()).figure('mturk', 'group', 'G1', 'USD')?.group.rate?.median).toBe(500);
    expect((await store.add(URL_, key.id)).ok).toBe(false);
    expect((await store.list()).feeds.map((f) => [f.name, f.groups])).toEqual([['Turkers United', 1]]);
  });

  it('keeps the feed in use when a tampered copy comes, says why, and the index still shows the old figures', async () => {
    const { served, store } = setup();
    served.file = await signedFile(body(1), key);
    await store.add(URL_, key.id);
    served.file = (await signedFile(body(2, 900), key)).replace('\\"median\\":900', '\\"median\\":901');
    const after = await store.refresh(URL_);
    expect(after).toMatchObject({ version: 1, problem: { reason: 'bad-signature' } });
    expect((await store.index()).figure('mturk', 'group', 'G1', 'USD')?.group.rate?.median).toBe(500);
    // The same copy fetched again is no problem.
    served.file = await signedFile(body(1), key);
    expect((await store.refresh(URL_))?.problem).toBeNull();
    // A newer good one replaces it, and the index follows.
    served.file = await signedFile(body(2, 650), key);
    await store.refreshAll();
    expect((await store.index()).figure('mturk', 'group', 'G1', 'USD')?.group.rate?.median).toBe(650);
  });

  it('refuses an address that is not https without storing anything', async () => {
    const { db, store } = setup();
    expect(await store.add('http://collective.example/feed.json', key.id)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await db.feeds.count()).toBe(0);
  });

  it('keeps a stored record that fails its check aside, as it was, and goes on with the others', async () => {
    const { db, served, store } = setup();
    served.file = await signedFile(body(1), key);
    await store.add(URL_, key.id);
    const broken = { url: 'https://other.example/feed.json', version: 'three' };
    await db.feeds.put(broken as never);
    const listed = await store.list();
    expect(listed.feeds.map((f) => f.url)).toEqual([URL_]);
    expect(listed.setAside).toBe(1);
    const aside = (await db.feeds.toArray()).find((r) => r.url.startsWith('set-aside:'));
    expect(aside && 'record' in aside ? aside.record : null).toEqual(broken);
    expect((await store.list()).setAside).toBe(1);
  });

  it('a subscription removed while its feed was being fetched stays removed', async () => {
    const db = createDb(`feeds-${crypto.randomUUID()}`);
    let release: () => void = () => {};
    const file = await signedFile(body(1), key);
    let first = true;
    const store = createFeedStore(db, {
      fetch: async () => {
        if (first) {
          first = false;
          return new Response(file);
        }
        await new Promise<void>((r) => (release = r));
        return new Response(file);
      },
      subtle,
      now: () => NOW,
    });
    await store.add(URL_, key.id);
    const pending = store.refresh(URL_);
    await new Promise((r) => setTimeout(r, 10));
    await store.remove(URL_);
    release();
    await pending;
    expect(await db.feeds.count()).toBe(0);
    expect((await store.index()).size).toBe(0);
  });
});
