import type { Table } from 'dexie';
import type { TrueRateDb } from '../db/database';
import type { EditRecord, GapRecord, SegmentRecord } from '../model/records';
import type { Backup, BackupTable } from '../backup/backup-schema';
import { canonicalEdit, canonicalGap, canonicalOffer, canonicalSegment, canonicalTask } from '../backup/canonical';
import type { Progress } from '../backup/export';
import { zeroCounts, type Conflict, type RestoreResult } from './restore';
import { addTasks } from './task-writes';

interface MergeOptions {
  onProgress?: (progress: Progress) => void;
  chunkSize: number;
  maxConflicts: number;
  total: number;
}

type Numbered = { id?: number };

// Flags are recomputed from the task and the settings of the day; a task that differs only by its
// flags is the same work, not a conflict.
const sameTask = (a: Backup['tasks'][number], b: Backup['tasks'][number]) =>
  JSON.stringify(canonicalTask(a, [])) === JSON.stringify(canonicalTask(b, []));

/**
 * Merge never overwrites or removes what the worker has. Tasks and offers (ids chosen by TrueRate:
 * `platform:externalId`) are added when their id is new; the same id with other content is a
 * conflict and the existing record stays. A task kept that way keeps its own segments, gaps and
 * edits, so its active time still matches its segments; the file's ones for it are set aside
 * (`keptWithTask`). Segments, gaps and edits are numbered by the database, so two installs reuse
 * the same numbers for unrelated records: a record already present (same content, any number) is
 * skipped, and one whose number is taken by another record is added under a new number, with the
 * segment numbers inside edits updated to match.
 */
