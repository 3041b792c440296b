import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAggregator, MIN_K, type PublishedGroup } from '@/lib/share/aggregate';
import type { ContributedTask } from '@/lib/share/contribution';
import { contributedTask } from './make-contributed';

/**
 * What a feed can and cannot tell of one member's record. aggregate.test.ts already checks that a
 * published group has at least k contributors and none over half its tasks; these are about the
 * figures themselves.
 *
 * The threat: a member sends one new task, the collective publishes again, and whoever reads both
 * feeds compares them, perhaps knowing every other record too. Order statistics cannot hide
 * everything from that: the shares tell the new task's outcome, and a value that lands on a
 * published rank (a quartile, the middle, an interval's end) is published. What the rules do
 * promise, and what is asserted here: a record that is the extreme of its groups, the slowest or
 * cheapest, the fastest or richest (the records that single a worker out), never shows through.
 * The published ranks are never the first or the last (n >= 5: a quartile's rank ceil(n/4) >= 2
 * and ceil(3n/4) <= n - 1, the middle ones inside, an interval's ends x(k) and x(n+1-k) only with
 * k >= 2, else a band that depends on the median alone), so the feed says "one more task beyond
 * the others" and never how far beyond.
 */

const base = contributedTask;

/**
 * Other members' tasks: rates from 10 to 153,000 minor units an hour (some under 10 s of work,
 * so with none), ratios from 5/1200 to 3600/30, outcomes that earn, a few ids.
 */
const otherTaskArb = fc
  .record({
    requesterId: fc.constantFrom('R1', 'R1', 'R2'),
    groupId: fc.constantFrom('G1', 'G1', 'G2', null),
    amountMinor: fc.integer({ min: 10, max: 400 }),
    bonusMinor: fc.constantFrom(0, 0, 25),
    advertisedSeconds: fc.option(fc.integer({ min: 1, max: 40 }).map((n) => n * 30), { freq: 5 }),
    activeSeconds: fc.integer({ min: 1, max: 720 }).map((n) => n * 5),
    outcome: fc.constantFrom('paid', 'pending'),
  })
  .map(({ amountMinor, ...r }) => base({ ...r, reward: { amountMinor, currency: 'USD' } }));
const othersArb = fc.array(fc.array(otherTaskArb, { minLength: 1, maxLength: 6 }), { minLength: 4, maxLength: 12 });

/**
 * One record beyond every other: slow and cheap (a rate from 0.5 to 9 minor units an hour, so that
 * two of them differ even rounded, and a ratio over 180) or fast and rich (a rate over 10^10, a
 * ratio under 10^-5). Two of them on the same side differ in every figure but are both beyond.
 */
const extremeArb = (slow: boolean) =>
  fc
    .record({
      amountMinor: slow ? fc.integer({ min: 1, max: 9 }) : fc.integer({ min: 90_000_000, max: 100_000_000 }),
      activeSeconds: slow ? fc.integer({ min: 721, max: 1440 }).map((n) => n * 5) : fc.integer({ min: 2, max: 4 }).map((n) => n * 5),
      advertisedSeconds: slow ? fc.integer({ min: 1, max: 20 }) : fc.integer({ min: 2_000_000, max: 2_592_000 }),
    })
    .map(({ amountMinor, ...r }) => (ids: Pick<ContributedTask, 'requesterId' | 'groupId'>) => base({ ...r, ...ids, reward: { amountMinor, currency: 'USD' } }));
const addedArb = fc.boolean().chain((slow) =>
  fc.record({
    ids: fc.record({ requesterId: fc.constantFrom('R1', 'R2'), groupId: fc.constantFrom('G1', 'G2', null) }),
    one: extremeArb(slow),
    other: extremeArb(slow),
  }),
);

const aggregate = (others: ContributedTask[][], added: ContributedTask[] = []) => {
  const agg = createAggregator({ k: MIN_K });
  others.forEach((tasks, i) => agg.add(`m${i}`, tasks));
  if (added.length > 0) agg.add('newcomer', added);
  return agg.result();
};

const rateOf = (t: ContributedTask) => (t.activeSeconds < 10 ? null : ((t.reward!.amountMinor + t.bonusMinor) * 3600) / t.activeSeconds);
const ratioOf = (t: ContributedTask) => (t.advertisedSeconds ? t.activeSeconds / t.advertisedSeconds : null);
const inGroup = (g: PublishedGroup) => (t: ContributedTask) => (g.by === 'requester' ? t.requesterId : t.groupId) === g.id;

describe('what a feed tells of one record', () => {
  it('one added record beyond all others: the feed is the same whatever its exact figures', () => {
    let shown = 0;
    fc.assert(
      fc.property(othersArb, addedArb, (others, { ids, one, other }) => {
        const withOne = aggregate(others, [one(ids)]);
        expect(aggregate(others, [other(ids)])).toEqual(withOne);
        if (withOne.some((g) => g.rate && inGroup(g)(one(ids)))) shown += 1;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: most runs publish a group the added record is counted in.
    expect(shown).toBeGreaterThan(100);
  });

  it('no published rate or ratio is its group’s lowest or highest value: each lies between the second lowest and the second highest', () => {
    fc.assert(
      fc.property(othersArb, (members) => {
        for (const g of aggregate(members)) {
          const tasks = members.flat().filter(inGroup(g));
          const second = (values: (number | null)[]) => {
            const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
            return [sorted[1]!, sorted.at(-2)!] as const;
          };
          if (g.rate) {
            const [low, high] = second(tasks.map(rateOf)).map(Math.round);
            for (const figure of [g.rate.p25, g.rate.median, g.rate.p75]) expect(figure >= low! && figure <= high!).toBe(true);
          }
          if (g.ratio) {
            const [low, high] = second(tasks.map(ratioOf));
            if ('band' in g.ratio) expect(g.ratio.band[1] - g.ratio.band[0]).toBe(0.25);
            else for (const figure of [g.ratio.low, g.ratio.median, g.ratio.high]) expect(figure >= low && figure <= high).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
