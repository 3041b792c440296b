import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { checkBackup } from '@/lib/backup/check-backup';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { applyEvents } from '@/lib/ledger/apply-events';
import { DAYS_BUILT_KEY } from '@/lib/ledger/day-totals';
import { ensureDays } from '@/lib/ledger/day-writes';
import { ledgerProblems } from '@/lib/ledger/invariants';
import { answerGap, startManual, stopManual } from '@/lib/ledger/manual';
import { recordPageRead } from '@/lib/ledger/page-read';
import { restoreBackup } from '@/lib/ledger/restore';
import { adjustTime, deleteTask, excludeSegment, includeSegment, setStatus, undo } from '@/lib/ledger/task-edits';
import { TASK_STATUSES, type TaskRecord } from '@/lib/model/records';
import type { PageInfo } from '@/lib/platforms/page-info';

// Ten minutes to midnight in the days' zone (UTC below): runs cross into the next day.
const T0 = Date.UTC(2026, 10, 30, 23, 50, 0);
const TASKS = ['3AAAAAAAAAAAAAAAAAAAAAAAAAAAA1', '3BBBBBBBBBBBBBBBBBBBBBBBBBBBB2'];
const working = (externalId: string): PageInfo => ({
  platform: 'mturk',
  kind: 'working',
  task: { externalId, groupId: '3GROUPGROUPGROUPGROUPGROUPGR1', title: `Task ${externalId.slice(0, 2)}`, reward: { amountMinor: 40, currency: 'USD' } },
  missing: [],
});

/** One change of the worker's records, as the background or the dashboard asks the ledger. */
const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('pulse' as const), tab: fc.constantFrom(1, 2), input: fc.boolean(), focusHere: fc.boolean(), focusInFrame: fc.boolean(), media: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('page' as const), tab: fc.constantFrom(1, 2), task: fc.option(fc.constantFrom(0, 1), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('activate' as const), tab: fc.constantFrom(1, 2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('idle' as const), state: fc.constantFrom('active' as const, 'idle' as const, 'locked' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual-start' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual-stop' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('gap' as const), yes: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), task: fc.constantFrom(0, 1), status: fc.constantFrom(...TASK_STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('time' as const), task: fc.constantFrom(0, 1), back: fc.integer({ min: 1, max: 600 }), length: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggle' as const), pick: fc.nat(40), exclude: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), task: fc.constantFrom(0, 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge-snapshot' as const) }) },
);
/** Time between changes: mostly forward, sometimes a clock set back by minutes. */
const stepMs = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 40_000 }) }, { weight: 2, arbitrary: fc.integer({ min: -300_000, max: -6_000 }) });

const contentOf = (t: TaskRecord) => JSON.stringify({ ...t, updatedAt: 0 });

type Op = typeof op extends fc.Arbitrary<infer O> ? O : never;

