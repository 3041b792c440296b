import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type SegmentRecord, type TaskRecord } from '@/lib/model/records';
import { ENDED } from '@/lib/tasks/lifecycle';
import { summarize, todaySummary } from '@/lib/rates/aggregate';
import { isFinished, isOpen } from '@/lib/rates/status-class';
import { taskRates } from '@/lib/rates/task-rates';
import type { CurrencySummary, GroupSummary } from '@/lib/rates/types';
import { makeTask, settingsWith } from './make-task';

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 28, 15, 0, 0);
const bonus = (amountMinor: number, currency = 'USD') => ({ amountMinor, currency, source: 'manual' as const, at: 0 });
const overhead = (ms: number, platform: SegmentRecord['platform'] = 'mturk'): SegmentRecord => ({
  taskId: null,
  platform,
  start: Date.UTC(2026, 10, 28, 9),
  end: Date.UTC(2026, 10, 28, 9) + ms,
  source: 'measured',
  excluded: false,
});

/** The demo: a $0.35 MTurk task, accepted 3 s ago. */
const demo = makeTask({
  id: 'mturk:DEMO',
  reward: { amountMinor: 35, currency: 'USD' },
  status: 'accepted',
  endedAt: null,
  acceptedAt: NOW - 3000,
  activeMs: 3000,
  advertisedSeconds: 180,
});

/**
 * What a summary holds once the open tasks' own fields are set aside. A currency, or a group (its
 * task, its platform, its requester), known only from an open task has nothing else in it.
 */
function withoutOpen(groups: GroupSummary[]) {
  return groups
    .map(({ unattributedOpenTasks: _t, unattributedOpenMs: _m, ...g }) => ({
      ...g,
      currencies: g.currencies
        .map(({ openMs: _ms, openTasks: _n, ...c }) => c)
        .filter((c) => c.tasks > 0 || c.earnedMinor > 0 || c.taskMs + c.overheadMs + c.unpaidMs > 0),
    }))
    .filter((g) => g.currencies.length > 0 || g.unattributedOverheadMs > 0);
}

describe('one definition of an open task', () => {
  it('open is accepted: not previewed, not in the lifecycle’s ended states', () => {
    for (const status of TASK_STATUSES) {
      expect([status, isOpen(status)]).toEqual([status, status === 'accepted']);
      expect([status, isFinished(status)]).toEqual([status, ENDED.has(status)]);
    }
  });
});

