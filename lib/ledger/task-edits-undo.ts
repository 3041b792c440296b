import { deleteTask, putTask } from './task-writes';
import type { TrueRateDb } from '../db/database';
import type { SavedEdit } from '../model/records';
import { stamp } from '../model/task';
import { overlapping, recount } from './segments';
import { ledgerTables } from './tables';
import {
  recordEdit,
  refuse,
  sameValue,
  segmentIdInput,
  timestampInput,
  type EditResult,
  type Refused,
} from './task-edits-shared';

/**
 * What stands in the way of putting `edit.before` back without losing anything written since:
 * the task and the segments must still be exactly as the edit left them.
 */
async function conflictOf(db: TrueRateDb, edit: SavedEdit): Promise<Refused | null> {
  const later = await db.edits
    .where('taskId')
    .equals(edit.taskId)
    .filter((e) => (e.id ?? 0) > (edit.id ?? 0) && e.kind !== 'undo' && e.undoneAt === null)
    .first();
  if (later) return refuse('later-edit', { detail: String(later.id) });

  const current = (await db.tasks.get(edit.taskId)) ?? null;
  if (edit.after.task === null) {
    if (current) return refuse('task-recreated');
  } else {
    if (!current) return refuse('task-changed-since', { detail: 'task missing' });
    // Time measured since is the likeliest change, and the one worth naming: compare it first.
    if (current.activeMs !== edit.after.task.activeMs) return refuse('time-added-since');
    // updatedAt says when, not what: an undo stamps it too, and must not block the undo before it.
    if (!sameValue({ ...current, updatedAt: 0 }, { ...edit.after.task, updatedAt: 0 })) return refuse('task-changed-since');
  }
  for (const segment of edit.after.segments) {
    const now = await db.segments.get(segment.id ?? -1);
    if (!now || !sameValue(now, segment)) return refuse('segments-changed-since');
  }
  // A deleted task's gaps come back under their own ids: an id taken since by another gap would
  // be written over.
  for (const gap of edit.before.gaps ?? []) {
    const now = await db.gaps.get(gap.id ?? -1);
    if (now && !sameValue(now, gap)) return refuse('gaps-changed-since');
  }
  const leaving = new Set(edit.after.segments.map((s) => s.id));
  for (const segment of edit.before.segments) {
    if (leaving.has(segment.id)) continue;
    if (await db.segments.get(segment.id ?? -1)) return refuse('segments-changed-since');
    // A deleted task's time may since have been given to another task: attention is one resource.
    const hit = (await overlapping(db, segment.start, segment.end)).find((s) => !leaving.has(s.id));
    if (hit) return refuse('overlap', { conflict: { start: hit.start, end: hit.end, taskId: hit.taskId } });
  }
  return null;
}

/**
 * Puts back what an edit changed: the task and segments as they were (by id, so references hold),
 * removes the segments it added and restores a deleted task's gaps. The edit is marked undone and
 * the undo recorded as an edit of its own. Refused when the task changed since in a way the
 * restore would erase (time measured after the edit, a later correction still in force…).
 */
export async function undo(db: TrueRateDb, editId: number, now: number): Promise<EditResult> {
  const input = segmentIdInput.safeParse(editId);
  const at = timestampInput.safeParse(now);
  if (!input.success || !at.success) return refuse('invalid-input', { detail: 'edit id and time must be integers' });
  return db.transaction('rw', ledgerTables(db), async () => {
    const edit = (await db.edits.get(editId)) as SavedEdit | undefined;
    if (!edit) return refuse('edit-not-found');
    if (edit.kind === 'undo') return refuse('undo-of-undo');
    if (edit.undoneAt !== null) return refuse('already-undone');
    const conflict = await conflictOf(db, edit);
    if (conflict) return conflict;

    const beforeIds = new Set(edit.before.segments.map((s) => s.id));
    const added = edit.after.segments.filter((s) => !beforeIds.has(s.id)).map((s) => s.id as number);
    await db.segments.bulkDelete(added);
    await db.segments.bulkPut(edit.before.segments);
    if (edit.before.gaps?.length) await db.gaps.bulkPut(edit.before.gaps);
    // The task comes back as it was, stamped now, with its time recounted from what came back.
    const current = await db.tasks.get(edit.taskId);
    if (edit.before.task) await putTask(db, { ...edit.before.task, updatedAt: stamp(current?.updatedAt ?? edit.before.task.updatedAt, now) });
    else await deleteTask(db, edit.taskId);
    await recount(db, [edit.taskId], now);
    const restored = (await db.tasks.get(edit.taskId)) ?? null;

    await db.edits.update(editId, { undoneAt: now });
    const record = await recordEdit(db, {
      taskId: edit.taskId,
      at: now,
      kind: 'undo',
      before: edit.after,
      after: { ...edit.before, task: restored },
      undoneAt: null,
    });
    return { ok: true, edit: record, task: restored };
  });
}