async function apply(db: TrueRateDb, c: Op, now: number, snapshots: string[]): Promise<void> {
  const id = (i: number) => `mturk:${TASKS[i]}`;
  switch (c.kind) {
    case 'pulse':
      await applyEvents(db, [
        { type: 'pulse', at: now, tabId: c.tab, frameId: c.focusHere ? 3 : 0, input: c.input ? now - 200 : null, media: c.media, focusInFrame: c.focusInFrame, focusHere: c.focusHere, visible: true, page: { platform: 'mturk', windowId: 1, thresholdMs: 30_000 } },
      ]);
      break;
    case 'page': {
      const page: PageInfo = c.task === null ? { platform: 'mturk', kind: 'list', missing: [] } : working(TASKS[c.task]!);
      await recordPageRead(db, { page, tabId: c.tab, windowId: 1, platform: 'mturk', thresholdS: 30 }, now);
      break;
    }
    case 'activate':
      await applyEvents(db, [{ type: 'tab-activated', at: now, tabId: c.tab, windowId: 1 }]);
      break;
    case 'idle':
      await applyEvents(db, [{ type: 'idle-state', at: now, state: c.state, detectionMs: 15_000 }]);
      break;
    case 'tick':
      await applyEvents(db, [{ type: 'tick', at: now }]);
      break;
    case 'manual-start':
      await startManual(db, { id: `manual:${crypto.randomUUID()}`, title: 'By hand', reward: null, thresholdS: 60 }, now);
      break;
    case 'manual-stop':
      await stopManual(db, now);
      break;
    case 'gap': {
      const pending = await db.gaps.where('answer').equals('pending').first();
      if (pending?.id) await answerGap(db, pending.id, c.yes ? 'work' : 'not-work', now);
      break;
    }
    case 'status':
      await setStatus(db, id(c.task), c.status, now);
      break;
    case 'time':
      await adjustTime(db, id(c.task), { start: now - c.back * 1000, end: now - c.back * 1000 + c.length * 1000 }, now);
      break;
    case 'toggle': {
      const ids = (await db.segments.toCollection().primaryKeys()) as number[];
      if (ids.length > 0) await (c.exclude ? excludeSegment : includeSegment)(db, ids[c.pick % ids.length]!, now);
      break;
    }
    case 'undo': {
      const ids = (await db.edits.toCollection().primaryKeys()) as number[];
      if (ids.length > 0) await undo(db, ids[c.pick % ids.length]!, now);
      break;
    }
    case 'delete':
      await deleteTask(db, id(c.task), now);
      break;
    case 'merge-snapshot': {
      // A backup made earlier in the run, merged back: records already here, renumbered, overlapping.
      const text = (await exportBackup(db, { now: () => now, flagsOf: () => [], extensionVersion: 'test' })).join('');
      snapshots.push(text);
      const checked = checkBackup(snapshots[0]!);
      expect(checked.ok).toBe(true);
      if (checked.ok) await restoreBackup(db, checked.backup, { mode: 'merge' });
      // As the background does after a restore: the days are built again from the tables.
      await ensureDays(db, 'UTC');
      break;
    }
  }
}

describe('the ledger: invariants after any sequence of changes', () => {
  it('activeMs is the sum of counted segments, no two segments overlap, every change stamps updatedAt, the state is sound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(op, stepMs), { minLength: 1, maxLength: 40 }), async (ops) => {
        const db = createDb(`ledger-${crypto.randomUUID()}`);
        const snapshots: string[] = [];
        try {
          await ensureDays(db, 'UTC');
          await applyEvents(db, [{ type: 'window-focus', at: T0, windowId: 1 }, { type: 'tab-activated', at: T0, tabId: 1, windowId: 1 }]);
          await recordPageRead(db, { page: working(TASKS[0]!), tabId: 1, windowId: 1, platform: 'mturk', thresholdS: 30 }, T0);
          await recordPageRead(db, { page: working(TASKS[1]!), tabId: 2, windowId: 1, platform: 'mturk', thresholdS: 30 }, T0);
          let now = T0;
          for (const [c, dt] of ops) {
            now = Math.max(T0, now + dt);
            const before = new Map((await db.tasks.toArray()).map((t) => [t.id, t]));
            await apply(db, c, now, snapshots);
            expect(await ledgerProblems(db)).toEqual([]);
            // Kept up by every change, so the check of the days above is never skipped.
            expect(await db.days.get(DAYS_BUILT_KEY)).toEqual({ day: DAYS_BUILT_KEY, zone: 'UTC' });
            for (const task of await db.tasks.toArray()) {
              const was = before.get(task.id);
              if (was && contentOf(was) !== contentOf(task)) expect(task.updatedAt).toBeGreaterThan(was.updatedAt);
            }
          }
        } finally {
          await db.delete();
        }
      }),
      // fake-indexeddb is slow: each run is a few dozen transactions.
      { numRuns: 100 },
    );
  }, 240_000);
});
