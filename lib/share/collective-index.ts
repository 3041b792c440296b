import type { PublishedGroup } from './aggregate';
import type { Subscription } from './subscription';

/** One collective figure with the feed it comes from, as a worker must always see it. */
export interface CollectiveFigure {
  group: PublishedGroup;
  /** The feed's name as the collective gives it (its text, shown as text), and when it was published. */
  feedName: string;
  publishedAt: number;
  /** Past it, the figure is not shown (the collective said how long it holds). */
  expiresAt: number;
  url: string;
}

export interface CollectiveIndex {
  /** The first subscription's figure for one requester or task group in one currency. */
  figure(platform: string, by: 'requester' | 'group', id: string, currency: string): CollectiveFigure | null;
  /** Every currency a subscription publishes for that requester or group. */
  figures(platform: string, by: 'requester' | 'group', id: string): CollectiveFigure[];
  /** Figures across all subscriptions. */
  size: number;
}

const keyOf = (platform: string, by: string, id: string) => `${platform}\u0000${by}\u0000${id}`;

/**
 * A lookup over the feeds a worker subscribes to, built once per set of feed versions: a feed of
 * 20,000 groups is searched per badge by key, not by scanning. Where two collectives publish the
 * same group, the subscription added first answers (the order the worker sees them in).
 */
export function collectiveIndex(subscriptions: readonly Subscription[]): CollectiveIndex {
  const byKey = new Map<string, CollectiveFigure[]>();
  let size = 0;
  for (const sub of subscriptions) {
    const feed = sub.current;
    if (!feed) continue;
    for (const group of feed.groups) {
      const key = keyOf(group.platform, group.by, group.id);
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      if (list.some((f) => f.group.currency === group.currency)) continue;
      list.push({ group, feedName: feed.name, publishedAt: feed.publishedAt, expiresAt: feed.expiresAt, url: sub.url });
      size += 1;
    }
  }
  return {
    figure: (platform, by, id, currency) => byKey.get(keyOf(platform, by, id))?.find((f) => f.group.currency === currency) ?? null,
    figures: (platform, by, id) => byKey.get(keyOf(platform, by, id)) ?? [],
    size,
  };
}
