import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDayChanges, rebuildDays, taskDayChanges, type DayChange } from '@/lib/ledger/day-totals';
import { summarize, summarizeDays, todayFromTotals, todaySummary } from '@/lib/rates/aggregate';
import type { Totals } from '@/lib/rates/bucket';
import { arbSeg, arbTask, zone } from '../rates/arbitraries';
import { makeTask } from '../rates/make-task';

const unique = <T extends { id: string }>(tasks: T[]) => [...new Map(tasks.map((t) => [t.id, t])).values()];
const asMap = (days: { day: string; totals: Totals }[]) => new Map(days.map((d) => [d.day, d.totals]));

describe('day totals: each local day’s sums, kept by the ledger', () => {
  it.each(['day', 'week', 'month'] as const)('give, summed by %s, exactly what summarize gives from the tasks and overhead', (by) => {
    fc.assert(
      fc.property(fc.array(arbTask, { maxLength: 60 }), fc.array(arbSeg, { maxLength: 40 }), zone, (raw, segs, timeZone) => {
        const tasks = unique(raw);
        // A day whose tasks add nothing (a preview with no time) has no record, where summarize
        // gives it an empty group: the same figures, one empty bar fewer.
        const nonEmpty = summarize(tasks, segs, by, { timeZone }).filter((g) => g.currencies.length > 0 || g.unattributedOverheadMs > 0 || g.unattributedOpenTasks > 0);
        expect(summarizeDays(rebuildDays(tasks, segs, timeZone), by)).toEqual(nonEmpty);
      }),
      { numRuns: 150 },
    );
  });

  it('taken out again exactly: adding tasks and segments one by one and removing some gives the days of what is left', () => {
    fc.assert(
      fc.property(fc.array(arbTask, { maxLength: 40 }), fc.array(arbSeg, { maxLength: 20 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), zone, (raw, segs, drop, timeZone) => {
        const tasks = unique(raw);
        let days = new Map<string, Totals>();
        const apply = (changes: DayChange[]) => {
          for (const [day, totals] of applyDayChanges(days, changes, timeZone)) {
            if (totals === null) days.delete(day);
            else days.set(day, totals);
          }
          days = new Map([...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
        };
        for (const task of tasks) apply([{ task, sign: 1 }]);
        for (const overhead of segs) apply([{ overhead, sign: 1 }]);
        const keptTasks = tasks.filter((_, i) => !drop[i]);
        const keptSegs = segs.filter((_, i) => !drop[40 + i]);
        apply(tasks.filter((_, i) => drop[i]).map((task) => ({ task, sign: -1 as const })));
        apply(segs.filter((_, i) => drop[40 + i]).map((overhead) => ({ overhead, sign: -1 as const })));
        expect(days).toEqual(asMap(rebuildDays(keptTasks, keptSegs, timeZone)));
      }),
      { numRuns: 150 },
    );
  });

  it('a day’s record gives the popup’s today exactly as today’s rows do', () => {
    fc.assert(
      fc.property(fc.array(arbTask, { maxLength: 60 }), fc.array(arbSeg, { maxLength: 40 }), zone, fc.nat(40), (raw, segs, timeZone, d) => {
        const tasks = unique(raw);
        const now = Date.UTC(2026, 0, 1 + d, 12);
        const today = todaySummary(tasks, segs, now, timeZone);
        const record = rebuildDays(tasks, segs, timeZone).find((r) => r.day === today.key);
        expect(todayFromTotals(today.key, record?.totals ?? null)).toEqual(today);
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['a new title', { title: 'Renamed' }, false],
    ['a completion code', { completionCode: 'C0DE' }, false],
    ['more time', { activeMs: 700_000 }, true],
    ['another status', { status: 'rejected' as const }, true],
    ['a bonus', { bonuses: [{ amountMinor: 10, currency: 'USD', source: 'manual' as const, at: 0 }] }, true],
    ['another day', { acceptedAt: Date.UTC(2026, 10, 29, 12) }, true],
  ])('a task given %s changes the days: %s', (_, change, changes) => {
    const before = makeTask();
    expect(taskDayChanges([{ before, after: { ...before, ...change } }]).length > 0).toBe(changes);
  });

  it('leave out the days whose sums end as they were, and drop a day with nothing left', () => {
    const task = makeTask();
    const [day] = rebuildDays([task], [], 'UTC');
    const stored = new Map([[day!.day, day!.totals]]);
    expect(applyDayChanges(stored, [{ task, sign: -1 }, { task, sign: 1 }], 'UTC').size).toBe(0);
    expect(applyDayChanges(stored, [{ task, sign: -1 }], 'UTC')).toEqual(new Map([['2026-11-28', null]]));
  });
});
