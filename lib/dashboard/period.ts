import type { GroupBy } from '../rates/types';

export const PERIODS = ['7d', '30d', '12m', 'all'] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

/** Wall-clock parts of an instant in a time zone (the zone is injected: lib/ reads no clock). */
function partsIn(epochMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** Offset of the zone from UTC at that instant, in ms (positive east of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const p = partsIn(epochMs, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return asUtc - (epochMs - (epochMs % 1000));
}

/** The instant of local midnight (in the zone) of the calendar date y-m-d; m may overflow (Date.UTC rules). */
function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guess may differ from the offset at the answer across a DST change.
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/**
 * Where a period starts: local midnight 6 days before today (7 calendar days including today),
 * 29 days before, the same day 12 months ago; null for "all".
 */
export function periodStart(period: Period, now: number, timeZone: string): number | null {
  if (period === 'all') return null;
  const today = partsIn(now, timeZone);
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
