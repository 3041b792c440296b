import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SegmentRecord } from '@/lib/model/records';
import { summarize, todaySummary } from '@/lib/rates/aggregate';
import { hourlyRate } from '@/lib/rates/hourly-rate';
import { MIN_RATE_SPAN_MS } from '@/lib/rates/measured-rate';
import type { CurrencySummary, GroupSummary } from '@/lib/rates/types';
import { arbSeg, arbTask, zone } from './arbitraries';
import { makeTask } from './make-task';

const UTC = { timeZone: 'UTC' };
const H = 3_600_000;
const at = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);
const bonus = (amountMinor: number, currency = 'USD') => ({ amountMinor, currency, source: 'manual' as const, at: 0 });
const seg = (over: Partial<SegmentRecord>): SegmentRecord => ({
  taskId: null,
  platform: 'mturk',
  start: at(28, 10),
  end: at(28, 10) + 60_000,
  source: 'measured',
  excluded: false,
  ...over,
});
const cur = (groups: GroupSummary[], key: string, currency: string): CurrencySummary | undefined =>
  groups.find((g) => g.key === key)?.currencies.find((c) => c.currency === currency);

describe('summarize: money and time per currency', () => {
  it('earned, pending, task time and rates per currency, never mixed', () => {
    const tasks = [
      makeTask({ id: 'mturk:1', status: 'approved', reward: { amountMinor: 100, currency: 'USD' }, activeMs: H / 2 }),
      makeTask({ id: 'mturk:2', status: 'submitted', reward: { amountMinor: 50, currency: 'USD' }, activeMs: H / 2 }),
      makeTask({ id: 'prolific:3', platform: 'prolific', status: 'paid', reward: { amountMinor: 300, currency: 'GBP' }, activeMs: H }),
    ];
    const [day] = summarize(tasks, [], 'day', UTC);
    expect(day!.key).toBe('2026-11-28');
    expect(day!.currencies.map((c) => c.currency)).toEqual(['GBP', 'USD']);
    const usd = day!.currencies[1]!;
    expect(usd).toMatchObject({ earnedMinor: 100, pendingMinor: 50, tasks: 2, taskMs: H, overheadMs: 0, unpaidMs: 0 });
    expect(usd.trueRate).toEqual({ minorPerHour: 150, currency: 'USD' });
    expect(usd.allInRate).toEqual({ minorPerHour: 150, currency: 'USD' });
    expect(day!.currencies[0]).toMatchObject({ currency: 'GBP', earnedMinor: 300, tasks: 1, taskMs: H });
  });

  it('rejected tasks earn nothing and their time is unpaid; returned... likewise', () => {
    const tasks = [
      makeTask({ id: 'a', status: 'approved', activeMs: H }),
      makeTask({ id: 'b', status: 'rejected', activeMs: H, bonuses: [bonus(99)] }),
      makeTask({ id: 'c', status: 'returned', activeMs: H / 2 }),
      makeTask({ id: 'd', status: 'screened-out', activeMs: H / 2, bonuses: [bonus(10)] }),
    ];
    const usd = summarize(tasks, [], 'platform', UTC)[0]!.currencies[0]!;
    expect(usd).toMatchObject({ earnedMinor: 50 + 10, pendingMinor: 0, tasks: 4, taskMs: H, unpaidMs: 2 * H });
    expect(usd.trueRate?.minorPerHour).toBe(60);
    expect(usd.allInRate).toEqual(hourlyRate(60, 3 * H, 'USD'));
  });

  it('bonuses count in their own currency', () => {
    const tasks = [makeTask({ activeMs: H, bonuses: [bonus(25), bonus(70, 'GBP')] })];
    const g = summarize(tasks, [], 'task', UTC)[0]!;
    expect(g.key).toBe('mturk:A1');
    expect(g.currencies).toEqual([
      {
        currency: 'GBP',
        earnedMinor: 70,
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
      },
      expect.objectContaining({ currency: 'USD', earnedMinor: 75, tasks: 1, taskMs: H, trueRate: { minorPerHour: 75, currency: 'USD' } }),
    ]);
  });

  it('overhead goes to the currency of the platform’s tasks that period, else unattributed', () => {
    const tasks = [makeTask({ activeMs: H, acceptedAt: at(28, 9) })];
    const overhead = [
      seg({ start: at(28, 8), end: at(28, 8) + H }), // mturk, same day: USD
      seg({ platform: 'prolific', start: at(28, 8), end: at(28, 8) + 60_000 }), // no prolific task that day
      seg({ start: at(29, 8), end: at(29, 8) + 30_000 }), // mturk, next day: no task
      seg({ start: at(28, 11), end: at(28, 11) + 5 * H, excluded: true }), // excluded: never counts
    ];
    const days = summarize(tasks, overhead, 'day', UTC);
    expect(days.map((d) => d.key)).toEqual(['2026-11-28', '2026-11-29']);
    expect(cur(days, '2026-11-28', 'USD')).toMatchObject({ taskMs: H, overheadMs: H, earnedMinor: 50 });
    expect(cur(days, '2026-11-28', 'USD')!.allInRate?.minorPerHour).toBe(25);
    expect(days[0]!.unattributedOverheadMs).toBe(60_000);
    expect(days[1]).toEqual({ key: '2026-11-29', currencies: [], unattributedOverheadMs: 30_000, unattributedOpenTasks: 0, unattributedOpenMs: 0 });
  });

  it('overhead of a platform paid in two currencies is split by task time, to the ms', () => {
    const tasks = [
      makeTask({ id: 'a', platform: 'prolific', reward: { amountMinor: 100, currency: 'GBP' }, activeMs: 2 * H }),
      makeTask({ id: 'b', platform: 'prolific', reward: { amountMinor: 100, currency: 'USD' }, activeMs: H }),
    ];
    const overhead = [seg({ platform: 'prolific', start: at(28, 1), end: at(28, 1) + 1000 })];
    const [p] = summarize(tasks, overhead, 'platform', UTC);
    expect(p!.currencies.map((c) => [c.currency, c.overheadMs])).toEqual([
      ['GBP', 667],
      ['USD', 333],
    ]);
    expect(p!.unattributedOverheadMs).toBe(0);
  });

  it('segments of a task are not overhead (task time is activeMs)', () => {
    const [g] = summarize([makeTask({ activeMs: H })], [seg({ taskId: 'mturk:A1', start: at(28, 12), end: at(28, 13) })], 'day', UTC);
    expect(g!.currencies[0]).toMatchObject({ taskMs: H, overheadMs: 0 });
    expect(g!.unattributedOverheadMs).toBe(0);
  });

  it('by requester, group or task, overhead segments belong to none', () => {
    const tasks = [makeTask({ activeMs: H })];
    const overhead = [seg({ start: at(28, 8), end: at(28, 9) })];
    for (const by of ['requester', 'group', 'task'] as const) {
      const [g] = summarize(tasks, overhead, by, UTC);
      expect([by, g!.currencies[0]!.overheadMs, g!.unattributedOverheadMs]).toEqual([by, 0, 0]);
    }
    expect(summarize(tasks, [], 'requester', UTC)[0]!.key).toBe('mturk:R1');
    expect(summarize(tasks, [], 'group', UTC)[0]!.key).toBe('mturk:G1');
    expect(summarize([makeTask({ requesterId: null })], [], 'requester', UTC)[0]!.key).toBe('mturk:');
  });

  it('previews and tasks with no known money are time with no currency', () => {
    const tasks = [
      makeTask({ id: 'a', activeMs: H }),
      makeTask({ id: 'b', status: 'previewed', activeMs: 60_000 }),
      makeTask({ id: 'c', reward: null, activeMs: 120_000 }),
      makeTask({ id: 'd', platform: 'toloka', reward: null, activeMs: 1000 }),
    ];
    const [g] = summarize(tasks, [], 'day', UTC);
    expect(g!.currencies[0]).toMatchObject({ currency: 'USD', tasks: 1, taskMs: H, overheadMs: 180_000 });
    expect(g!.unattributedOverheadMs).toBe(1000);
  });

  it('zero time gives no rate, not a division by zero', () => {
    const [g] = summarize([makeTask({ activeMs: 0 })], [], 'day', UTC);
    expect(g!.currencies[0]).toMatchObject({ trueRate: null, allInRate: null, earnedMinor: 50 });
  });
});

