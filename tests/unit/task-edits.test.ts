import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { exportBackup } from '@/lib/backup/export';
import { checkBackup } from '@/lib/backup/check-backup';
import { restoreBackup } from '@/lib/ledger/restore';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { TASK_STATUSES, type GapRecord, type SegmentRecord, type TaskRecord } from '@/lib/model/records';
import {
  addBonus,
  adjustTime,
  deleteTask,

  excludeSegment,
  includeSegment,
  removeBonus,
  setStatus,
  undo,
} from '@/lib/ledger/task-edits';
import { initialState } from '@/lib/tracking/state';
import { editsOf } from '@/lib/db/task-edits-view';

const T0 = Date.UTC(2026, 10, 28, 14, 0, 0);
const MIN = 60_000;
const NOW = T0 + 120 * MIN;

function task(id: string, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id,
    platform: 'mturk',
    externalId: id.split(':')[1] ?? id,
    groupId: 'G1',
    requesterId: 'R1',
    requesterName: 'Requester',
    title: 'Label images',
    reward: { amountMinor: 150, currency: 'USD' },
    advertisedSeconds: 300,
    advertisedKind: 'estimate',
    allottedSeconds: 3600,
    status: 'accepted',
    acceptedAt: T0,
    endedAt: null,
    activeMs: 0,
    wallMs: 0,
    idleThresholdS: 60,
    flags: [],
    completionCode: null,
    bonuses: [],
    updatedAt: T0,
    ...overrides,
  };
}

function seg(taskId: string | null, startMin: number, endMin: number, overrides: Partial<SegmentRecord> = {}): SegmentRecord {
  return { taskId, platform: 'mturk', start: T0 + startMin * MIN, end: T0 + endMin * MIN, source: 'measured', excluded: false, ...overrides };
}

/** Two tasks with segments (one excluded), overhead between them and a quiet gap. */
async function seed(db: TrueRateDb): Promise<void> {
  const segments = [
    seg('mturk:A', 0, 5),
    seg('mturk:A', 6, 10, { source: 'gap-confirmed' }),
    seg('mturk:A', 11, 12, { excluded: true }),
    seg(null, 12, 14),
    seg('mturk:B', 20, 30),
    seg('mturk:B', 31, 33, { source: 'manual' }),
  ];
  await db.segments.bulkAdd(segments);
  await db.tasks.bulkAdd([
    task('mturk:A', { activeMs: 9 * MIN }),
    task('mturk:B', { activeMs: 12 * MIN, status: 'submitted', endedAt: T0 + 34 * MIN, wallMs: 34 * MIN }),
  ]);
  const gap: GapRecord = { taskId: 'mturk:A', platform: 'mturk', start: T0 + 5 * MIN, end: T0 + 6 * MIN, answer: 'work', answeredAt: T0 + 6 * MIN };
  await db.gaps.add(gap);
}

/**
 * The tables as compared before an edit and after its undo. A task's updatedAt is left out: every
 * change stamps it, undo included (checked on its own below).
 */
async function dump(db: TrueRateDb) {
  const byId = <R extends { id?: unknown }>(rows: R[]) => rows.sort((a, b) => String(a.id).localeCompare(String(b.id), 'en', { numeric: true }));
  return {
    tasks: byId(await db.tasks.toArray()).map((t) => ({ ...t, updatedAt: 'stamped' })),
    segments: byId(await db.segments.toArray()),
    gaps: byId(await db.gaps.toArray()),
  };
}

async function countedOf(db: TrueRateDb, taskId: string): Promise<number> {
  const segments = await db.segments.where('taskId').equals(taskId).toArray();
  return segments.filter((s) => !s.excluded).reduce((sum, s) => sum + s.end - s.start, 0);
}

async function segmentIdsOf(db: TrueRateDb, taskId: string): Promise<number[]> {
  return (await db.segments.where('taskId').equals(taskId).primaryKeys()) as number[];
}

let db: TrueRateDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`test-${crypto.randomUUID()}`);
  await seed(db);
});

afterEach(async () => {
  await db.delete();
});

