import { periodRates } from '../rates/measured-rate';
import { dayKeyOf, zoneDays } from '../rates/zone-days';
import { localMidnight } from './period';
import type { CurrencySummary, GroupSummary } from '../rates/types';
import type { HistoryRow } from './history-rows';

/** One currency's totals over the whole period (a card of the overview): a summary of the whole period. */
export type CurrencyTotals = CurrencySummary;

/**
 * Period totals per currency from the per-bucket summaries: integer sums within one currency, and
 * the two rates recomputed from the sums by lib/rates (a rate is never averaged over buckets; the
 * same span floor and the same exclusion of open tasks hold for the period as for a bucket).
 */
export function currencyTotals(summaries: readonly GroupSummary[]): CurrencyTotals[] {
  type Sums = Omit<CurrencyTotals, 'trueRate' | 'noTrueRate' | 'allInRate' | 'noAllInRate'>;
  const by = new Map<string, Sums>();
  for (const summary of summaries) {
    for (const c of summary.currencies) {
      const acc = by.get(c.currency) ?? {
        currency: c.currency,
        earnedMinor: 0,
        pendingMinor: 0,
        tasks: 0,
        taskMs: 0,
        overheadMs: 0,
        unpaidMs: 0,
        openMs: 0,
        openTasks: 0,
      };
      acc.earnedMinor += c.earnedMinor;
      acc.pendingMinor += c.pendingMinor;
      acc.tasks += c.tasks;
      acc.taskMs += c.taskMs;
      acc.overheadMs += c.overheadMs;
      acc.unpaidMs += c.unpaidMs;
      acc.openMs += c.openMs;
      acc.openTasks += c.openTasks;
      by.set(c.currency, acc);
    }
  }
  return [...by.values()]
    .sort((a, b) => b.tasks - a.tasks || (a.currency < b.currency ? -1 : 1))
    .map((acc) => ({ ...acc, ...periodRates(acc.earnedMinor + acc.pendingMinor, acc, acc.currency) }));
}

/** Overhead that no currency could take (periods with no task), summed over the period. */
export function unattributedOverhead(summaries: readonly GroupSummary[]): number {
  return summaries.reduce((sum, s) => sum + s.unattributedOverheadMs, 0);
}

/** Bars of the earnings chart in one currency, in key order (keys sort as dates). */
export function earningsBuckets(summaries: readonly GroupSummary[], currency: string) {
  return [...summaries]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s) => {
      const c: CurrencySummary | undefined = s.currencies.find((x) => x.currency === currency);
      return {
        key: s.key,
        earnedMinor: c?.earnedMinor ?? 0,
        pendingMinor: c?.pendingMinor ?? 0,
        trueRate: c?.trueRate?.minorPerHour ?? null,
      };
    });
}

/**
 * Bars of the time chart: time is time in any currency, so all currencies add up per bucket. The
 * chart says where time went, not what it paid, so a task still open is in its task time already.
 */
export function timeBuckets(summaries: readonly GroupSummary[]) {
  return [...summaries]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s) => ({
      key: s.key,
      taskMs: s.currencies.reduce((sum, c) => sum + c.taskMs + c.openMs, 0) + s.unattributedOpenMs,
      overheadMs: s.currencies.reduce((sum, c) => sum + c.overheadMs, 0) + s.unattributedOverheadMs,
      unpaidMs: s.currencies.reduce((sum, c) => sum + c.unpaidMs, 0),
    }));
}

/**
 * Points of the scatter in one currency: tasks with both an advertised and a true rate in it,
 * newest first, at most `max` (an SVG of 100,000 points would freeze the page; the chart says so).
 */
export function scatterPoints(rows: readonly HistoryRow[], currency: string, max: number) {
  const all = rows.filter(
    (row) => row.rates.advertisedRate?.currency === currency && row.rates.trueRate?.currency === currency,
  );
  const newest = [...all].sort((a, b) => b.task.acceptedAt - a.task.acceptedAt).slice(0, max);
  return {
    total: all.length,
    points: newest.map((row) => ({
      id: row.task.id,
      name: row.task.title ?? row.task.id,
      x: row.rates.advertisedRate?.minorPerHour ?? 0,
      y: row.rates.trueRate?.minorPerHour ?? 0,
      flagged: row.rates.flags.length > 0,
    })),
  };
}

/** Currencies the rows were paid in, the most used first. */
export function currenciesOf(summaries: readonly GroupSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const s of summaries) for (const c of s.currencies) counts.set(c.currency, (counts.get(c.currency) ?? 0) + c.tasks + c.openTasks);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

/**
 * The day records of a period: from the local day of `from` (null: all) up to today, as the rows
 * in it are the tasks accepted and the overhead started from `from` on.
 */
export function periodDays<D extends { day: string }>(days: readonly D[], from: number | null, now: number, timeZone: string): D[] {
  const zone = zoneDays(timeZone);
  const first = from === null ? '' : dayKeyOf(zone.dayOf(from));
  const last = dayKeyOf(zone.dayOf(now));
  return days.filter((d) => d.day >= first && d.day <= last);
}

/** The start of a day record's day ("2026-11-28"), for how long a period runs. */
export function dayStart(day: string, timeZone: string): number {
  return localMidnight(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), timeZone);
}