describe('summarize: periods in the worker’s time zone', () => {
  it('a task at 23:30 UTC belongs to the next day in Europe/Paris', () => {
    const task = makeTask({ acceptedAt: Date.UTC(2026, 10, 28, 23, 30) });
    expect(summarize([task], [], 'day', { timeZone: 'Europe/Paris' })[0]!.key).toBe('2026-11-29');
    expect(summarize([task], [], 'day', UTC)[0]!.key).toBe('2026-11-28');
    expect(summarize([task], [], 'day', { timeZone: 'America/Los_Angeles' })[0]!.key).toBe('2026-11-28');
  });

  it('an overhead segment belongs to the period of its start', () => {
    const s = seg({ start: Date.UTC(2026, 10, 30, 22, 59), end: Date.UTC(2026, 11, 1, 1, 0) });
    expect(summarize([], [s], 'month', { timeZone: 'Europe/Paris' })[0]!.key).toBe('2026-11');
    const s2 = seg({ start: Date.UTC(2026, 10, 30, 23, 0), end: Date.UTC(2026, 11, 1, 1, 0) });
    expect(summarize([], [s2], 'month', { timeZone: 'Europe/Paris' })[0]!.key).toBe('2026-12');
  });

  it('ISO weeks across a year end', () => {
    const tasks = [
      makeTask({ id: 'a', acceptedAt: Date.UTC(2026, 11, 31, 12) }),
      makeTask({ id: 'b', acceptedAt: Date.UTC(2027, 0, 3, 12) }),
      makeTask({ id: 'c', acceptedAt: Date.UTC(2027, 0, 4, 12) }),
    ];
    const weeks = summarize(tasks, [], 'week', UTC);
    expect(weeks.map((w) => [w.key, w.currencies[0]!.tasks])).toEqual([
      ['2026-W53', 2],
      ['2027-W01', 1],
    ]);
  });

  it('groups come sorted by key', () => {
    const tasks = [at(30, 1), at(2, 1), at(15, 1)].map((acceptedAt, i) => makeTask({ id: `t${i}`, acceptedAt }));
    expect(summarize(tasks, [], 'day', UTC).map((g) => g.key)).toEqual(['2026-11-02', '2026-11-15', '2026-11-30']);
  });
});