describe('summaries count an open task apart', () => {
  const finished = [
    makeTask({ id: 'mturk:1', status: 'approved', reward: { amountMinor: 100, currency: 'USD' }, activeMs: H / 2, acceptedAt: NOW - 4 * H }),
    makeTask({ id: 'mturk:2', status: 'submitted', reward: { amountMinor: 50, currency: 'USD' }, activeMs: H / 2, acceptedAt: NOW - 3 * H }),
    makeTask({ id: 'prolific:3', platform: 'prolific', status: 'paid', reward: { amountMinor: 300, currency: 'GBP' }, activeMs: H, acceptedAt: NOW - 2 * H }),
    makeTask({ id: 'mturk:4', status: 'returned', activeMs: 60_000, acceptedAt: NOW - 2 * H }),
  ];
  const segs = [overhead(20 * 60_000), overhead(5 * 60_000, 'prolific'), overhead(60_000, 'toloka')];

  const cases: { name: string; open: TaskRecord; currency: string | null }[] = [
    { name: 'the demo task, 3 s in', open: demo, currency: 'USD' },
    { name: 'an open task an hour in, with a bonus already entered', open: { ...demo, id: 'mturk:O2', activeMs: H, bonuses: [bonus(20)] }, currency: 'USD' },
    { name: 'an open task in a currency of its own', open: { ...demo, id: 'mturk:O3', reward: { amountMinor: 500, currency: 'EUR' } }, currency: 'EUR' },
    { name: 'an open task on a platform with no other task (its overhead stays unattributed)', open: { ...demo, id: 'toloka:O4', platform: 'toloka', activeMs: 90_000 }, currency: 'USD' },
    { name: 'an open manual timer with no reward', open: { ...demo, id: 'manual:O5', platform: 'manual', reward: null, activeMs: 40_000 }, currency: null },
  ];

  for (const { name, open, currency } of cases) {
    it(`${name}: rates, earned and pending are those of the day without it; its time is shown apart`, () => {
      for (const by of ['day', 'platform', 'requester', 'task'] as const) {
        const withIt = summarize([...finished, open], segs, by, { timeZone: 'UTC' });
        const without = summarize(finished, segs, by, { timeZone: 'UTC' });
        expect([by, withoutOpen(withIt)]).toEqual([by, withoutOpen(without)]);
      }
      const today = todaySummary([...finished, open], segs, NOW, 'UTC');
      const before = todaySummary(finished, segs, NOW, 'UTC');
      expect(today.time).toEqual({ ...before.time, openMs: open.activeMs, openTasks: 1 });
      if (currency === null) {
        expect([today.unattributedOpenTasks, today.unattributedOpenMs]).toEqual([1, open.activeMs]);
      } else {
        const c = today.currencies.find((x) => x.currency === currency);
        expect(c).toMatchObject({ openTasks: 1, openMs: open.activeMs });
        expect(today.unattributedOpenTasks).toBe(0);
      }
    });
  }

  it('the demo alone: no rate, nothing pending, "in progress: 1 task, 0:03"', () => {
    const today = todaySummary([demo], [], NOW, 'UTC');
    expect(today.currencies).toHaveLength(1);
    const usd = today.currencies[0] as CurrencySummary;
    expect(usd).toMatchObject({ currency: 'USD', earnedMinor: 0, pendingMinor: 0, tasks: 0, taskMs: 0, openTasks: 1, openMs: 3000 });
    expect([usd.trueRate, usd.allInRate]).toEqual([null, null]);
    expect([usd.noTrueRate, usd.noAllInRate]).toEqual(['no-time', 'no-time']);
    expect(today.time).toMatchObject({ taskMs: 0, openMs: 3000, openTasks: 1 });
  });

  it('the all-in rate does not drop while a task is in progress', () => {
    const base = todaySummary(finished, segs, NOW, 'UTC').currencies.find((c) => c.currency === 'USD')!;
    for (const activeMs of [3000, 60_000, 10 * H]) {
      const usd = todaySummary([...finished, { ...demo, activeMs }], segs, NOW, 'UTC').currencies.find((c) => c.currency === 'USD')!;
      expect([activeMs, usd.allInRate, usd.trueRate]).toEqual([activeMs, base.allInRate, base.trueRate]);
    }
  });

  it('once it ends, its reward and its time join the day', () => {
    const ended = { ...demo, status: 'submitted' as const, endedAt: NOW, activeMs: 180_000 };
    const usd = todaySummary([ended], [], NOW, 'UTC').currencies[0]!;
    expect(usd).toMatchObject({ pendingMinor: 35, tasks: 1, taskMs: 180_000, openTasks: 0, openMs: 0 });
    expect(usd.trueRate).toEqual({ minorPerHour: 700, currency: 'USD' });
  });
});

describe('taskRates of an open task', () => {
  const S = settingsWith();

  it('has no true rate yet, says it is open, and keeps its rate so far apart', () => {
    const r = taskRates(demo, S);
    expect(r).toMatchObject({ open: true, trueRate: null, noTrueRate: 'open', rateSoFar: null, countedMs: 3000 });
    const later = taskRates({ ...demo, activeMs: 60_000 }, S);
    expect(later).toMatchObject({ open: true, trueRate: null, noTrueRate: 'open' });
    expect(later.rateSoFar).toEqual({ minorPerHour: 2100, currency: 'USD' });
    // Even with no reward known, what the worker needs to hear is that it is still open.
    expect(taskRates({ ...demo, reward: null }, S).noTrueRate).toBe('open');
  });

  it('an ended task has a true rate and no rate so far', () => {
    const r = taskRates({ ...demo, status: 'submitted', endedAt: NOW, activeMs: 60_000 }, S);
    expect(r).toMatchObject({ open: false, trueRate: { minorPerHour: 2100, currency: 'USD' }, noTrueRate: null, rateSoFar: null });
  });

  it('flags as before: below the minimum on its rate so far, never longer than advertised while open', () => {
    const s = settingsWith({ minHourlyMinor: { USD: 2500 } });
    expect(taskRates({ ...demo, activeMs: 60_000 }, s).flags).toEqual(['below-minimum']);
    expect(taskRates({ ...demo, activeMs: 50_000 }, s).flags).toEqual([]);
    expect(taskRates({ ...demo, activeMs: 10 * H }, S).flags).toEqual([]);
  });
});
