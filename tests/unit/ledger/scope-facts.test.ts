import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offerBadge, type BadgeOffer } from '@/lib/badges/offer-badge';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { decodeFacts, factOf, rebuildScopes, scopeChanges, scopeKey } from '@/lib/ledger/scope-facts';
import { TASK_STATUSES, type TaskRecord } from '@/lib/model/records';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import en from '../../../public/_locales/en/messages.json';
import { makeTask } from '../rates/make-task';

const t = makeTranslator(en as Messages);
const settings = { ...DEFAULT_SETTINGS, minHourlyMinor: { USD: 600, GBP: 500 } };

/** Any task of two groups and two requesters, in any status, currency, bonus and time. */
const taskArb = fc
  .record({
    n: fc.integer({ min: 0, max: 10_000 }),
    group: fc.constantFrom('G1', 'G2', null),
    requester: fc.constantFrom('R1', 'R2', null),
    status: fc.constantFrom(...TASK_STATUSES),
    minutes: fc.integer({ min: 0, max: 90 }),
    reward: fc.option(fc.record({ amountMinor: fc.integer({ min: 0, max: 500 }), currency: fc.constantFrom('USD', 'GBP') }), { nil: null }),
    bonus: fc.option(fc.record({ amountMinor: fc.integer({ min: 1, max: 100 }), currency: fc.constantFrom('USD', 'GBP') }), { nil: null }),
    advertised: fc.option(fc.integer({ min: 60, max: 3600 }), { nil: null }),
  })
  .map(
    (r): TaskRecord =>
      makeTask({
        id: `mturk:T${r.n}`,
        externalId: `T${r.n}`,
        groupId: r.group,
        requesterId: r.requester,
        requesterName: r.requester ? `Name of ${r.requester}` : null,
        status: r.status,
        activeMs: r.minutes * 60_000 + r.n,
        acceptedAt: Date.UTC(2026, 10, 1) + r.n * 60_000,
        reward: r.reward,
        bonuses: r.bonus ? [{ ...r.bonus, source: 'manual', at: Date.UTC(2026, 10, 2) }] : [],
        advertisedSeconds: r.advertised,
        advertisedKind: r.advertised ? 'estimate' : null,
      }),
  );
const historyArb = fc.uniqueArray(taskArb, { selector: (task) => task.id, maxLength: 40 });

const offer = (groupId: string, requesterId: string | null): BadgeOffer => ({
  groupId,
  requesterId,
  reward: { amountMinor: 50, currency: 'USD' },
  advertisedSeconds: 300,
  advertisedKind: 'estimate',
  seenCount: 2,
});

describe('scope facts', () => {
  it('give every badge exactly what the whole tasks give', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom('G1', 'G2'), fc.constantFrom('R1', 'R2', null), (tasks, groupId, requesterId) => {
        const scopes = new Map(rebuildScopes(tasks).map((r) => [r.key, r]));
        const groupFacts = decodeFacts(scopes.get(scopeKey('mturk', 'group', groupId)));
        const requesterFacts = requesterId ? decodeFacts(scopes.get(scopeKey('mturk', 'requester', requesterId))) : [];
        const groupTasks = tasks.filter((task) => task.groupId === groupId);
        const requesterTasks = requesterId ? tasks.filter((task) => task.requesterId === requesterId) : [];
        const o = offer(groupId, requesterId);
        expect(offerBadge(o, groupFacts, requesterFacts, settings, t, 'en-US', { platform: 'mturk' })).toEqual(
          offerBadge(o, groupTasks, requesterTasks, settings, t, 'en-US', { platform: 'mturk' }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('read back as they were written', () => {
    fc.assert(
      fc.property(historyArb, (tasks) => {
        for (const record of rebuildScopes(tasks)) {
          const ids = decodeFacts(record).map((f) => f.id);
          expect(ids).toEqual([...ids].sort());
          for (const fact of decodeFacts(record)) expect(fact).toEqual(factOf(tasks.find((task) => task.id === fact.id)!));
        }
      }),
    );
  });

  it.each([
    ['an open task’s time growing (the engine’s tick)', makeTask({ status: 'accepted', activeMs: 1000 }), makeTask({ status: 'accepted', activeMs: 31_000 }), {}],
    ['a title changing', makeTask(), makeTask({ title: 'Another title' }), {}],
    [
      'a task ending',
      makeTask({ status: 'accepted', activeMs: 1000 }),
      makeTask({ status: 'submitted', activeMs: 1000 }),
      { 'mturk/group/G1': ['set mturk:A1'], 'mturk/requester/R1': ['set mturk:A1'] },
    ],
    [
      'a task moving to another group',
      makeTask(),
      makeTask({ groupId: 'G2' }),
      // Its requester's copy names its group, so it is written again too.
      { 'mturk/group/G1': ['remove mturk:A1'], 'mturk/group/G2': ['set mturk:A1'], 'mturk/requester/R1': ['set mturk:A1'] },
    ],
    ['a new task', null, makeTask({ requesterId: null }), { 'mturk/group/G1': ['set mturk:A1'] }],
    ['a task deleted', makeTask(), null, { 'mturk/group/G1': ['remove mturk:A1'], 'mturk/requester/R1': ['remove mturk:A1'] }],
  ] as const)('%s changes the scopes it should, and only those', (_name, before, after, want) => {
    const got = Object.fromEntries(
      [...scopeChanges([{ before, after }])].map(([key, change]) => [
        key.split('\u0000').join('/'),
        [...change.set.map((f) => `set ${f.id}`), ...change.remove.map((id) => `remove ${id}`)],
      ]),
    );
    expect(got).toEqual(want);
  });
});
