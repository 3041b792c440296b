import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, checkFeed, FEED_MAX_BYTES, toBase64Url, type FeedBody, type FeedTrust } from '@/lib/share/feed';
import { newKey, signedFile, subtle, type TestKey } from './test-keys';

const NOW = Date.UTC(2026, 11, 1);

let keys: TestKey;
let other: TestKey;
let keyId = '';
let otherId = '';

beforeAll(async () => {
  [keys, other] = [await newKey(), await newKey()];
  [keyId, otherId] = [keys.id, other.id];
});

const body = (over: Partial<FeedBody> = {}): FeedBody => ({
  format: 'truerate-feed',
  formatVersion: 1,
  feed: 'turkers-united',
  name: 'Turkers "United" & Co',
  version: 7,
  publishedAt: NOW - 3_600_000,
  expiresAt: NOW + 7 * 86_400_000,
  keyId,
  nextKeyId: null,
  k: 10,
  groups: [
    { platform: 'mturk', by: 'requester', id: 'A2P2MT8IK72CVZ', currency: 'USD', tasks: 140, contributors: 12, rate: { median: 612, p25: 410, p75: 905, n: 138 }, ratio: { median: 1.4, low: 1.2, high: 1.6, coverage: 0.93, n: 120 }, rejectedShare: 0.02, returnedShare: 0.05 },
  ],
  ...over,
});
const trust = (over: Partial<FeedTrust> = {}): FeedTrust => ({ feed: 'turkers-united', keys: [keyId], version: 6, ...over });
const file = (b: FeedBody = body(), key = keys): Promise<string> => signedFile(b, key);

describe('signed feeds', () => {
  it('canonical bytes do not depend on the order of keys', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: null }] })).toBe(canonicalJson({ a: [{ x: null, y: 2 }], b: 1 }));
  });

  it('a feed signed with the subscribed key, newer and not expired, is taken; its text stays text', async () => {
    const checked = await checkFeed(subtle, await file(), trust(), NOW);
    expect(checked.ok && checked.feed.name).toBe('Turkers "United" & Co');
    expect(checked.ok && checked.feed.groups[0]?.contributors).toBe(12);
  });

  // Made when each test runs: the keys exist only then.
  it.each([
    ['a body changed after signing', async () => (await file()).replace('\\"median\\":612', '\\"median\\":912'), 'bad-signature'],
    ['a feed naming the subscribed key but signed by another', () => file(body(), other), 'bad-signature'],
    ['a version not above the one kept', () => file(body({ version: 6 })), 'not-newer'],
    ['an expired feed', () => file(body({ expiresAt: NOW - 1 })), 'expired'],
    ['a feed of another collective', () => file(body({ feed: 'someone-else' })), 'other-feed'],
    ['a huge file', async () => ' '.repeat(FEED_MAX_BYTES + 1), 'too-big'],
    ['a file that is not JSON', async () => '<html>', 'not-json'],
    ['a file that is not a signed feed', async () => JSON.stringify({ body: '{}', signature: 'x' }), 'bad-shape'],
  ] satisfies [string, () => Promise<string>, string][])('refuses %s', async (_name, make, reason) => {
    const checked = await checkFeed(subtle, await make(), trust(), NOW);
    expect(checked.ok ? 'taken' : checked.reason).toBe(reason);
  });

  it('refuses a feed whose key the member does not hold, and takes one announced by the last feed (rotation)', async () => {
    const rotated = await signedFile(body({ keyId: otherId, version: 8 }), other);
    const refused = await checkFeed(subtle, rotated, trust(), NOW);
    expect(refused.ok ? 'taken' : refused.reason).toBe('wrong-key');
    const taken = await checkFeed(subtle, rotated, trust({ keys: [keyId, otherId], version: 7 }), NOW);
    expect(taken.ok).toBe(true);
  });

  it('takes the very copy it has again as unchanged, and refuses another body under the same version', async () => {
    const current = body({ version: 6 });
    const same = await checkFeed(subtle, await file(current), trust({ current }), NOW);
    expect(same).toMatchObject({ ok: true, unchanged: true });
    const changed = await checkFeed(subtle, await file(body({ version: 6, name: 'Other name' })), trust({ current }), NOW);
    expect(changed.ok ? 'taken' : changed.reason).toBe('not-newer');
  });

  it.each([
    ['markup in its name', { name: 'Turkers <img src=x onerror=alert(1)>' }],
    ['a control character in its name', { name: 'Turkers\u202e\u0007' }],
    ['a platform that is not an id', { groups: [{ ...body().groups[0]!, platform: '<b>mturk</b>' }] }],
    ['a group with no contributor', { groups: [{ ...body().groups[0]!, contributors: 0 }] }],
  ] satisfies [string, Partial<FeedBody>][])('refuses a body out of shape even when its signature holds: %s', async (_name, over) => {
    const forged = { ...body(), ...over };
    const canonical = canonicalJson(forged);
    const signature = toBase64Url(new Uint8Array(await subtle.sign('Ed25519', keys.pair.privateKey, new TextEncoder().encode(canonical))));
    const checked = await checkFeed(subtle, JSON.stringify({ body: canonical, signature }), trust(), NOW);
    expect(checked.ok ? 'taken' : checked.reason).toBe('bad-shape');
  });
});
