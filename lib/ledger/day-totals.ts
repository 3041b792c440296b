import type { SegmentRecord, TaskRecord } from '../model/records';
import { Bucket, overheadMsOf, type Totals } from '../rates/bucket';
import { dayKeyOf, zoneDays } from '../rates/zone-days';

/**
 * The ledger keeps, for every local day with work, that day's sums (lib/rates/bucket.ts): what
 * the popup's "today" and the dashboard's overview read, one small record per day instead of every
 * task and overhead segment of the period. It is derived data, like the scopes: rebuildDays gives
 * it from the tasks and overhead segments alone, the ledger's invariant check compares the two,
 * and a reader that finds it unbuilt or in another time zone reads the tasks instead. See
 * docs/architecture.md#day-totals.
 */
export interface DayRecord {
  /** "2026-11-28", local to the zone of DAYS_BUILT. */
  day: string;
  totals: Totals;
}

/** Says the days were built from the tables, and in which time zone their dates are. */
export interface DaysBuilt {
  day: typeof DAYS_BUILT_KEY;
  zone: string;
}

export type DaysTableRecord = DayRecord | DaysBuilt;

export const DAYS_BUILT_KEY = '\u0000built';

export const isDaysBuilt = (r: DaysTableRecord | undefined): r is DaysBuilt => r?.day === DAYS_BUILT_KEY;

/** One thing that changes a day's sums: a task or an overhead segment added (1) or taken out (-1). */
export type DayChange = { task: TaskRecord; sign: 1 | -1 } | { overhead: Pick<SegmentRecord, 'taskId' | 'platform' | 'start' | 'end' | 'excluded'>; sign: 1 | -1 };

/** A task's changes as day changes; nothing when the change leaves every sum as it was. */
export function taskDayChanges(changes: readonly { before: TaskRecord | null; after: TaskRecord | null }[]): DayChange[] {
  const out: DayChange[] = [];
  for (const { before, after } of changes) {
    if (before && after && sameSums(before, after)) continue;
    if (before) out.push({ task: before, sign: -1 });
    if (after) out.push({ task: after, sign: 1 });
  }
  return out;
}

// Only these fields reach a day's sums (Bucket.addTask); a title or a completion code does not.
const sumsKey = (t: TaskRecord) =>
  JSON.stringify([t.platform, t.status, t.acceptedAt, t.activeMs, t.reward, t.bonuses.map((b) => [b.amountMinor, b.currency])]);
const sameSums = (a: TaskRecord, b: TaskRecord) => sumsKey(a) === sumsKey(b);

const changeAt = (c: DayChange) => ('task' in c ? c.task.acceptedAt : c.overhead.start);

/** The day keys the changes touch, in the zone. */
export function dayKeysOf(changes: readonly DayChange[], timeZone: string): string[] {
  const zone = zoneDays(timeZone);
  return [...new Set(changes.map((c) => dayKeyOf(zone.dayOf(changeAt(c)))))];
}

/**
 * The days' sums with the changes applied: per key, the new totals, or null when the day has
 * nothing left (its record goes). Keys whose sums end as they were are left out.
 */
export function applyDayChanges(stored: ReadonlyMap<string, Totals>, changes: readonly DayChange[], timeZone: string): Map<string, Totals | null> {
  const zone = zoneDays(timeZone);
  const buckets = new Map<string, Bucket>();
  for (const change of changes) {
    const key = dayKeyOf(zone.dayOf(changeAt(change)));
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(key);
      const before = stored.get(key);
      if (before) bucket.addTotals(before);
      buckets.set(key, bucket);
    }
    if ('task' in change) bucket.addTask(change.task, change.sign);
    else {
      const ms = overheadMsOf(change.overhead);
      if (ms > 0) bucket.addOverhead(change.overhead.platform, ms, change.sign);
    }
  }
  const out = new Map<string, Totals | null>();
  for (const [key, bucket] of buckets) {
    const next = bucket.isEmpty() ? null : bucket.totals();
    const before = stored.get(key) ?? null;
    if (JSON.stringify(next) !== JSON.stringify(before)) out.set(key, next);
  }
  return out;
}

/** Every day record from the tasks and segments alone (segments of tasks are ignored), sorted. */
export function rebuildDays(tasks: Iterable<TaskRecord>, segments: Iterable<SegmentRecord>, timeZone: string): DayRecord[] {
  const changes: DayChange[] = [];
  for (const task of tasks) changes.push({ task, sign: 1 });
  for (const seg of segments) if (overheadMsOf(seg) > 0) changes.push({ overhead: seg, sign: 1 });
  const days = applyDayChanges(new Map(), changes, timeZone);
  return [...days.entries()]
    .filter((entry): entry is [string, Totals] => entry[1] !== null)
    .map(([day, totals]) => ({ day, totals }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
