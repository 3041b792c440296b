import type { TrueRateDb } from '../db/database';
import type { SegmentRecord, TaskRecord } from '../model/records';
import { stamp } from '../model/task';
import { updateDays } from './day-writes';
import { putTask } from './task-writes';

/**
 * Segments as the ledger writes them, keeping docs/architecture.md#the-ledger's invariants:
 * no two segments of any tasks overlap (attention is one resource), and a task's activeMs is the
 * sum of its counted (not excluded) segments. Call inside a transaction over segments and tasks.
 */
export interface Interval {
  start: number;
  end: number;
}

/** The task's counted time: its segments minus those the worker excluded. */
export function countedMs(segments: readonly Pick<SegmentRecord, 'start' | 'end' | 'excluded'>[]): number {
  return segments.reduce((sum, s) => (s.excluded ? sum : sum + (s.end - s.start)), 0);
}

/**
 * Stored non-empty segments that overlap [start, end), latest first. Because stored segments never
 * overlap, they are ordered by end as by start: walking back from the last one that starts before
 * `end`, the first that ends at or before `start` ends the search (an index walk, not a scan).
 */
export async function overlapping(db: TrueRateDb, start: number, end: number): Promise<SegmentRecord[]> {
  if (!(end > start)) return [];
  const seen = await db.segments
    .where('start')
    .below(end)
    .reverse()
    .until((s) => s.end > s.start && s.end <= start)
    .toArray();
  return seen.filter((s) => s.end > s.start && s.end > start);
}

/** [start, end) minus the given intervals, as sorted pieces (pure). */
export function subtract(interval: Interval, taken: readonly Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let from = interval.start;
  for (const t of [...taken].sort((a, b) => a.start - b.start)) {
    if (t.end <= from) continue;
    if (t.start >= interval.end) break;
    if (t.start > from) pieces.push({ start: from, end: Math.min(t.start, interval.end) });
    from = Math.max(from, t.end);
    if (from >= interval.end) break;
  }
  if (from < interval.end) pieces.push({ start: from, end: interval.end });
  return pieces;
}

export type NewSegment = Omit<SegmentRecord, 'id'>;

/**
 * Writes the parts of `segment` no stored segment (nor `alsoTaken`, e.g. the engine's open
 * segment) covers. Returns what was written, with ids, and what was left out.
 */
export async function addFreeParts(
  db: TrueRateDb,
  segment: NewSegment,
  alsoTaken: readonly Interval[] = [],
): Promise<{ added: SegmentRecord[]; leftOut: Interval[] }> {
  const taken = [...(await overlapping(db, segment.start, segment.end)), ...alsoTaken];
  const free = subtract(segment, taken);
  const added: SegmentRecord[] = [];
  for (const part of free) {
    const record = { ...segment, start: part.start, end: part.end };
    const id = (await db.segments.add(record)) as number;
    added.push({ ...record, id });
  }
  // Overhead (no task) is summed per day; a task's time reaches the days through its activeMs.
  if (segment.taskId === null) await updateDays(db, added.map((overhead) => ({ overhead, sign: 1 as const })));
  return { added, leftOut: subtract(segment, free) };
}

/** The first stored segment (or one of `alsoTaken`) that [start, end) would overlap, if any. */
export async function firstConflict(
  db: TrueRateDb,
  interval: Interval,
  alsoTaken: readonly (Interval & { taskId: string | null })[] = [],
): Promise<(Interval & { taskId: string | null }) | null> {
  const stored = await overlapping(db, interval.start, interval.end);
  const hit = stored.at(-1) ?? alsoTaken.find((t) => t.end > t.start && t.start < interval.end && t.end > interval.start);
  return hit ? { start: hit.start, end: hit.end, taskId: hit.taskId } : null;
}

/**
 * Sets each task's activeMs to the sum of its counted segments, stamping updatedAt when it
 * changes. Returns the tasks as written.
 */
export async function recount(db: TrueRateDb, taskIds: Iterable<string>, now: number): Promise<TaskRecord[]> {
  const written: TaskRecord[] = [];
  for (const id of new Set(taskIds)) {
    const task = await db.tasks.get(id);
    if (!task) continue;
    const ms = countedMs(await db.segments.where('taskId').equals(id).toArray());
    if (ms === task.activeMs) continue;
    const next = { ...task, activeMs: ms, updatedAt: stamp(task.updatedAt, now) };
    await putTask(db, next);
    written.push(next);
  }
  return written;
}
