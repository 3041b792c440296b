import type { GapRecord, JournalRecord, SegmentRecord, TaskRecord } from '../model/records';
import { initialState, type EngineState } from '../tracking/state';
import { DAYS_BUILT_KEY, isDaysBuilt, type DayRecord, type DaysTableRecord } from '../ledger/day-totals';
import type { Totals } from '../rates/bucket';
import { readerOf } from './raw-read';
import { checkTracker } from './tracker-state';

export interface PendingGap extends GapRecord {
  id: number;
  title: string | null;
}

/** A tab that counts for a task without a sensor of its own (a survey opened from it). */
export interface LinkedTab {
  tabId: number;
  taskId: string;
  title: string | null;
}

export interface PopupData {
  state: EngineState;
  linked: LinkedTab[];
  /** Journal entries the worker has not dismissed yet, newest first (clock set back, …). */
  journal: JournalRecord[];
  /** The task receiving attention now (open segment or manual timer), if any. */
  running: TaskRecord | null;
  gaps: PendingGap[];
  recent: TaskRecord[];
  /**
   * Today's sums: the day's record the ledger keeps (one read), or, while the days are not built
   * in the popup's zone, the tasks accepted and overhead segments started since the start of today.
   */
  today: { kind: 'totals'; totals: Totals | null } | { kind: 'rows'; tasks: TaskRecord[]; overhead: SegmentRecord[] };
}

/** Where today starts, its key ("2026-11-28") and the zone both are in. */
export interface Today {
  since: number;
  key: string;
  zone: string;
}

/**
 * Everything the popup shows, read in one read-only transaction straight from IndexedDB, without
 * Dexie (lib/db/raw-read.ts). Today is one record of the day totals (lib/ledger/day-totals.ts), or
 * today's rows when those are not built (index ranges on acceptedAt and start), so the popup opens
 * as fast with 100,000 tasks stored as with ten. No database yet: nothing to show.
 */
export async function loadPopupData(db: IDBDatabase | null, recentLimit: number, today: Today): Promise<PopupData> {
  if (db === null) return { state: initialState(), linked: [], journal: [], running: null, gaps: [], recent: [], today: { kind: 'totals', totals: null } };
  // The stores this version of the database has: one an upgrade that failed did not add (the
  // days before version 9, the journal before 5…) reads as empty, and today falls back to its rows
  // (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer).
  const has = (store: string) => db.objectStoreNames.contains(store);
  const hasDays = has('days');
  const read = readerOf(db, ['tracker', 'tasks', 'gaps', 'segments', 'journal', 'days'].filter(has));
  const tracker = checkTracker(has('tracker') ? await read.get<{ state: unknown }>('tracker', 'state') : undefined);
  const state = tracker.ok ? tracker.state : tracker.fallback;
  const task = (id: string) => read.get<TaskRecord>('tasks', id);
  const runningId = state.manual?.taskId ?? state.open?.taskId ?? null;
  const running = runningId ? ((await task(runningId)) ?? null) : null;
  const pending = has('gaps') ? await read.range<GapRecord>('gaps', 'answer', IDBKeyRange.bound('pending', 'pending'), { reverse: true, limit: 3 }) : [];
  const gaps: PendingGap[] = [];
  for (const gap of pending) {
    if (gap.id === undefined) continue;
    gaps.push({ ...gap, id: gap.id, title: (await task(gap.taskId))?.title ?? null });
  }
  const built = hasDays ? await read.get<DaysTableRecord>('days', DAYS_BUILT_KEY) : undefined;
  let todays: PopupData['today'];
  if (isDaysBuilt(built) && built.zone === today.zone) {
    const day = await read.get<DayRecord>('days', today.key);
    todays = { kind: 'totals', totals: day?.totals ?? null };
  } else {
    const tasks = await read.range<TaskRecord>('tasks', 'acceptedAt', IDBKeyRange.lowerBound(today.since));
    // Overhead has no taskId, and IndexedDB leaves null keys out of the taskId index: range on start.
    const overhead = await read.range<SegmentRecord>('segments', 'start', IDBKeyRange.lowerBound(today.since), { keep: (s) => s.taskId === null });
    todays = { kind: 'rows', tasks, overhead };
  }
  const linked: LinkedTab[] = [];
  for (const [tabId, tab] of Object.entries(state.tabs)) {
    if (!tab.linked || tab.taskId === null) continue;
    linked.push({ tabId: Number(tabId), taskId: tab.taskId, title: (await task(tab.taskId))?.title ?? null });
  }
  const journal = has('journal') ? await read.range<JournalRecord>('journal', 'at', null, { reverse: true, limit: 5, keep: (j) => j.seenAt === null }) : [];
  const recent = await read.range<TaskRecord>('tasks', 'acceptedAt', null, { reverse: true, limit: recentLimit });
  return { state, linked, journal, running, gaps, recent, today: todays };
}

/**
 * The running task's time for a live display: what is counted, plus the quiet time since the last
 * sign that will count if the worker goes on within the threshold.
 */
export function liveTime(data: PopupData, now: number): { countedMs: number; quietMs: number; thresholdMs: number } | null {
  const task = data.running;
  if (!task) return null;
  const open = data.state.open;
  const mine = open !== null && open.taskId === task.id;
  const countedMs = task.activeMs + (mine ? open.end - open.start : 0);
  const thresholdMs = mine ? open.thresholdMs : task.idleThresholdS * 1000;
  const quietMs = mine ? Math.max(0, now - open.end) : 0;
  return { countedMs, quietMs, thresholdMs };
}
