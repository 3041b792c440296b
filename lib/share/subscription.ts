import { z } from 'zod';
import type { PublishedGroup } from './aggregate';
import { checkFeed, feedBodySchema, type FeedBody, type FeedRefusal } from './feed';

/**
 * A member's subscription to a collective's feed, as the extension keeps it: where the feed is,
 * the keys it trusts, the highest version it took, the feed it shows, and why the last copy was
 * refused. A refused copy never replaces the feed in use (docs/contribution-format.md describes
 * what members give; lib/share/feed.ts what they take).
 */
export const subscriptionSchema = z.strictObject({
  /** An https address, entered by the worker. */
  url: z.string().url().max(2048).refine((u) => u.startsWith('https://'), 'an https address'),
  /** The feed's id, learnt from its first good copy; a later copy naming another is refused. */
  feed: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/).nullable(),
  keys: z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/)).min(1).max(2),
  version: z.number().int().nonnegative(),
  /** When the worker added it: subscriptions are listed, and answer, in that order. */
  addedAt: z.number().int().nonnegative(),
  current: feedBodySchema.nullable(),
  checkedAt: z.number().int().nonnegative().nullable(),
  problem: z.strictObject({ reason: z.string().max(32), detail: z.string().max(500), at: z.number().int().nonnegative() }).nullable(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export function newSubscription(url: string, feed: string | null, publicKey: string, now: number): Subscription {
  return subscriptionSchema.parse({ url, feed, keys: [publicKey], version: 0, addedAt: now, current: null, checkedAt: null, problem: null });
}

/**
 * The subscription once a fetched copy of its feed has been checked: taken (and the key it
 * announces trusted next to its own), or refused with the reason, the feed in use kept as it was.
 */
export async function applyFetched(subtle: SubtleCrypto, sub: Subscription, file: string, now: number): Promise<Subscription> {
  const checked = await checkFeed(subtle, file, { feed: sub.feed, keys: sub.keys, version: sub.version, current: sub.current }, now);
  if (!checked.ok) return refused(sub, checked.reason, checked.detail, now);
  // The same copy again (the collective has not published since): checked, nothing else changes.
  if (checked.unchanged) return { ...sub, checkedAt: now, problem: null };
  const feed = checked.feed;
  return {
    ...sub,
    feed: feed.feed,
    keys: feed.nextKeyId && feed.nextKeyId !== feed.keyId ? [feed.keyId, feed.nextKeyId] : [feed.keyId],
    version: feed.version,
    current: feed,
    checkedAt: now,
    problem: null,
  };
}

/** The subscription after a fetch that gave no file (offline, a server error, too big). */
export function refused(sub: Subscription, reason: FeedRefusal | 'fetch-failed', detail: string, now: number): Subscription {
  return { ...sub, checkedAt: now, problem: { reason, detail: detail.slice(0, 500), at: now } };
}

/** The collective's figure for one requester or task group in one currency, if its feed has one. */
export function collectiveFigure(feed: FeedBody | null, key: { platform: string; by: 'requester' | 'group'; id: string; currency: string }): PublishedGroup | null {
  return feed?.groups.find((g) => g.platform === key.platform && g.by === key.by && g.id === key.id && g.currency === key.currency) ?? null;
}
