import { deleteTask as removeTask, putTask } from './task-writes';
import { z } from 'zod';
import { ENDED } from '../tasks/lifecycle';
import type { TrueRateDb } from '../db/database';
import { readTrackerState } from '../db/tracker-state';
import { applyEvents } from './apply-events';
import { countedMs, firstConflict } from './segments';
import { ledgerTables } from './tables';
import { stamp } from '../model/task';
import { trackedTaskIds } from './tracker-reset';
import { TASK_STATUSES, type EditRecord, type SegmentRecord, type TaskRecord, type TaskStatus } from '../model/records';
import {
  recordEdit,
  refuse,
  segmentIdInput,
  segmentsOf,
  taskIdInput,
  timestampInput,
  type EditResult,
} from './task-edits-shared';

export { undo } from './task-edits-undo';
export type { EditRefusal, EditResult, OverlapConflict } from './task-edits-shared';

/**
 * The worker's corrections. Each is one transaction that writes the change and an edit
 * holding the task and the segments it touched before and after, so that undo restores them
 * exactly. `now` is injected: lib/ reads no clock.
 */

const bonusInput = z.object({
  amountMinor: z.number().int().positive().max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

const intervalInput = z
  .object({ start: timestampInput, end: timestampInput })
  .refine((i) => i.start < i.end, { message: 'start must be before end' });

function invalid(error: z.ZodError) {
  return refuse('invalid-input', { detail: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
}

/**
 * Changes one task (and possibly its segments) and records the edit. `change` returns the new
 * task and the segments it adds or changes, or a refusal; it runs inside the transaction.
 */
async function editTask(
  db: TrueRateDb,
  taskId: string,
  kind: EditRecord['kind'],
  now: number,
  change: (task: TaskRecord) => Promise<{ task: TaskRecord; before: SegmentRecord[]; after: SegmentRecord[] } | EditResult>,
): Promise<EditResult> {
  return db.transaction('rw', ledgerTables(db), async () => {
    const task = await db.tasks.get(taskId);
    if (!task) return refuse('task-not-found');
    const before = structuredClone(task);
    const changed = await change(structuredClone(task));
    if ('ok' in changed) return changed;
    const next = { ...changed.task, updatedAt: stamp(task.updatedAt, now) };
    await putTask(db, next);
    const edit = await recordEdit(db, {
      taskId,
      at: now,
      kind,
      before: { task: before, segments: changed.before },
      after: { task: next, segments: changed.after },
      undoneAt: null,
    });
    return { ok: true, edit, task: next };
  });
}

/** The worker may set any status: they know better than our reading of a page. */
export async function setStatus(db: TrueRateDb, taskId: string, status: TaskStatus, now: number): Promise<EditResult> {
  const input = z.object({ taskId: taskIdInput, status: z.enum(TASK_STATUSES), now: timestampInput }).safeParse({ taskId, status, now });
  if (!input.success) return invalid(input.error);
  return db.transaction('rw', ledgerTables(db), async () => {
    // A task the worker ends by hand ends for the engine first (its tabs stop timing it), so the
    // edit records the task with all its time.
    if (ENDED.has(status) && trackedTaskIds(await readTrackerState(db)).includes(taskId)) {
      await applyEvents(db, [{ type: 'task-ended', at: now, taskId }]);
    }
    return setStatusNow(db, taskId, status, now);
  });
}

function setStatusNow(db: TrueRateDb, taskId: string, status: TaskStatus, now: number): Promise<EditResult> {
  return editTask(db, taskId, 'status', now, async (task) => {
    if (task.status === status) return refuse('unchanged');
    let { endedAt, wallMs } = task;
    if (ENDED.has(status) && endedAt === null) {
      endedAt = now;
      wallMs = Math.max(0, now - task.acceptedAt);
    } else if (!ENDED.has(status)) {
      // Back to open (a mistaken "submitted"): endedAt means "null while open".
      endedAt = null;
      wallMs = 0;
    }
    return { task: { ...task, status, endedAt, wallMs }, before: [], after: [] };
  });
}

export async function addBonus(
  db: TrueRateDb,
  taskId: string,
  bonus: { amountMinor: number; currency: string },
  now: number,
): Promise<EditResult> {
  const input = z.object({ taskId: taskIdInput, bonus: bonusInput, now: timestampInput }).safeParse({ taskId, bonus, now });
  if (!input.success) return invalid(input.error);
  const { amountMinor, currency } = input.data.bonus;
  return editTask(db, taskId, 'bonus', now, async (task) => {
    if (task.bonuses.length >= 50) return refuse('invalid-input', { detail: 'at most 50 bonuses' });
    return { task: { ...task, bonuses: [...task.bonuses, { amountMinor, currency, source: 'manual', at: now }] }, before: [], after: [] };
  });
}

export async function removeBonus(db: TrueRateDb, taskId: string, index: number, now: number): Promise<EditResult> {
  const input = z.object({ taskId: taskIdInput, index: z.number().int().nonnegative(), now: timestampInput }).safeParse({ taskId, index, now });
  if (!input.success) return invalid(input.error);
  return editTask(db, taskId, 'bonus', now, async (task) => {
    if (index >= task.bonuses.length) return refuse('bonus-not-found');
    return { task: { ...task, bonuses: task.bonuses.filter((_, i) => i !== index) }, before: [], after: [] };
  });
}

/**
 * Adds worked time TrueRate could not see (on paper, on another device). Attention is one
 * resource, so the interval may overlap no segment at all: of any task, overhead, excluded ones,
 * nor the segment the engine has open right now.
 */
export async function adjustTime(
  db: TrueRateDb,
  taskId: string,
  interval: { start: number; end: number },
  now: number,
): Promise<EditResult> {
  const input = z.object({ taskId: taskIdInput, interval: intervalInput, now: timestampInput }).safeParse({ taskId, interval, now });
  if (!input.success) return invalid(input.error);
  const { start, end } = input.data.interval;
  if (end > now) return refuse('invalid-input', { detail: 'interval ends in the future' });
  return editTask(db, taskId, 'adjust-time', now, async (task) => {
    const open = (await readTrackerState(db)).open;
    const hit = await firstConflict(db, { start, end }, open ? [open] : []);
    if (hit) return refuse('overlap', { conflict: hit });
    const segment: SegmentRecord = { taskId, platform: task.platform, start, end, source: 'manual', excluded: false };
    const id = (await db.segments.add(segment)) as number;
    const all = await segmentsOf(db, taskId);
    return { task: { ...task, activeMs: countedMs(all) }, before: [], after: [{ ...segment, id }] };
  });
}

async function setExcluded(db: TrueRateDb, segmentId: number, excluded: boolean, now: number): Promise<EditResult> {
  const input = z.object({ segmentId: segmentIdInput, now: timestampInput }).safeParse({ segmentId, now });
  if (!input.success) return invalid(input.error);
  return db.transaction('rw', ledgerTables(db), async () => {
    const segment = await db.segments.get(segmentId);
    if (!segment) return refuse('segment-not-found');
    if (segment.taskId === null) return refuse('overhead-segment');
    if (segment.excluded === excluded) return refuse('unchanged');
    return editTask(db, segment.taskId, excluded ? 'exclude-segment' : 'include-segment', now, async (task) => {
      const flipped = { ...segment, excluded };
      await db.segments.put(flipped);
      const all = await segmentsOf(db, task.id);
      return { task: { ...task, activeMs: countedMs(all) }, before: [structuredClone(segment)], after: [flipped] };
    });
  });
}

/** Keeps the segment as evidence but stops counting it; the task's active time follows. */
export function excludeSegment(db: TrueRateDb, segmentId: number, now: number): Promise<EditResult> {
  return setExcluded(db, segmentId, true, now);
}

export function includeSegment(db: TrueRateDb, segmentId: number, now: number): Promise<EditResult> {
  return setExcluded(db, segmentId, false, now);
}

/**
 * Deletes a task with its segments and quiet gaps. The edit keeps all of them, so undo gives them
 * back with their ids. A task the engine is timing right now is refused: its open segment would
 * be written back to a task that no longer exists.
 */
export async function deleteTask(db: TrueRateDb, taskId: string, now: number): Promise<EditResult> {
  const input = z.object({ taskId: taskIdInput, now: timestampInput }).safeParse({ taskId, now });
  if (!input.success) return invalid(input.error);
  return db.transaction('rw', ledgerTables(db), async () => {
    const task = await db.tasks.get(taskId);
    if (!task) return refuse('task-not-found');
    const state = await readTrackerState(db);
    // A tab still showing the task would go on timing it, into segments of a task that no longer
    // exists: the worker closes that tab (or moves on) first.
    const shownInTab = Object.values(state?.tabs ?? {}).some((tab) => tab?.taskId === taskId);
    if (state?.open?.taskId === taskId || state?.manual?.taskId === taskId || shownInTab) return refuse('task-running');
    const segments = await segmentsOf(db, taskId);
    const gaps = await db.gaps.where('taskId').equals(taskId).toArray();
    await db.segments.bulkDelete(segments.map((s) => s.id as number));
    await db.gaps.bulkDelete(gaps.map((g) => g.id as number));
    await removeTask(db, taskId);
    const edit = await recordEdit(db, {
      taskId,
      at: now,
      kind: 'delete-task',
      before: { task, segments, gaps },
      after: { task: null, segments: [], gaps: [] },
      undoneAt: null,
    });
    return { ok: true, edit, task: null };
  });
}
