import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAggregator, MIN_K } from '@/lib/share/aggregate';
import type { ContributedTask } from '@/lib/share/contribution';
import { contributedTask } from './make-contributed';

const task = contributedTask;

const taskArb = fc.record({
  requesterId: fc.constantFrom('R1', 'R2'),
  groupId: fc.constantFrom('G1', 'G2', 'G3'),
  activeSeconds: fc.integer({ min: 1, max: 720 }).map((n) => n * 5),
  amountMinor: fc.integer({ min: 0, max: 300 }),
  outcome: fc.constantFrom('paid', 'pending', 'rejected', 'returned', 'screened-out' as const),
}).map((r) => task({ requesterId: r.requesterId, groupId: r.groupId, activeSeconds: r.activeSeconds, reward: { amountMinor: r.amountMinor, currency: 'USD' }, outcome: r.outcome }));
/** Contributors, each with their tasks. */
const membersArb = fc.array(fc.array(taskArb, { minLength: 1, maxLength: 12 }), { minLength: 0, maxLength: 16 });

const run = (members: ContributedTask[][], k = MIN_K, order: number[] = members.map((_, i) => i)) => {
  const agg = createAggregator({ k });
  for (const i of order) agg.add(`c${i}`, members[i]!);
  return agg.result();
};

describe('aggregation', () => {
  it('publishes no group with fewer than k contributors, or with one contributor over half its tasks', () => {
    fc.assert(
      fc.property(membersArb, (members) => {
        for (const g of run(members)) {
          const per = members.map((tasks) => tasks.filter((t) => (g.by === 'requester' ? t.requesterId : t.groupId) === g.id).length);
          expect(per.filter((n) => n > 0).length).toBeGreaterThanOrEqual(MIN_K);
          expect(g.contributors).toBe(per.filter((n) => n > 0).length);
          expect(Math.max(...per)).toBeLessThanOrEqual(g.tasks / 2);
        }
      }),
    );
  });

  it('gives the same figures whatever the order of contributors and of their records', () => {
    fc.assert(
      fc.property(membersArb, fc.infiniteStream(fc.nat()), (members, seeds) => {
        const order = members.map((_, i) => i).sort(() => (seeds.next().value % 3) - 1);
        const shuffled = members.map((tasks) => [...tasks].reverse());
        expect(run(shuffled, MIN_K, order)).toEqual(run(members));
      }),
    );
  });

  it('counts a file sent twice once, and two identical tasks in one file twice', () => {
    const members = Array.from({ length: 5 }, (_, i) => [task({ activeSeconds: 100 + i * 50 }), task({ activeSeconds: 100 + i * 50 })]);
    const once = createAggregator({ k: 5 });
    const twice = createAggregator({ k: 5 });
    members.forEach((tasks, i) => {
      once.add(`c${i}`, tasks);
      twice.add(`c${i}`, tasks);
      twice.add(`c${i}`, tasks);
    });
    expect(twice.result()).toEqual(once.result());
    expect(once.result().find((g) => g.by === 'group')?.tasks).toBe(10);
  });

  it('publishes medians and quartiles of per-task rates, never the extremes; a small n gets a ratio band', () => {
    // Five contributors, one task each: $0.50 in 100..500 s, so $18, $9, $6, $4.50, $3.60 an hour.
    const agg = createAggregator({ k: 5 });
    [100, 200, 300, 400, 500].forEach((s, i) => agg.add(`c${i}`, [task({ activeSeconds: s })]));
    const group = agg.result().find((g) => g.by === 'group')!;
    expect(group).toMatchObject({ platform: 'mturk', id: 'G1', currency: 'USD', tasks: 5, contributors: 5, rejectedShare: 0, returnedShare: 0 });
    expect(group.rate).toEqual({ median: 600, p25: 450, p75: 900, n: 5 });
    // Ratios 1/3 .. 5/3 with n = 5: the 90 % interval would be [min, max], so only a band.
    expect(group.ratio).toEqual({ band: [1, 1.25], n: 5 });
  });

  it('with more tasks, the ratio comes with its exact interval, whose ends are inner order statistics', () => {
    const agg = createAggregator({ k: 5 });
    for (let i = 0; i < 10; i++) agg.add(`c${i}`, [task({ activeSeconds: 150 + i * 30 })]);
    const ratio = agg.result().find((g) => g.by === 'group')!.ratio!;
    expect(ratio).toMatchObject({ n: 10, low: 180 / 300, high: 390 / 300 });
    expect('median' in ratio && ratio.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('counts a rejected task at nothing and a returned one at its bonus, like the worker’s own rates', () => {
    const agg = createAggregator({ k: 5 });
    const outcomes = ['rejected', 'returned', 'paid', 'paid', 'paid'] as const;
    outcomes.forEach((outcome, i) => agg.add(`c${i}`, [task({ outcome, bonusMinor: outcome === 'returned' ? 10 : 0 })]));
    const group = agg.result().find((g) => g.by === 'group')!;
    expect(group.rate).toMatchObject({ p25: 120, median: 600, n: 5 });
    expect(group).toMatchObject({ rejectedShare: 0.2, returnedShare: 0.2 });
  });

  it('refuses a k under 5', () => {
    expect(() => createAggregator({ k: 4 })).toThrow(/at least 5/);
  });
});