describe('todaySummary', () => {
  it('today only, in the worker’s zone, with the whole time split', () => {
    const now = Date.UTC(2026, 10, 28, 23, 45); // 2026-11-29 00:45 in Paris
    const tasks = [
      makeTask({ id: 'today', acceptedAt: Date.UTC(2026, 10, 28, 23, 30), activeMs: H, status: 'submitted' }),
      makeTask({ id: 'yesterday', acceptedAt: Date.UTC(2026, 10, 28, 22, 30), activeMs: H }),
      makeTask({ id: 'unpaid', acceptedAt: Date.UTC(2026, 10, 28, 23, 31), activeMs: 60_000, status: 'returned' }),
    ];
    const overhead = [seg({ start: Date.UTC(2026, 10, 28, 23, 10), end: Date.UTC(2026, 10, 28, 23, 20) }), seg({ platform: 'toloka', start: Date.UTC(2026, 10, 28, 23, 10), end: Date.UTC(2026, 10, 28, 23, 11) })];
    const today = todaySummary(tasks, overhead, now, 'Europe/Paris');
    expect(today.key).toBe('2026-11-29');
    expect(today.currencies).toHaveLength(1);
    expect(today.currencies[0]).toMatchObject({ currency: 'USD', pendingMinor: 50, earnedMinor: 0, tasks: 2, taskMs: H, unpaidMs: 60_000, overheadMs: 600_000 });
    expect(today.unattributedOverheadMs).toBe(60_000);
    expect(today.time).toEqual({ taskMs: H, overheadMs: 660_000, unpaidMs: 60_000, openMs: 0, openTasks: 0 });
  });

  it('an empty day', () => {
    expect(todaySummary([], [], at(28, 12), 'UTC')).toEqual({
      key: '2026-11-28',
      currencies: [],
      unattributedOverheadMs: 0,
      unattributedOpenTasks: 0,
      unattributedOpenMs: 0,
      time: { taskMs: 0, overheadMs: 0, unpaidMs: 0, openMs: 0, openTasks: 0 },
    });
  });
});