describe('each edit and its undo', () => {
  it('status: ends the task, and undo gives back the exact records', async () => {
    const initial = await dump(db);
    const result = await setStatus(db, 'mturk:A', 'returned', NOW);
    expect(result.ok).toBe(true);
    const changed = await db.tasks.get('mturk:A');
    expect(changed).toMatchObject({ status: 'returned', endedAt: NOW, wallMs: NOW - T0, updatedAt: NOW });
    if (!result.ok) return;
    expect(result.edit).toMatchObject({ kind: 'status', taskId: 'mturk:A', at: NOW, undoneAt: null });
    expect(result.edit.before.task?.status).toBe('accepted');

    const undone = await undo(db, result.edit.id, NOW + 1);
    expect(undone.ok).toBe(true);
    expect(await dump(db)).toEqual(initial);
    expect((await db.edits.get(result.edit.id))?.undoneAt).toBe(NOW + 1);
    // The undo is a change of its own: the task says when it last changed.
    expect((await db.tasks.get('mturk:A'))?.updatedAt).toBe(NOW + 1);
  });

  it('status: keeps an existing end, reopening clears it, the same status is refused', async () => {
    const toApproved = await setStatus(db, 'mturk:B', 'approved', NOW);
    expect(toApproved.ok && toApproved.task?.endedAt).toBe(T0 + 34 * MIN);
    const reopened = await setStatus(db, 'mturk:B', 'accepted', NOW + 1);
    expect(reopened.ok && reopened.task).toMatchObject({ status: 'accepted', endedAt: null });
    expect(await setStatus(db, 'mturk:B', 'accepted', NOW + 2)).toMatchObject({ ok: false, reason: 'unchanged' });
    expect(await setStatus(db, 'mturk:B', 'done' as never, NOW + 2)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(await setStatus(db, 'mturk:nope', 'paid', NOW)).toMatchObject({ ok: false, reason: 'task-not-found' });
  });

  it('bonus: added as manual, removed by index, each undone exactly', async () => {
    const initial = await dump(db);
    const added = await addBonus(db, 'mturk:A', { amountMinor: 25, currency: 'USD' }, NOW);
    expect(added.ok && added.task?.bonuses).toEqual([{ amountMinor: 25, currency: 'USD', source: 'manual', at: NOW }]);
    const second = await addBonus(db, 'mturk:A', { amountMinor: 100, currency: 'GBP' }, NOW + 1);
    const afterTwo = await dump(db);
    const removed = await removeBonus(db, 'mturk:A', 0, NOW + 2);
    expect(removed.ok && removed.task?.bonuses.map((b) => b.amountMinor)).toEqual([100]);
    expect(await removeBonus(db, 'mturk:A', 5, NOW + 3)).toMatchObject({ ok: false, reason: 'bonus-not-found' });

    if (!removed.ok || !second.ok || !added.ok) throw new Error('edits failed');
    expect((await undo(db, removed.edit.id, NOW + 4)).ok).toBe(true);
    expect(await dump(db)).toEqual(afterTwo);
    expect((await undo(db, second.edit.id, NOW + 5)).ok).toBe(true);
    expect((await undo(db, added.edit.id, NOW + 6)).ok).toBe(true);
    expect(await dump(db)).toEqual(initial);
  });

  it('bonus: amount and currency are validated', async () => {
    for (const bad of [
      { amountMinor: 0, currency: 'USD' },
      { amountMinor: -5, currency: 'USD' },
      { amountMinor: 1.5, currency: 'USD' },
      { amountMinor: 10, currency: 'usd' },
      { amountMinor: 10, currency: 'DOLLARS' },
    ]) {
      expect(await addBonus(db, 'mturk:A', bad, NOW)).toMatchObject({ ok: false, reason: 'invalid-input' });
    }
    expect((await db.tasks.get('mturk:A'))?.bonuses).toEqual([]);
    expect(await db.edits.count()).toBe(0);
  });

  it('worked time: adds a manual segment counted in active time; undo removes it', async () => {
    const initial = await dump(db);
    const result = await adjustTime(db, 'mturk:A', { start: T0 + 40 * MIN, end: T0 + 45 * MIN }, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.task?.activeMs).toBe(14 * MIN);
    const added = result.edit.after.segments[0];
    expect(added).toMatchObject({ taskId: 'mturk:A', source: 'manual', excluded: false, start: T0 + 40 * MIN });
    expect(await db.segments.get(added?.id ?? -1)).toEqual(added);

    expect((await undo(db, result.edit.id, NOW + 1)).ok).toBe(true);
    expect(await dump(db)).toEqual(initial);
  });

  it('worked time: refuses any overlap, with another task, overhead, excluded time or the open segment', async () => {
    const overlaps = [
      { start: T0 + 25 * MIN, end: T0 + 26 * MIN, taskId: 'mturk:B' }, // inside B's segment
      { start: T0 + 19 * MIN, end: T0 + 21 * MIN, taskId: 'mturk:B' }, // across B's start
      { start: T0 + 13 * MIN, end: T0 + 15 * MIN, taskId: null }, // overhead
      { start: T0 + 11 * MIN + 1, end: T0 + 11 * MIN + 2, taskId: 'mturk:A' }, // an excluded segment
    ];
    for (const { start, end, taskId } of overlaps) {
      const result = await adjustTime(db, 'mturk:A', { start, end }, NOW);
      expect(result).toMatchObject({ ok: false, reason: 'overlap', conflict: { taskId } });
    }
    // Touching is not overlapping: segments are [start, end).
    expect((await adjustTime(db, 'mturk:A', { start: T0 + 10 * MIN, end: T0 + 11 * MIN }, NOW)).ok).toBe(true);

    await db.tracker.put({
      key: 'state',
      state: { ...initialState(), open: { taskId: 'mturk:B', platform: 'mturk', start: T0 + 100 * MIN, end: T0 + 110 * MIN, tabId: 1, thresholdMs: 60_000, sureEnd: T0 + 110 * MIN, byTicks: false } },
    });
    expect(await adjustTime(db, 'mturk:A', { start: T0 + 105 * MIN, end: T0 + 115 * MIN }, NOW)).toMatchObject({
      ok: false,
      reason: 'overlap',
      conflict: { taskId: 'mturk:B', start: T0 + 100 * MIN },
    });
  });

  it('worked time: start before end, and not in the future', async () => {
    expect(await adjustTime(db, 'mturk:A', { start: T0 + 50 * MIN, end: T0 + 50 * MIN }, NOW)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(await adjustTime(db, 'mturk:A', { start: T0 + 51 * MIN, end: T0 + 50 * MIN }, NOW)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(await adjustTime(db, 'mturk:A', { start: NOW - MIN, end: NOW + MIN }, NOW)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(await db.segments.count()).toBe(6);
  });

  it('exclude and include: active time follows the counted segments; undo restores them', async () => {
    const initial = await dump(db);
    const [first, , excluded] = await segmentIdsOf(db, 'mturk:A');
    const out = await excludeSegment(db, first ?? -1, NOW);
    expect(out.ok && out.task?.activeMs).toBe(4 * MIN);
    expect((await db.segments.get(first ?? -1))?.excluded).toBe(true);
    const back = await includeSegment(db, excluded ?? -1, NOW + 1);
    expect(back.ok && back.task?.activeMs).toBe(5 * MIN);
    expect(await includeSegment(db, excluded ?? -1, NOW + 2)).toMatchObject({ ok: false, reason: 'unchanged' });

    const overhead = (await db.segments.filter((s) => s.taskId === null).primaryKeys())[0] as number;
    expect(await excludeSegment(db, overhead, NOW)).toMatchObject({ ok: false, reason: 'overhead-segment' });
    expect(await excludeSegment(db, 9999, NOW)).toMatchObject({ ok: false, reason: 'segment-not-found' });

    if (!out.ok || !back.ok) throw new Error('edits failed');
    expect((await undo(db, back.edit.id, NOW + 3)).ok).toBe(true);
    expect((await undo(db, out.edit.id, NOW + 4)).ok).toBe(true);
    expect(await dump(db)).toEqual(initial);
  });

  it('delete: removes the task, its segments and gaps; undo gives them back with their ids', async () => {
    const initial = await dump(db);
    const result = await deleteTask(db, 'mturk:A', NOW);
    expect(result.ok).toBe(true);
    expect(await db.tasks.get('mturk:A')).toBeUndefined();
    expect(await db.segments.where('taskId').equals('mturk:A').count()).toBe(0);
    expect(await db.gaps.count()).toBe(0);
    // Other tasks and overhead are untouched.
    expect(await db.segments.count()).toBe(3);
    if (!result.ok) return;
    expect((await undo(db, result.edit.id, NOW + 1)).ok).toBe(true);
    expect(await dump(db)).toEqual(initial);
  });

  it('delete: a backup keeps the deleted task’s gaps in its edit, so an undo after a restore gives them back', async () => {
    const initial = await dump(db);
    expect(initial.gaps.length).toBeGreaterThan(0);
    const result = await deleteTask(db, 'mturk:A', NOW);
    if (!result.ok) throw new Error('delete failed');
    const text = (await exportBackup(db, { now: () => NOW, flagsOf: () => [], extensionVersion: 'test' })).join('');
    const checked = checkBackup(text);
    if (!checked.ok) throw new Error('backup refused');
    const restored = createDb(`restored-${crypto.randomUUID()}`);
    await restoreBackup(restored, checked.backup, { mode: 'replace' });
    expect((await undo(restored, result.edit.id, NOW + 1)).ok).toBe(true);
    expect(await dump(restored)).toEqual(initial);
    await restored.delete();
  });

  it('undo refuses to bring back a gap whose id another gap has taken since, and writes nothing', async () => {
    const result = await deleteTask(db, 'mturk:A', NOW);
    if (!result.ok) throw new Error('delete failed');
    const [gap] = result.edit.before.gaps ?? [];
    if (!gap?.id) throw new Error('the task had no gap');
    await db.gaps.put({ ...gap, taskId: 'mturk:B', start: gap.start + 1 });
    const before = await dump(db);
    expect(await undo(db, result.edit.id, NOW + 1)).toMatchObject({ ok: false, reason: 'gaps-changed-since' });
    expect(await dump(db)).toEqual(before);
  });

  it('delete: refused while the engine or the manual timer runs the task', async () => {
    await db.tracker.put({ key: 'state', state: { ...initialState(), manual: { taskId: 'mturk:A', thresholdMs: 60_000 } } });
    expect(await deleteTask(db, 'mturk:A', NOW)).toMatchObject({ ok: false, reason: 'task-running' });
    await db.tracker.put({
      key: 'state',
      state: { ...initialState(), open: { taskId: 'mturk:A', platform: 'mturk', start: NOW - MIN, end: NOW, tabId: 3, thresholdMs: 60_000, sureEnd: NOW, byTicks: false } },
    });
    expect(await deleteTask(db, 'mturk:A', NOW)).toMatchObject({ ok: false, reason: 'task-running' });
    expect(await db.tasks.get('mturk:A')).toBeDefined();
    expect((await deleteTask(db, 'mturk:B', NOW)).ok).toBe(true);
  });

  it('delete: refused while a tab still shows the task (it would go on timing a deleted task)', async () => {
    const tab = { windowId: 1, platform: 'mturk' as const, taskId: 'mturk:A', thresholdMs: 60_000, linked: false, visible: false, pulseAt: null, sensedFocus: null, shownAt: null };
    await db.tracker.put({ key: 'state', state: { ...initialState(), tabs: { 7: tab } } });
    expect(await deleteTask(db, 'mturk:A', NOW)).toMatchObject({ ok: false, reason: 'task-running' });
    await db.tracker.put({ key: 'state', state: { ...initialState(), tabs: { 7: { ...tab, taskId: null } } } });
    expect((await deleteTask(db, 'mturk:A', NOW)).ok).toBe(true);
  });
});

describe('undo refusals', () => {
  it('refuses when the engine measured time after the edit, and says so', async () => {
    const result = await addBonus(db, 'mturk:A', { amountMinor: 10, currency: 'USD' }, NOW);
    if (!result.ok) throw new Error('edit failed');
    // What lib/tracking/store.ts does when it closes a segment: add it, add its time.
    await db.segments.add(seg('mturk:A', 50, 52));
    await db.tasks.where('id').equals('mturk:A').modify((t) => {
      t.activeMs += 2 * MIN;
    });
    const before = await dump(db);
    expect(await undo(db, result.edit.id, NOW + 1)).toMatchObject({ ok: false, reason: 'time-added-since' });
    expect(await dump(db)).toEqual(before);
    expect((await db.edits.get(result.edit.id))?.undoneAt).toBeNull();
  });

  it('refuses when a page changed the task since', async () => {
    const result = await excludeSegment(db, (await segmentIdsOf(db, 'mturk:A'))[0] ?? -1, NOW);
    if (!result.ok) throw new Error('edit failed');
    await db.tasks.update('mturk:A', { status: 'submitted', updatedAt: NOW + 5 });
    expect(await undo(db, result.edit.id, NOW + 6)).toMatchObject({ ok: false, reason: 'task-changed-since' });
  });

  it('refuses an edit with a later correction still in force, then allows it once that is undone', async () => {
    const first = await setStatus(db, 'mturk:A', 'submitted', NOW);
    const second = await addBonus(db, 'mturk:A', { amountMinor: 10, currency: 'USD' }, NOW + 1);
    if (!first.ok || !second.ok) throw new Error('edits failed');
    expect(await undo(db, first.edit.id, NOW + 2)).toMatchObject({ ok: false, reason: 'later-edit' });
    expect((await undo(db, second.edit.id, NOW + 3)).ok).toBe(true);
    expect(await undo(db, second.edit.id, NOW + 4)).toMatchObject({ ok: false, reason: 'already-undone' });
    const again = await undo(db, first.edit.id, NOW + 5);
    expect(again.ok).toBe(true);
    if (again.ok) expect(await undo(db, again.edit.id, NOW + 6)).toMatchObject({ ok: false, reason: 'undo-of-undo' });
    expect(await undo(db, 424242, NOW)).toMatchObject({ ok: false, reason: 'edit-not-found' });
  });

  it('refuses to bring back a deleted task whose id a page has used again, or whose time went elsewhere', async () => {
    const deleted = await deleteTask(db, 'mturk:A', NOW);
    if (!deleted.ok) throw new Error('delete failed');
    await db.tasks.add(task('mturk:A', { updatedAt: NOW + 1 }));
    expect(await undo(db, deleted.edit.id, NOW + 2)).toMatchObject({ ok: false, reason: 'task-recreated' });
    await db.tasks.delete('mturk:A');
    const moved = await adjustTime(db, 'mturk:B', { start: T0 + 1 * MIN, end: T0 + 2 * MIN }, NOW + 3);
    expect(moved.ok).toBe(true);
    expect(await undo(db, deleted.edit.id, NOW + 4)).toMatchObject({ ok: false, reason: 'overlap', conflict: { taskId: 'mturk:B' } });
  });
});

it('editsOf lists a task’s edits newest first, undos included', async () => {
  await setStatus(db, 'mturk:A', 'submitted', NOW);
  const bonus = await addBonus(db, 'mturk:A', { amountMinor: 10, currency: 'USD' }, NOW);
  await setStatus(db, 'mturk:B', 'paid', NOW);
  if (!bonus.ok) throw new Error('edit failed');
  await undo(db, bonus.edit.id, NOW + 1);
  expect((await editsOf(db, 'mturk:A')).map((e) => e.kind)).toEqual(['undo', 'bonus', 'status']);
  expect((await editsOf(db, 'mturk:B')).map((e) => e.kind)).toEqual(['status']);
});

describe('property: any sequence of edits and undos', () => {
  const taskIds = ['mturk:A', 'mturk:B', 'mturk:missing'];
  // Deleting is rarer than the rest, or most runs would edit a task that is gone.
  const command = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('status' as const), task: fc.constantFrom(...taskIds), status: fc.constantFrom(...TASK_STATUSES) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('bonus' as const), task: fc.constantFrom(...taskIds), amount: fc.integer({ min: -5, max: 500 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('remove-bonus' as const), task: fc.constantFrom(...taskIds), index: fc.nat(2) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('time' as const), task: fc.constantFrom(...taskIds), start: fc.nat(60), length: fc.integer({ min: 0, max: 8 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('toggle' as const), pick: fc.nat(20), exclude: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), task: fc.constantFrom(...taskIds) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('undo' as const), pick: fc.nat(30) }) },
  );

  it('keeps activeMs = counted segments, never overlaps, and undoing all in reverse restores the tables', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
        const local = createDb(`test-${crypto.randomUUID()}`);
        try {
          await seed(local);
          const initial = await dump(local);
          let now = NOW;
          for (const c of commands) {
            now += 1000;
            if (c.op === 'status') await setStatus(local, c.task, c.status, now);
            else if (c.op === 'bonus') await addBonus(local, c.task, { amountMinor: c.amount, currency: 'USD' }, now);
            else if (c.op === 'remove-bonus') await removeBonus(local, c.task, c.index, now);
            else if (c.op === 'time') await adjustTime(local, c.task, { start: T0 + c.start * MIN, end: T0 + (c.start + c.length) * MIN }, now);
            else if (c.op === 'toggle') {
              const ids = (await local.segments.toCollection().primaryKeys()) as number[];
              const id = ids[c.pick % Math.max(1, ids.length)] ?? 1;
              await (c.exclude ? excludeSegment : includeSegment)(local, id, now);
            } else if (c.op === 'delete') await deleteTask(local, c.task, now);
            else {
              const ids = (await local.edits.toCollection().primaryKeys()) as number[];
              if (ids.length > 0) await undo(local, ids[c.pick % ids.length] ?? 1, now);
            }
            for (const t of await local.tasks.toArray()) expect(t.activeMs).toBe(await countedOf(local, t.id));
            const segments = (await local.segments.toArray()).sort((a, b) => a.start - b.start);
            for (let i = 1; i < segments.length; i++) expect(segments[i]?.start).toBeGreaterThanOrEqual(segments[i - 1]?.end ?? 0);
          }
          const open = (await local.edits.toArray()).filter((e) => e.kind !== 'undo' && e.undoneAt === null).sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
          for (const edit of open) {
            now += 1000;
            expect(await undo(local, edit.id ?? -1, now)).toMatchObject({ ok: true });
          }
          expect(await dump(local)).toEqual(initial);
        } finally {
          await local.delete();
        }
      }),
      // fake-indexeddb is slow: each run is a few dozen transactions.
      { numRuns: 50 },
    );
  }, 120_000);
});
