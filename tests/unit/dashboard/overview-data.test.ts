import { describe, expect, it } from 'vitest';
import { summarize } from '@/lib/rates/aggregate';
import { currenciesOf, currencyTotals, earningsBuckets, scatterPoints, timeBuckets, unattributedOverhead } from '@/lib/dashboard/overview-data';
import { sortGroups } from '@/lib/dashboard/group-sort';
import type { CurrencySummary, GroupStats, GroupSummary } from '@/lib/rates/types';
import { makeTask, rowsOf } from './make-task';

const cs = (currency: string, patch: Partial<CurrencySummary>): CurrencySummary => ({
  currency,
  earnedMinor: 0,
  pendingMinor: 0,
  tasks: 0,
  taskMs: 0,
  overheadMs: 0,
  unpaidMs: 0,
  openMs: 0,
  openTasks: 0,
  trueRate: null,
  noTrueRate: 'no-time',
  allInRate: null,
  noAllInRate: 'no-time',
  ...patch,
});

const summaries: GroupSummary[] = [
  {
    key: '2026-11-28',
    currencies: [cs('USD', { earnedMinor: 300, pendingMinor: 100, tasks: 2, taskMs: 1_800_000, overheadMs: 600_000, trueRate: { minorPerHour: 800, currency: 'USD' } })],
    unattributedOverheadMs: 0,
    unattributedOpenTasks: 0,
    unattributedOpenMs: 0,
  },
  {
    key: '2026-11-27',
    currencies: [
      cs('USD', { earnedMinor: 200, tasks: 1, taskMs: 1_800_000, unpaidMs: 1_200_000 }),
      cs('GBP', { earnedMinor: 500, tasks: 1, taskMs: 3_600_000 }),
    ],
    unattributedOverheadMs: 60_000,
    unattributedOpenTasks: 0,
    unattributedOpenMs: 0,
  },
];

describe('overview totals', () => {
  it('adds integers within each currency and recomputes both rates from the sums', () => {
    const totals = currencyTotals(summaries);
    expect(totals.map((t) => t.currency)).toEqual(['USD', 'GBP']);
    const usd = totals[0]!;
    expect(usd).toMatchObject({ earnedMinor: 500, pendingMinor: 100, tasks: 3, taskMs: 3_600_000, overheadMs: 600_000, unpaidMs: 1_200_000 });
    // (500 + 100) over 1 h of task time; over 1 h + 10 min + 20 min all in.
    expect(usd.trueRate).toEqual({ minorPerHour: 600, currency: 'USD' });
    expect(usd.allInRate).toEqual({ minorPerHour: 400, currency: 'USD' });
    expect(totals[1]?.trueRate).toEqual({ minorPerHour: 500, currency: 'GBP' });
    expect(unattributedOverhead(summaries)).toBe(60_000);
  });

  it('leaves open tasks out of both rates and sums them apart; the same span floor holds for the period', () => {
    const open = cs('USD', { openTasks: 1, openMs: 3000 });
    const withOpen = currencyTotals([...summaries, { key: '2026-11-29', currencies: [open], unattributedOverheadMs: 0, unattributedOpenTasks: 1, unattributedOpenMs: 5000 }]);
    const without = currencyTotals(summaries);
    expect(withOpen[0]).toEqual({ ...without[0], openTasks: 1, openMs: 3000 });
    const short = currencyTotals([{ ...summaries[0]!, currencies: [cs('USD', { earnedMinor: 35, tasks: 1, taskMs: 8000 })] }]);
    expect(short[0]).toMatchObject({ trueRate: null, noTrueRate: 'too-short', allInRate: null, noAllInRate: 'too-short' });
    // Where the time went: the time in progress is time in tasks already.
    expect(timeBuckets([{ key: 'k', currencies: [open], unattributedOverheadMs: 0, unattributedOpenTasks: 1, unattributedOpenMs: 5000 }])).toEqual([
      { key: 'k', taskMs: 8000, overheadMs: 0, unpaidMs: 0 },
    ]);
  });

  it('gives chart buckets in date order', () => {
    expect(earningsBuckets(summaries, 'USD')).toEqual([
      { key: '2026-11-27', earnedMinor: 200, pendingMinor: 0, trueRate: null },
      { key: '2026-11-28', earnedMinor: 300, pendingMinor: 100, trueRate: 800 },
    ]);
    expect(earningsBuckets(summaries, 'GBP')[1]).toEqual({ key: '2026-11-28', earnedMinor: 0, pendingMinor: 0, trueRate: null });
    expect(timeBuckets(summaries)).toEqual([
      { key: '2026-11-27', taskMs: 5_400_000, overheadMs: 60_000, unpaidMs: 1_200_000 },
      { key: '2026-11-28', taskMs: 1_800_000, overheadMs: 600_000, unpaidMs: 0 },
    ]);
  });
});