type Totals = Record<string, { earnedMinor: number; pendingMinor: number; tasks: number; taskMs: number; unpaidMs: number; openMs: number; openTasks: number }>;
function totals(groups: GroupSummary[]): { perCurrency: Totals; allTime: number; unpricedOpenTasks: number } {
  const perCurrency: Totals = {};
  let allTime = 0;
  let unpricedOpenTasks = 0;
  for (const g of groups) {
    allTime += g.unattributedOverheadMs + g.unattributedOpenMs;
    unpricedOpenTasks += g.unattributedOpenTasks;
    for (const c of g.currencies) {
      const t = (perCurrency[c.currency] ??= { earnedMinor: 0, pendingMinor: 0, tasks: 0, taskMs: 0, unpaidMs: 0, openMs: 0, openTasks: 0 });
      t.earnedMinor += c.earnedMinor;
      t.pendingMinor += c.pendingMinor;
      t.tasks += c.tasks;
      t.taskMs += c.taskMs;
      t.unpaidMs += c.unpaidMs;
      t.openMs += c.openMs;
      t.openTasks += c.openTasks;
      allTime += c.taskMs + c.overheadMs + c.unpaidMs + c.openMs;
    }
  }
  return { perCurrency, allTime, unpricedOpenTasks };
}

describe('summarize: properties', () => {
  it('the days add up to the platforms: money, tasks and time per currency, all time overall', () => {
    fc.assert(
      fc.property(fc.array(arbTask, { maxLength: 40 }), fc.array(arbSeg, { maxLength: 40 }), zone, (tasks, segs, timeZone) => {
        const days = totals(summarize(tasks, segs, 'day', { timeZone }));
        const platforms = totals(summarize(tasks, segs, 'platform', { timeZone }));
        const weeks = totals(summarize(tasks, segs, 'week', { timeZone }));
        expect(days).toEqual(platforms);
        expect(weeks).toEqual(platforms);
        // every counted ms is somewhere: tasks' time (open ones apart) plus non-excluded overhead
        const expected = tasks.reduce((s, t) => s + t.activeMs, 0) + segs.reduce((s, x) => s + (x.excluded ? 0 : x.end - x.start), 0);
        expect(days.allTime).toBe(expected);
        // and every open task is counted, once
        const openCounted = Object.values(days.perCurrency).reduce((n, c) => n + c.openTasks, 0) + days.unpricedOpenTasks;
        expect(openCounted).toBe(tasks.filter((t) => t.status === 'accepted').length);
      }),
      { numRuns: 200 },
    );
  });

  it('all-in rate <= true rate, and money is never mixed across currencies', () => {
    fc.assert(
      fc.property(fc.array(arbTask, { maxLength: 40 }), fc.array(arbSeg, { maxLength: 40 }), fc.constantFrom('day', 'week', 'month', 'platform', 'requester', 'group', 'task' as const), (tasks, segs, by) => {
        for (const g of summarize(tasks, segs, by, UTC)) {
          for (const c of g.currencies) {
            if (c.trueRate && c.allInRate) expect(c.allInRate.minorPerHour).toBeLessThanOrEqual(c.trueRate.minorPerHour);
            if (c.trueRate) expect(c.trueRate.currency).toBe(c.currency);
            expect(c.trueRate === null).toBe(c.taskMs < MIN_RATE_SPAN_MS);
          }
        }
        const byCurrency = totals(summarize(tasks, segs, 'task', UTC)).perCurrency;
        for (const currency of ['USD', 'GBP', 'EUR']) {
          const reward = tasks
            .filter((t) => t.reward?.currency === currency && ['approved', 'paid'].includes(t.status))
            .reduce((s, t) => s + t.reward!.amountMinor, 0);
          // An open task's bonus waits for its end, like its reward.
          const bonuses = tasks
            .filter((t) => t.status !== 'rejected' && t.status !== 'accepted')
            .flatMap((t) => t.bonuses)
            .filter((b) => b.currency === currency)
            .reduce((s, b) => s + b.amountMinor, 0);
          expect([currency, byCurrency[currency]?.earnedMinor ?? 0]).toEqual([currency, reward + bonuses]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
