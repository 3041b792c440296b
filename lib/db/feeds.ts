import { collectiveIndex, type CollectiveIndex } from '../share/collective-index';
import { fetchFeedText, type FetchLike } from '../share/feed-fetch';
import { applyFetched, newSubscription, refused, subscriptionSchema, type Subscription } from '../share/subscription';
import type { FeedRecord, SetAsideFeed, TrueRateDb } from './database';

/** What the dashboard lists of a subscription: everything but the feed's groups. */
export interface FeedSummary {
  url: string;
  feed: string | null;
  name: string | null;
  version: number;
  groups: number;
  publishedAt: number | null;
  expiresAt: number | null;
  addedAt: number;
  checkedAt: number | null;
  problem: Subscription['problem'];
}

const summaryOf = (sub: Subscription): FeedSummary => ({
  url: sub.url,
  feed: sub.feed,
  name: sub.current?.name ?? null,
  version: sub.version,
  groups: sub.current?.groups.length ?? 0,
  publishedAt: sub.current?.publishedAt ?? null,
  expiresAt: sub.current?.expiresAt ?? null,
  addedAt: sub.addedAt,
  checkedAt: sub.checkedAt,
  problem: sub.problem,
});

const isSetAside = (record: FeedRecord): record is SetAsideFeed => record.url.startsWith('set-aside:');

/** The stored records sorted out: good subscriptions in the order added, failing ones, set-aside ones. */
function sortOut(records: readonly FeedRecord[]) {
  const good: Subscription[] = [];
  const failing: { record: Exclude<FeedRecord, SetAsideFeed>; problem: string }[] = [];
  let setAside = 0;
  for (const record of records) {
    if (isSetAside(record)) {
      setAside += 1;
      continue;
    }
    const checked = subscriptionSchema.safeParse(record);
    if (checked.success) good.push(checked.data);
    else failing.push({ record, problem: checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  good.sort((a, b) => a.addedAt - b.addedAt || (a.url < b.url ? -1 : 1));
  return { good, failing, setAside };
}

/**
 * The worker's subscriptions, each checked. A stored record that fails its check is never
 * dropped: it moves, as it was, to a set-aside key, and the count of those is reported.
 */
async function readSubscriptions(db: TrueRateDb, now: number): Promise<{ subscriptions: Subscription[]; setAside: number }> {
  const { good, failing, setAside } = sortOut(await db.feeds.toArray());
  for (const { record, problem } of failing) {
    await db.transaction('rw', db.feeds, async () => {
      const aside: SetAsideFeed = { url: `set-aside:${now}:${record.url}`, record, problem };
      await db.feeds.put(aside as FeedRecord);
      await db.feeds.delete(record.url);
    });
  }
  return { subscriptions: good, setAside: setAside + failing.length };
}

/**
 * The subscriptions as an extension page reads them, to show their figures: the good ones, in
 * order, and nothing written (the background's store is the one that keeps a bad record aside).
 */
export async function viewSubscriptions(db: TrueRateDb): Promise<Subscription[]> {
  return sortOut(await db.feeds.toArray()).good;
}

export interface FeedDeps {
  fetch: FetchLike;
  subtle: SubtleCrypto;
  now: () => number;
}

export type AddResult = { ok: true; subscription: Subscription } | { ok: false; reason: 'exists' | 'invalid'; detail: string };

/**
 * The one writer of the feeds table: subscriptions added and removed by the worker, and each
 * fetched copy checked before it replaces the one in use. It also keeps the badges' lookup over
 * the feeds, built again only when a feed changed.
 */
export function createFeedStore(db: TrueRateDb, deps: FeedDeps) {
  // The store is the table's one writer, in the background: its index holds until it writes. A
  // feed of 20,000 groups is read and checked once then, not once per page of badges.
  let cached: CollectiveIndex | null = null;
  let generation = 0;
  const changed = () => {
    cached = null;
    generation += 1;
  };

  async function refresh(url: string): Promise<Subscription | null> {
    const stored = await db.feeds.get(url);
    if (!stored || isSetAside(stored)) return null;
    const sub = subscriptionSchema.parse(stored);
    const fetched = await fetchFeedText(deps.fetch, sub.url);
    const next = fetched.ok ? await applyFetched(deps.subtle, sub, fetched.text, deps.now()) : refused(sub, fetched.reason, fetched.detail, deps.now());
    // The worker may have removed it while it was fetched: then it stays removed.
    await db.transaction('rw', db.feeds, async () => {
      if (await db.feeds.get(url)) await db.feeds.put(next);
    });
    if (next.version !== sub.version) changed();
    return next;
  }

  return {
    async list(): Promise<{ feeds: FeedSummary[]; setAside: number }> {
      const { subscriptions, setAside } = await readSubscriptions(db, deps.now());
      return { feeds: subscriptions.map(summaryOf), setAside };
    },
    async add(url: string, publicKey: string): Promise<AddResult> {
      let sub: Subscription;
      try {
        sub = newSubscription(url, null, publicKey, deps.now());
      } catch (error) {
        return { ok: false, reason: 'invalid', detail: error instanceof Error ? error.message.slice(0, 300) : 'invalid' };
      }
      const added = await db.transaction('rw', db.feeds, async () => {
        if (await db.feeds.get(sub.url)) return false;
        await db.feeds.add(sub);
        changed();
        return true;
      });
      if (!added) return { ok: false, reason: 'exists', detail: sub.url };
      return { ok: true, subscription: (await refresh(sub.url)) ?? sub };
    },
    async remove(url: string): Promise<void> {
      await db.feeds.delete(url);
      changed();
    },
    refresh,
    async refreshAll(): Promise<void> {
      const { subscriptions } = await readSubscriptions(db, deps.now());
      for (const sub of subscriptions) await refresh(sub.url);
    },
    /** The lookup over every subscribed feed, for the badges. */
    async index(): Promise<CollectiveIndex> {
      if (cached) return cached;
      const before = generation;
      const index = collectiveIndex((await readSubscriptions(db, deps.now())).subscriptions);
      // A write while it was read: this index is already old, so it is used once, not kept.
      if (generation === before) cached = index;
      return index;
    },
  };
}
export type FeedStore = ReturnType<typeof createFeedStore>;