describe('scatterPoints', () => {
  it('leaves out a task still open and one too short for a rate: neither has a true rate to plot', () => {
    const rows = rowsOf([
      makeTask(1),
      makeTask(2, { status: 'accepted', endedAt: null, activeMs: 3000 }),
      makeTask(3, { status: 'accepted', endedAt: null, activeMs: 600_000 }),
      makeTask(4, { activeMs: 8000 }),
    ]);
    const all = scatterPoints(rows, 'USD', 10);
    expect(all.total).toBe(1);
    expect(all.points.map((p) => p.id)).toEqual(['mturk:A000001']);
  });


  it('keeps tasks with both rates in the currency, newest first, capped', () => {
    const rows = rowsOf([
      makeTask(1),
      makeTask(2, { advertisedSeconds: null }),
      makeTask(3, { reward: { amountMinor: 100, currency: 'GBP' } }),
      makeTask(4, { status: 'returned', activeMs: 300_000 }),
      makeTask(5),
    ]);
    const all = scatterPoints(rows, 'USD', 10);
    // The returned task earned nothing: a true rate of 0, drawn (flagged) at the bottom.
    expect(all.total).toBe(3);
    expect(all.points.map((p) => p.id)).toEqual(['mturk:A000001', 'mturk:A000004', 'mturk:A000005']);
    expect(all.points.map((p) => p.flagged)).toEqual([0, 3, 4].map((i) => rows[i]!.rates.flags.length > 0));
    expect(all.points[1]?.flagged).toBe(true);
    expect(all.points[1]?.y).toBe(0);
    const first = all.points[0]!;
    expect(first.x).toBe(rows[0]!.rates.advertisedRate!.minorPerHour);
    expect(first.y).toBe(rows[0]!.rates.trueRate!.minorPerHour);
    expect(scatterPoints(rows, 'USD', 1)).toMatchObject({ total: 3, points: [{ id: 'mturk:A000001' }] });
    expect(currenciesOf(summarize(rows.map((r) => r.task), [], 'day', { timeZone: 'UTC' }))).toEqual(['USD', 'GBP']);
  });
});

describe('sortGroups', () => {
  const g = (key: string, n: number, rate: number | null, ratio: number | null): GroupStats => ({
    key,
    label: key,
    n,
    medianTrueRate: rate === null ? null : { minorPerHour: rate, currency: 'USD' },
    trueRateInterval: null,
    ratio: ratio === null ? null : { median: ratio, low: ratio - 0.5, high: ratio + 0.5, coverage: 0.9, n },
    flags: [],
  });
  const groups = [g('b', 3, 500, 2), g('a', 10, null, 1.2), g('c', 5, 900, null)];
  it('sorts by each column, unknown last', () => {
    expect(sortGroups(groups, { key: 'name', direction: 'ascending' }).map((x) => x.key)).toEqual(['a', 'b', 'c']);
    expect(sortGroups(groups, { key: 'n', direction: 'descending' }).map((x) => x.key)).toEqual(['a', 'c', 'b']);
    expect(sortGroups(groups, { key: 'trueRate', direction: 'ascending' }).map((x) => x.key)).toEqual(['b', 'c', 'a']);
    expect(sortGroups(groups, { key: 'trueRate', direction: 'descending' }).map((x) => x.key)).toEqual(['c', 'b', 'a']);
    expect(sortGroups(groups, { key: 'ratio', direction: 'descending' }).map((x) => x.key)).toEqual(['b', 'a', 'c']);
  });
});