export async function mergeBackup(db: TrueRateDb, backup: Backup, options: MergeOptions): Promise<RestoreResult> {
  const { onProgress, chunkSize, maxConflicts, total } = options;
  const added = zeroCounts();
  const unchanged = zeroCounts();
  const conflicts: Conflict[] = [];
  let conflictCount = 0;
  let keptWithTask = 0;
  let renumbered = 0;
  let done = 0;
  const conflict = (table: BackupTable, id: string) => {
    conflictCount += 1;
    if (conflicts.length < maxConflicts) conflicts.push({ table, id });
  };
  const step = (n: number) => {
    done += n;
    onProgress?.({ done, total });
  };

  // Attention is one resource: a task of the file whose time this database already gives to other
  // work is left out whole (listed), and so is an overhead segment of the file over such time.
  const taken = await takenTime(db);
  const overlapping = (seg: SegmentRecord) => seg.end > seg.start && !taken.same.has(sameKey(seg)) && taken.overlaps(seg.start, seg.end);
  const overlaps: Conflict[] = [];
  const heldBack = new Set<string>();
  for (const seg of backup.segments) {
    if (seg.taskId === null || heldBack.has(seg.taskId) || !overlapping(seg)) continue;
    heldBack.add(seg.taskId);
    if (overlaps.length < maxConflicts) overlaps.push({ table: 'tasks', id: seg.taskId });
  }
  let leftOutOverhead = 0;
  for (let i = 0; i < backup.tasks.length; i += chunkSize) {
    const chunk = backup.tasks.slice(i, i + chunkSize);
    const existing = await db.tasks.bulkGet(chunk.map((t) => t.id));
    const fresh = chunk.filter((task, j) => {
      const old = existing[j];
      if (heldBack.has(task.id) && !old) return false;
      if (!old) return true;
      heldBack.add(task.id);
      if (sameTask(old, task)) unchanged.tasks += 1;
      else conflict('tasks', task.id);
      return false;
    });
    await addTasks(db, fresh);
    added.tasks += fresh.length;
    step(chunk.length);
  }

  for (let i = 0; i < backup.offers.length; i += chunkSize) {
    const chunk = backup.offers.slice(i, i + chunkSize);
    const existing = await db.offers.bulkGet(chunk.map((o) => o.id));
    const fresh = chunk.filter((offer, j) => {
      const old = existing[j];
      if (!old) return true;
      if (JSON.stringify(canonicalOffer(old)) === JSON.stringify(canonicalOffer(offer))) unchanged.offers += 1;
      else conflict('offers', offer.id);
      return false;
    });
    await db.offers.bulkAdd(fresh);
    added.offers += fresh.length;
    step(chunk.length);
  }

  /**
   * One numbered table. `twins` finds existing records that could hold the same content (by an
   * index), so a record restored twice, or already renumbered once, is not added again.
   */
  async function numbered<S extends Numbered & { taskId: string | null }, T extends S>(
    name: 'segments' | 'gaps' | 'edits',
    records: T[],
    key: (record: S) => string,
    twins: (record: T) => Promise<S[]>,
  ): Promise<Map<number, number>> {
    const table = db.table(name) as Table<S, number>;
    const moved = new Map<number, number>();
    for (let i = 0; i < records.length; i += chunkSize) {
      const chunk = records.slice(i, i + chunkSize);
      const existing = await table.bulkGet(chunk.map((r) => r.id as number));
      const fresh: T[] = [];
      const again: T[] = [];
      for (const [j, record] of chunk.entries()) {
        const old = existing[j];
        const content = key(record);
        if (old && key(old) === content) unchanged[name] += 1;
        else if (record.taskId !== null && heldBack.has(record.taskId)) keptWithTask += 1;
        else if (name === 'segments' && overlapping(record as unknown as SegmentRecord)) leftOutOverhead += 1;
        else if (!old) fresh.push(record);
        else if ((await twins(record)).some((twin) => key(twin) === content)) unchanged[name] += 1;
        else again.push(record);
      }
      await table.bulkAdd(fresh);
      for (const record of again) {
        const { id: oldId, ...rest } = record;
        const newId = await table.add(rest as unknown as S);
        if (oldId !== undefined) moved.set(oldId, newId);
      }
      added[name] += fresh.length + again.length;
      renumbered += again.length;
      step(chunk.length);
    }
    return moved;
  }

  const withoutId = <T extends Numbered>(r: T) => ({ ...r, id: undefined });
  const segmentKey = (s: SegmentRecord) => JSON.stringify(canonicalSegment(withoutId(s)));
  const moved = await numbered('segments', backup.segments, segmentKey, (s) => db.segments.where('start').equals(s.start).toArray());
  await numbered('gaps', backup.gaps, (g: GapRecord) => JSON.stringify(canonicalGap(withoutId(g))), (g) =>
    db.gaps.where('end').equals(g.end).toArray(),
  );
  const renumber = (segments: SegmentRecord[]) =>
    segments.map((s) => (s.id !== undefined && moved.has(s.id) ? { ...s, id: moved.get(s.id) } : s));
  const edits: EditRecord[] = backup.edits.map((e) =>
    moved.size === 0
      ? e
      : {
          ...e,
          before: { ...e.before, segments: renumber(e.before.segments) },
          after: { ...e.after, segments: renumber(e.after.segments) },
        },
  );
  await numbered('edits', edits, (e: EditRecord) => JSON.stringify(canonicalEdit(withoutId(e))), (e) => db.edits.where('at').equals(e.at).toArray());

  return {
    mode: 'merge',
    added,
    unchanged,
    keptWithTask,
    renumbered,
    conflicts,
    moreConflicts: conflictCount - conflicts.length,
    overlaps,
    leftOutOverhead,
    trackerReset: false,
  };
}

const sameKey = (s: Pick<SegmentRecord, 'taskId' | 'platform' | 'start' | 'end'>) => `${s.taskId ?? ''}|${s.platform}|${s.start}|${s.end}`;

/**
 * The time this database's segments already hold, read once (one pass over the start index),
 * so that checking every segment of a large file costs a binary search each, not a query.
 */
async function takenTime(db: TrueRateDb): Promise<{ same: Set<string>; overlaps: (start: number, end: number) => boolean }> {
  const stored = await db.segments.orderBy('start').toArray();
  const spans = stored.filter((s) => s.end > s.start);
  const same = new Set(spans.map(sameKey));
  // Running maximum of ends, so that a binary search on start answers "does anything before end
  // reach past start" even if old records overlap each other.
  const starts = spans.map((s) => s.start);
  const reach: number[] = [];
  for (const [i, s] of spans.entries()) reach.push(Math.max(s.end, reach[i - 1] ?? -Infinity));
  return {
    same,
    overlaps(start, end) {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < end) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && reach[lo - 1]! > start;
    },
  };
}
