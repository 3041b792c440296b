import type { GroupBy } from '../rates/types';
import { civilFromDays, zoneDays } from '../rates/zone-days';

export const PERIODS = ['7d', '30d', '12m', 'all'] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

/** The instant of local midnight (in the zone) of the calendar date y-m-d; m may overflow (Date.UTC rules). */
export function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const zone = zoneDays(timeZone);
  const guess = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guess may differ from the offset at the answer across a DST change.
  const first = guess - zone.offsetAt(guess);
  return guess - zone.offsetAt(first);
}

/** Local midnight (in the zone) of the day of `now`: where "today" starts. */
export function startOfDay(now: number, timeZone: string): number {
  const today = civilFromDays(zoneDays(timeZone).dayOf(now));
  return localMidnight(today.y, today.m, today.d, timeZone);
}

/**
 * Where a period starts: local midnight 6 days before today (7 calendar days including today),
 * 29 days before, the same day 12 months ago; null for "all".
 */
export function periodStart(period: Period, now: number, timeZone: string): number | null {
  if (period === 'all') return null;
  const today = civilFromDays(zoneDays(timeZone).dayOf(now));
  if (period === '7d') return localMidnight(today.y, today.m, today.d - 6, timeZone);
  if (period === '30d') return localMidnight(today.y, today.m, today.d - 29, timeZone);
  return localMidnight(today.y, today.m - 12, today.d + 1, timeZone);
}

/**
 * The bars of the charts: days over a week or a month, weeks over a year, and over all time
 * weeks while they stay readable (about two years), months beyond.
 */
export function bucketFor(period: Period, firstMs: number | null, now: number): Extract<GroupBy, 'day' | 'week' | 'month'> {
  if (period === '7d' || period === '30d') return 'day';
  if (period === '12m') return 'week';
  if (firstMs === null) return 'day';
  const spanDays = (now - firstMs) / DAY_MS;
  if (spanDays <= 45) return 'day';
  return spanDays <= 730 ? 'week' : 'month';
}

/**
 * The instants bounding a date-input range ("2026-11-01" to "2026-11-30", both days included) in the
 * worker's zone; an empty or malformed input leaves that side open.
 */
export function dateRange(fromInput: string, toInput: string, timeZone: string): { from: number | null; to: number | null } {
  const parse = (value: string, plusDays: number) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? localMidnight(Number(m[1]), Number(m[2]), Number(m[3]) + plusDays, timeZone) : null;
  };
  return { from: parse(fromInput, 0), to: parse(toInput, 1) };
}
