import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '@/lib/model/records';
import { groupStats } from '@/lib/rates/group-stats';
import { hourlyRate } from '@/lib/rates/hourly-rate';
import { medianInterval } from '@/lib/rates/median-interval';
import { makeTask, settingsWith } from './make-task';

const S = settingsWith();
const MIN = 60_000;
/** A finished task of requester R1 advertised at 5 min that took `minutes`. */
const took = (i: number, minutes: number, over: Partial<TaskRecord> = {}) =>
  makeTask({ id: `mturk:${i}`, externalId: String(i), activeMs: minutes * MIN, advertisedSeconds: 300, ...over });

describe('groupStats', () => {
  it('median true rate and ratio with its exact interval, over finished tasks', () => {
    const tasks = [took(1, 5), took(2, 10), took(3, 15), took(4, 20, { status: 'accepted' }), took(5, 20, { status: 'previewed' })];
    const [g] = groupStats(tasks, 'requester', S);
    expect(g!.key).toBe('mturk:R1');
    expect(g!.label).toBe('Requester One');
    expect(g!.n).toBe(3);
    // rates: 50c over 5, 10, 15 min -> median is the 10 min task
    expect(g!.medianTrueRate).toEqual(hourlyRate(50, 10 * MIN, 'USD'));
    expect(g!.ratio).toEqual(medianInterval([1, 2, 3]));
    expect(g!.ratio).toMatchObject({ median: 2, low: 1, high: 3, coverage: 0.75, n: 3 });
    expect(g!.flags).toEqual(['longer-than-advertised']);
  });

  it('needs groupMinN tasks with advertised time for the longer flag', () => {
    expect(groupStats([took(1, 20), took(2, 20)], 'requester', S)[0]!.flags).toEqual([]);
    expect(groupStats([took(1, 20), took(2, 20), took(3, 20, { advertisedSeconds: null })], 'requester', S)[0]!.flags).toEqual([]);
    expect(groupStats([took(1, 20), took(2, 20), took(3, 20)], 'requester', S)[0]!.flags).toEqual(['longer-than-advertised']);
    const four = settingsWith({ flagThresholds: { ...S.flagThresholds, groupMinN: 4 } });
    expect(groupStats([took(1, 20), took(2, 20), took(3, 20)], 'requester', four)[0]!.flags).toEqual([]);
  });

  it('the longer flag needs median ratio >= longerRatio', () => {
    // ratios 1, 1.5, 3: median 1.5 -> flagged; 1, 1.4, 3 -> not
    expect(groupStats([took(1, 5), took(2, 7.5), took(3, 15)], 'requester', S)[0]!.flags).toEqual(['longer-than-advertised']);
    expect(groupStats([took(1, 5), took(2, 7), took(3, 15)], 'requester', S)[0]!.flags).toEqual([]);
  });

  it('below minimum from the median true rate in the group’s currency', () => {
    const tasks = [took(1, 5), took(2, 5), took(3, 5)]; // $6.00/h each
    expect(groupStats(tasks, 'requester', settingsWith({ minHourlyMinor: { USD: 601 } }))[0]!.flags).toEqual(['below-minimum']);
    expect(groupStats(tasks, 'requester', settingsWith({ minHourlyMinor: { USD: 600 } }))[0]!.flags).toEqual([]);
    expect(groupStats(tasks, 'requester', settingsWith({ minHourlyMinor: { GBP: 5000 } }))[0]!.flags).toEqual([]);
  });

  it('main currency is the currency of most tasks; the median is over those', () => {
    const gbp = { amountMinor: 1000, currency: 'GBP' };
    const tasks = [took(1, 5), took(2, 10), took(3, 5, { reward: gbp }), took(4, 60), took(5, 5, { reward: gbp })];
    const [g] = groupStats(tasks, 'requester', S);
    expect(g!.n).toBe(5);
    expect(g!.medianTrueRate).toEqual(hourlyRate(50, 10 * MIN, 'USD'));
  });

  it('an even count takes the exact mean of the middle two rates, rounded half up once', () => {
    // 50c over 7 min = 428.571...c/h, over 9 min = 333.33...c/h; mean 380.952... -> 381
    const [g] = groupStats([took(1, 7), took(2, 9)], 'requester', S);
    expect(g!.medianTrueRate).toEqual({ minorPerHour: Math.round((50 * 60) / 7 / 2 + (50 * 60) / 9 / 2), currency: 'USD' });
    expect(g!.medianTrueRate!.minorPerHour).toBe(381);
  });

  it('rejected tasks count at a rate of 0; tasks with no time have no rate', () => {
    const tasks = [took(1, 5, { status: 'rejected' }), took(2, 5, { status: 'rejected' }), took(3, 5), took(4, 0)];
    const [g] = groupStats(tasks, 'requester', S);
    expect(g!.n).toBe(4);
    expect(g!.medianTrueRate).toEqual({ minorPerHour: 0, currency: 'USD' });
  });

  it('the median true rate has an exact interval: the rates of the tasks at its order statistics', () => {
    // 50c over 1..9 min: n = 9 reaches 90% with [x(2), x(8)] (coverage 1 - 2 * 10/512).
    const tasks = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => took(m, m));
    const [g] = groupStats(tasks, 'requester', S);
    expect(g!.medianTrueRate).toEqual(hourlyRate(50, 5 * MIN, 'USD'));
    const byRate = medianInterval(tasks.map((t) => (50 * 3_600_000) / t.activeMs))!;
    expect(g!.trueRateInterval).toEqual({
      median: 600,
      low: hourlyRate(50, 8 * MIN, 'USD')!.minorPerHour,
      high: hourlyRate(50, 2 * MIN, 'USD')!.minorPerHour,
      coverage: byRate.coverage,
      n: 9,
    });
    expect(g!.trueRateInterval!.coverage).toBeCloseTo(1 - 20 / 512, 12);
    expect(g!.trueRateInterval!.low).toBe(375);
    expect(g!.trueRateInterval!.high).toBe(1500);
  });

  it('the rate interval of a few tasks is [min, max] with its real coverage; of one task, a point', () => {
    const [three] = groupStats([took(1, 5), took(2, 10), took(3, 20, { status: 'returned' })], 'requester', S);
    // The returned task is in it at 0 over its 20 minutes.
    expect(three!.trueRateInterval).toEqual({ median: 300, low: 0, high: 600, coverage: 0.75, n: 3 });
    const [one] = groupStats([took(1, 5)], 'requester', S);
    expect(one!.trueRateInterval).toEqual({ median: 600, low: 600, high: 600, coverage: 0, n: 1 });
    const [none] = groupStats([took(1, 5, { reward: null })], 'requester', S);
    expect(none!.trueRateInterval).toBeNull();
  });

  it('groups by platform and id, label as last seen, no id left out, sorted', () => {
    const tasks = [
      took(1, 5, { groupId: 'B', title: 'old title', acceptedAt: 1000 }),
      took(2, 5, { groupId: 'B', title: 'new title', acceptedAt: 2000 }),
      took(3, 5, { groupId: 'A', platform: 'prolific' }),
      took(4, 5, { groupId: null }),
      took(5, 5, { groupId: 'B', platform: 'toloka' }),
    ];
    const stats = groupStats(tasks, 'group', S);
    expect(stats.map((g) => [g.key, g.n])).toEqual([
      ['mturk:B', 2],
      ['prolific:A', 1],
      ['toloka:B', 1],
    ]);
    expect(stats[0]!.label).toBe('new title');
  });

  it('no reward: no rate; no advertised time: no ratio', () => {
    const [g] = groupStats([took(1, 5, { reward: null, advertisedSeconds: null })], 'requester', S);
    expect(g).toMatchObject({ n: 1, medianTrueRate: null, trueRateInterval: null, ratio: null, flags: [] });
  });
});
