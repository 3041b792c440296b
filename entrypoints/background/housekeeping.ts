import type { TrueRateDb } from '@/lib/db/database';
import { pruneOffers } from '@/lib/ledger/offer-prune';
import { everyAlarm } from './alarm';
import type { Serial } from './tracking';

export const HOUSEKEEPING_ALARM = 'truerate-housekeeping';
const HOUSEKEEPING_PERIOD_MINUTES = 60;

/**
 * Keeps the offers table bounded (lib/ledger/offer-prune.ts): a list reload writes up to a page of
 * offers, so without pruning it grows by hundreds a day. Hourly, through the serial; not at each
 * start of the service worker, which wakes for every pulse after a quiet half minute and must get to
 * the pulse first.
 */
export function setupHousekeeping(db: TrueRateDb, serial: Serial): void {
  const run = () => void serial(() => pruneOffers(db, Date.now())).catch((error: unknown) => console.warn('TrueRate: offers not pruned:', error));
  everyAlarm(HOUSEKEEPING_ALARM, { periodInMinutes: HOUSEKEEPING_PERIOD_MINUTES, delayInMinutes: 1 }, run);
}
