import type { TrueRateDb } from '../db/database';
import {
  recordEdit,
  refuse,
  sameValue,
  segmentIdInput,
  tablesOf,
  timestampInput,
  type EditResult,
  type Refused,
  type SavedEdit,
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
    // The engine adds measured time without touching updatedAt: compare the time first.
    if (current.activeMs !== edit.after.task.activeMs) return refuse('time-added-since');
    if (!sameValue(current, edit.after.task)) return refuse('task-changed-since');
  }
  for (const segment of edit.after.segments) {
    const now = await db.segments.get(segment.id ?? -1);
    if (!now || !sameValue(now, segment)) return refuse('segments-changed-since');
  }
  const leaving = new Set(edit.after.segments.map((s) => s.id));
  for (const segment of edit.before.segments) {
    if (leaving.has(segment.id)) continue;
    if (await db.segments.get(segment.id ?? -1)) return refuse('segments-changed-since');
    // A deleted task's time may since have been given to another task: attention is one resource.
    const hit = await db.segments
      .where('start')
      .below(segment.end)
      .filter((s) => s.end > segment.start && s.end > s.start && !leaving.has(s.id))
      .first();
    if (hit && segment.end > segment.start) {
      return refuse('overlap', { conflict: { start: hit.start, end: hit.end, taskId: hit.taskId } });
    }
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
  return db.transaction('rw', tablesOf(db), async () => {
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
    if (edit.before.task) await db.tasks.put(edit.before.task);
    else await db.tasks.delete(edit.taskId);

    await db.edits.update(editId, { undoneAt: now });
    const record = await recordEdit(db, {
      taskId: edit.taskId,
      at: now,
      kind: 'undo',
      before: edit.after,
      after: edit.before,
      undoneAt: null,
    });
    return { ok: true, edit: record, task: edit.before.task };
  });
}
