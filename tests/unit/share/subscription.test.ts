import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedBody } from '@/lib/share/feed';
import { applyFetched, collectiveFigure, newSubscription, subscriptionSchema } from '@/lib/share/subscription';
import { newKey, signedFile, subtle, type TestKey } from './test-keys';

const NOW = Date.UTC(2026, 11, 1);
let keys: TestKey;
let next: TestKey;
let keyId = '';
let nextId = '';

beforeAll(async () => {
  [keys, next] = [await newKey(), await newKey()];
  [keyId, nextId] = [keys.id, next.id];
});

const body = (over: Partial<FeedBody> = {}): FeedBody => ({
  format: 'truerate-feed',
  formatVersion: 1,
  feed: 'turkers-united',
  name: 'Turkers United',
  version: 1,
  publishedAt: NOW,
  expiresAt: NOW + 86_400_000,
  keyId,
  nextKeyId: null,
  k: 10,
  groups: [{ platform: 'mturk', by: 'requester', id: 'R1', currency: 'USD', tasks: 40, contributors: 11, rate: { median: 500, p25: 300, p75: 700, n: 40 }, ratio: null, rejectedShare: 0, returnedShare: 0 }],
  ...over,
});
const file = (b: FeedBody, key = keys) => signedFile(b, key);

describe('a subscription', () => {
  it('takes a good feed, then keeps it when a tampered copy comes, saying why', async () => {
    const sub = newSubscription('https://collective.example/feed.json', 'turkers-united', keyId, NOW);
    const taken = await applyFetched(subtle, sub, await file(body()), NOW);
    expect(taken).toMatchObject({ version: 1, problem: null, checkedAt: NOW });
    expect(collectiveFigure(taken.current, { platform: 'mturk', by: 'requester', id: 'R1', currency: 'USD' })?.contributors).toBe(11);
    expect(collectiveFigure(taken.current, { platform: 'mturk', by: 'requester', id: 'R1', currency: 'GBP' })).toBeNull();

    const tampered = (await file(body({ version: 2 }))).replace('\\"median\\":500', '\\"median\\":900');
    const kept = await applyFetched(subtle, taken, tampered, NOW + 1);
    expect(kept.current).toEqual(taken.current);
    expect(kept.version).toBe(1);
    expect(kept.problem).toMatchObject({ reason: 'bad-signature', at: NOW + 1 });
    expect(subscriptionSchema.parse(kept)).toEqual(kept);
  });

  it('follows a key rotation the feed announces, and then refuses the old key', async () => {
    const sub = newSubscription('https://collective.example/feed.json', 'turkers-united', keyId, NOW);
    const announced = await applyFetched(subtle, sub, await file(body({ nextKeyId: nextId })), NOW);
    expect(announced.keys).toEqual([keyId, nextId]);
    const rotated = await applyFetched(subtle, announced, await file(body({ version: 2, keyId: nextId }), next), NOW);
    expect(rotated).toMatchObject({ version: 2, keys: [nextId], problem: null });
    const old = await applyFetched(subtle, rotated, await file(body({ version: 3 })), NOW);
    expect(old.problem?.reason).toBe('wrong-key');
    expect(old.version).toBe(2);
  });

  it('is only for an https address', () => {
    expect(() => newSubscription('http://collective.example/feed.json', 'turkers-united', 'A'.repeat(43), NOW)).toThrow();
  });
});
