import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskStatus } from '@/lib/model/records';
import { hourlyRate } from '@/lib/rates/hourly-rate';
import { advertisedMsOf, taskEarnings, taskRates } from '@/lib/rates/task-rates';
import { makeTask, settingsWith } from './make-task';

const S = settingsWith();
const bonus = (amountMinor: number, currency = 'USD') => ({ amountMinor, currency, source: 'manual' as const, at: 0 });

describe('taskRates: formulas', () => {
  it('advertised rate = reward / advertised time; true rate = reward / counted time; ratio = counted / advertised', () => {
    const r = taskRates(makeTask({ reward: { amountMinor: 50, currency: 'USD' }, advertisedSeconds: 300, activeMs: 600_000 }), S);
    expect(r.countedMs).toBe(600_000);
    expect(r.advertisedRate).toEqual({ minorPerHour: (50 * 3600) / 300, currency: 'USD' });
    expect(r.trueRate).toEqual({ minorPerHour: (50 * 3_600_000) / 600_000, currency: 'USD' });
    expect(r.timeRatio).toBe(600_000 / 300_000);
    expect(r.earned).toEqual([{ amountMinor: 50, currency: 'USD' }]);
    expect(r.pending).toBe(false);
  });

  it('bonuses in the reward currency count in the true rate; others only in earned', () => {
    const task = makeTask({ activeMs: 1_800_000, bonuses: [bonus(25), bonus(10), bonus(100, 'GBP')] });
    const r = taskRates(task, S);
    expect(r.earned).toEqual([
      { amountMinor: 100, currency: 'GBP' },
      { amountMinor: 50 + 25 + 10, currency: 'USD' },
    ]);
    expect(r.trueRate).toEqual(hourlyRate(85, 1_800_000, 'USD'));
    expect(r.trueRate?.minorPerHour).toBe(170);
    // the advertised rate is the reward alone
    expect(r.advertisedRate?.minorPerHour).toBe(600);
  });

  it('uses only advertisedSeconds as an estimate, never the allotted time', () => {
    const unknown = makeTask({ advertisedSeconds: null, advertisedKind: null, allottedSeconds: 3600, activeMs: 10 * 3_600_000 });
    const r = taskRates(unknown, S);
    expect(r.advertisedRate).toBeNull();
    expect(r.timeRatio).toBeNull();
    expect(r.flags).not.toContain('longer-than-advertised');
    // a record whose advertised kind says "allotted" is not an estimate either
    const allotted = makeTask({ advertisedSeconds: 60, advertisedKind: 'allotted', activeMs: 600_000 });
    expect(advertisedMsOf(allotted)).toBeNull();
    expect(taskRates(allotted, S).timeRatio).toBeNull();
    expect(advertisedMsOf(makeTask({ advertisedSeconds: 60, advertisedKind: 'aet' }))).toBe(60_000);
  });

  it('zero counted time: no true rate, ratio 0', () => {
    const r = taskRates(makeTask({ activeMs: 0 }), S);
    expect(r.trueRate).toBeNull();
    expect(r.timeRatio).toBe(0);
    expect(r.advertisedRate?.minorPerHour).toBe(600);
  });

  it('unknown reward: no rates, but bonuses still count as earned', () => {
    const r = taskRates(makeTask({ reward: null, bonuses: [bonus(30, 'EUR')] }), S);
    expect(r.advertisedRate).toBeNull();
    expect(r.trueRate).toBeNull();
    expect(r.earned).toEqual([{ amountMinor: 30, currency: 'EUR' }]);
    expect(taskRates(makeTask({ reward: null }), S).earned).toEqual([]);
  });

  it('rejected tasks earn nothing, bonuses included; their true rate is 0', () => {
    const r = taskRates(makeTask({ status: 'rejected', bonuses: [bonus(20)] }), S);
    expect(r.earned).toEqual([]);
    expect(r.trueRate).toEqual({ minorPerHour: 0, currency: 'USD' });
    expect(r.pending).toBe(false);
  });

  it('returned / expired / timed-out / screened-out: no reward, bonuses (compensation) count', () => {
    for (const status of ['returned', 'expired', 'timed-out', 'screened-out'] as const) {
      const r = taskRates(makeTask({ status, bonuses: [bonus(12)] }), S);
      expect(r.earned).toEqual([{ amountMinor: 12, currency: 'USD' }]);
      expect(r.trueRate).toEqual(hourlyRate(12, 600_000, 'USD'));
    }
  });

  it('pending while accepted or submitted; the reward still counts in earned and the true rate', () => {
    for (const status of TASK_STATUSES) {
      const r = taskRates(makeTask({ status }), S);
      expect([status, r.pending]).toEqual([status, status === 'accepted' || status === 'submitted']);
    }
    const submitted = taskRates(makeTask({ status: 'submitted' }), S);
    expect(submitted.earned).toEqual([{ amountMinor: 50, currency: 'USD' }]);
    expect(submitted.trueRate?.minorPerHour).toBe(300);
  });

  it('a preview earns nothing and has no true rate', () => {
    const r = taskRates(makeTask({ status: 'previewed' }), S);
    expect(r.earned).toEqual([]);
    expect(r.trueRate).toBeNull();
    expect(r.flags).toEqual([]);
  });
});

