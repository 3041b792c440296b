import type { TrueRateDb } from '@/lib/db/database';
import { ensureDays } from '@/lib/ledger/day-writes';
import { everyAlarm } from './alarm';
import type { Serial } from './tracking';

export const DAYS_ALARM = 'truerate-days';
/** A worker who crosses a time zone sees the popup read tasks instead of days for at most this long. */
const DAYS_PERIOD_MINUTES = 15;

/**
 * Keeps the day totals built, in the zone this browser runs in (lib/ledger/day-writes.ts): at
 * start-up (a new or upgraded database, a restore done in the dashboard) and every quarter hour
 * (the computer's zone changed). Through the serial, so no ledger change runs while they are built.
 */
export function setupDays(db: TrueRateDb, serial: Serial): void {
  const build = () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    void serial(() => ensureDays(db, zone)).catch((error: unknown) => console.warn('TrueRate: day totals not built:', error));
  };
  everyAlarm(DAYS_ALARM, { periodInMinutes: DAYS_PERIOD_MINUTES }, build);
  build();
}
