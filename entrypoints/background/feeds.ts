import { everyAlarm } from './alarm';
import type { TrueRateDb } from '@/lib/db/database';
import { createFeedStore, type FeedStore } from '@/lib/db/feeds';

/** Every six hours: a collective publishes weekly at most, and each fetch tells its host one member is there. */
export const FEED_ALARM = 'truerate-feeds';
const FEED_PERIOD_MINUTES = 6 * 60;

/**
 * The collectives' feeds: fetched whole on a schedule (alarms survive the service worker's sleep)
 * and when the worker asks, each copy checked before it is used (docs/collectives.md).
 */
export function setupFeeds(db: TrueRateDb): FeedStore {
  const store = createFeedStore(db, {
    fetch: (url, init) => fetch(url, init),
    subtle: crypto.subtle,
    now: () => Date.now(),
  });
  everyAlarm(FEED_ALARM, { periodInMinutes: FEED_PERIOD_MINUTES, delayInMinutes: 1 }, () => {
    void store.refreshAll().catch((error: unknown) => console.warn('TrueRate: feeds not refreshed:', error));
  });
  return store;
}