describe('taskRates: flags', () => {
  const finished: TaskStatus[] = ['submitted', 'approved', 'paid', 'rejected', 'returned', 'expired', 'timed-out', 'screened-out'];

  it('longer than advertised at ratio >= longerRatio, on finished tasks only', () => {
    for (const status of TASK_STATUSES) {
      const at = taskRates(makeTask({ status, advertisedSeconds: 300, activeMs: 450_000 }), S);
      const below = taskRates(makeTask({ status, advertisedSeconds: 300, activeMs: 449_999 }), S);
      expect([status, at.flags.includes('longer-than-advertised')]).toEqual([status, finished.includes(status)]);
      expect(below.flags).not.toContain('longer-than-advertised');
    }
  });

  it('the ratio threshold is the worker’s', () => {
    const s = settingsWith({ flagThresholds: { ...S.flagThresholds, longerRatio: 3 } });
    expect(taskRates(makeTask({ activeMs: 899_999 }), s).flags).not.toContain('longer-than-advertised');
    expect(taskRates(makeTask({ activeMs: 900_000 }), s).flags).toContain('longer-than-advertised');
  });

  it('no longer flag with zero or unknown advertised time', () => {
    expect(taskRates(makeTask({ advertisedSeconds: null, activeMs: 1e7 }), S).flags).toEqual([]);
    expect(taskRates(makeTask({ advertisedSeconds: 0, activeMs: 1e7 }), S).timeRatio).toBeNull();
  });

  it('below minimum only when the worker set one for that currency', () => {
    // $0.50 over 10 min = $3.00/h
    expect(taskRates(makeTask({ advertisedSeconds: 600 }), S).flags).toEqual([]);
    const min = (minHourlyMinor: Record<string, number>) => settingsWith({ minHourlyMinor });
    expect(taskRates(makeTask({ advertisedSeconds: 600 }), min({ USD: 301 })).flags).toEqual(['below-minimum']);
    expect(taskRates(makeTask({ advertisedSeconds: 600 }), min({ USD: 300 })).flags).toEqual([]);
    expect(taskRates(makeTask({ advertisedSeconds: 600 }), min({ GBP: 10_000 })).flags).toEqual([]);
    // a same-currency bonus lifts the rate over the minimum
    expect(taskRates(makeTask({ advertisedSeconds: 600, bonuses: [bonus(1)] }), min({ USD: 301 })).flags).toEqual([]);
  });

  it('below minimum is for tasks that can earn; unpaid ones get unpaid work instead', () => {
    const s = settingsWith({ minHourlyMinor: { USD: 1000 } });
    expect(taskRates(makeTask({ status: 'accepted', advertisedSeconds: 600 }), s).flags).toEqual(['below-minimum']);
    expect(taskRates(makeTask({ status: 'rejected', advertisedSeconds: 600 }), s).flags).toEqual(['unpaid-work']);
  });

  it('unpaid work for returned, rejected, expired, timed-out, screened-out after real time', () => {
    const unpaid: TaskStatus[] = ['returned', 'rejected', 'expired', 'timed-out', 'screened-out'];
    for (const status of TASK_STATUSES) {
      const r = taskRates(makeTask({ status, advertisedSeconds: null, activeMs: 30_000 }), S);
      expect([status, r.flags]).toEqual([status, unpaid.includes(status) ? ['unpaid-work'] : []]);
      expect(taskRates(makeTask({ status, advertisedSeconds: null, activeMs: 29_999 }), S).flags).toEqual([]);
    }
    const zero = settingsWith({ flagThresholds: { ...S.flagThresholds, unpaidMinS: 0 } });
    expect(taskRates(makeTask({ status: 'returned', activeMs: 0 }), zero).flags).toEqual([]);
    expect(taskRates(makeTask({ status: 'returned', activeMs: 1, advertisedSeconds: null }), zero).flags).toEqual(['unpaid-work']);
  });

  it('several flags at once, in a stable order', () => {
    const s = settingsWith({ minHourlyMinor: { USD: 1000 } });
    expect(taskRates(makeTask({ advertisedSeconds: 60 }), s).flags).toEqual(['longer-than-advertised', 'below-minimum']);
    expect(taskRates(makeTask({ status: 'screened-out', advertisedSeconds: 60 }), s).flags).toEqual(['longer-than-advertised', 'unpaid-work']);
  });
});

describe('taskEarnings', () => {
  it('sums per currency, sorted by code', () => {
    const t = makeTask({ reward: { amountMinor: 100, currency: 'GBP' }, bonuses: [bonus(5, 'USD'), bonus(7, 'GBP'), bonus(1, 'EUR')] });
    expect(taskEarnings(t)).toEqual([
      { amountMinor: 1, currency: 'EUR' },
      { amountMinor: 107, currency: 'GBP' },
      { amountMinor: 5, currency: 'USD' },
    ]);
  });
});
