import { describe, expect, it } from 'vitest';
import { summarize, todaySummary } from '@/lib/rates/aggregate';
import { groupStats } from '@/lib/rates/group-stats';
import { hourlyRate } from '@/lib/rates/hourly-rate';
import { MIN_RATE_SPAN_MS, measuredRate, periodRates } from '@/lib/rates/measured-rate';
import { taskRates } from '@/lib/rates/task-rates';
import { makeTask, settingsWith } from './make-task';

const S = settingsWith();
const NOW = Date.UTC(2026, 10, 28, 15, 0, 0);

describe('the span floor', () => {
  it('is short enough for real MTurk HITs of 15 s and long enough to hide a 3 s figure', () => {
    expect(MIN_RATE_SPAN_MS).toBeGreaterThan(3000);
    expect(MIN_RATE_SPAN_MS).toBeLessThan(15_000);
  });

  it.each([
    [0, null, 'no-time'],
    [1, null, 'too-short'],
    [3000, null, 'too-short'],
    [MIN_RATE_SPAN_MS - 1, null, 'too-short'],
    [MIN_RATE_SPAN_MS, hourlyRate(35, MIN_RATE_SPAN_MS, 'USD'), null],
    [15_000, { minorPerHour: 8400, currency: 'USD' }, null],
  ] as const)('$0.35 over %i ms: rate %o, reason %s', (ms, rate, why) => {
    expect(measuredRate(35, ms, 'USD')).toEqual({ rate, why });
  });
});

describe('a finished task below the floor has no true rate; above it, one', () => {
  it.each([
    ['approved', 3000, 'too-short'],
    ['approved', MIN_RATE_SPAN_MS - 1, 'too-short'],
    ['rejected', 5000, 'too-short'],
    ['approved', 0, 'no-time'],
  ] as const)('%s after %i ms: no rate (%s)', (status, activeMs, why) => {
    const r = taskRates(makeTask({ status, activeMs }), S);
    expect([r.trueRate, r.noTrueRate]).toEqual([null, why]);
  });

  it.each([
    ['approved', MIN_RATE_SPAN_MS, hourlyRate(50, MIN_RATE_SPAN_MS, 'USD')],
    ['approved', 15_000, { minorPerHour: 12_000, currency: 'USD' }],
    ['rejected', 15_000, { minorPerHour: 0, currency: 'USD' }],
  ] as const)('%s after %i ms: a rate', (status, activeMs, rate) => {
    const r = taskRates(makeTask({ status, activeMs }), S);
    expect([r.trueRate, r.noTrueRate]).toEqual([rate, null]);
  });

  it('no rate means no "below your minimum" verdict either', () => {
    const s = settingsWith({ minHourlyMinor: { USD: 1_000_000 } });
    expect(taskRates(makeTask({ activeMs: MIN_RATE_SPAN_MS - 1, advertisedSeconds: null }), s).flags).toEqual([]);
    expect(taskRates(makeTask({ activeMs: MIN_RATE_SPAN_MS, advertisedSeconds: null }), s).flags).toEqual(['below-minimum']);
  });

  it('the advertised rate is the platform’s figure, not a measurement: no floor', () => {
    expect(taskRates(makeTask({ advertisedSeconds: 5, activeMs: 3000 }), S).advertisedRate).toEqual({ minorPerHour: 36_000, currency: 'USD' });
  });
});

describe('a period whose counted time is below the floor has no rate', () => {
  it('a day of one 8 s task: too short to tell, for both rates', () => {
    const today = todaySummary([makeTask({ activeMs: 8000, acceptedAt: NOW - 60_000 })], [], NOW, 'UTC');
    expect(today.currencies[0]).toMatchObject({ earnedMinor: 50, taskMs: 8000, trueRate: null, noTrueRate: 'too-short', allInRate: null, noAllInRate: 'too-short' });
  });

  it('the floor is on the summed time: two 6 s tasks make a day with a rate', () => {
    const tasks = [makeTask({ id: 'a', activeMs: 6000 }), makeTask({ id: 'b', activeMs: 6000 })];
    const [day] = summarize(tasks, [], 'day', { timeZone: 'UTC' });
    expect(day!.currencies[0]).toMatchObject({ taskMs: 12_000, trueRate: hourlyRate(100, 12_000, 'USD'), noTrueRate: null });
    for (const task of tasks) expect(taskRates(task, S).trueRate).toBeNull();
  });

  it('each rate has its own denominator: 5 s in a task and a minute of unpaid work give an all-in rate only', () => {
    const tasks = [makeTask({ id: 'a', activeMs: 5000 }), makeTask({ id: 'b', status: 'returned', activeMs: 60_000 })];
    const usd = summarize(tasks, [], 'platform', { timeZone: 'UTC' })[0]!.currencies[0]!;
    expect(usd).toMatchObject({ trueRate: null, noTrueRate: 'too-short', allInRate: hourlyRate(50, 65_000, 'USD'), noAllInRate: null });
    expect(periodRates(50, { taskMs: 5000, overheadMs: 0, unpaidMs: 60_000 }, 'USD')).toEqual({
      trueRate: null,
      noTrueRate: 'too-short',
      allInRate: hourlyRate(50, 65_000, 'USD'),
      noAllInRate: null,
    });
  });
});

describe('a requester’s median true rate is over tasks that have a rate', () => {
  it('tasks below the floor count in n but not in the median', () => {
    const took = (i: number, activeMs: number) => makeTask({ id: `mturk:${i}`, externalId: String(i), activeMs });
    const [g] = groupStats([took(1, 2000), took(2, 3000), took(3, 600_000)], 'requester', S);
    expect(g!.n).toBe(3);
    expect(g!.medianTrueRate).toEqual(hourlyRate(50, 600_000, 'USD'));
    const [short] = groupStats([took(1, 2000), took(2, 3000)], 'requester', S);
    expect(short!.medianTrueRate).toBeNull();
  });
});
