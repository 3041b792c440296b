import type { TrueRateDb } from './database';
import type { GapRecord, JournalRecord, SegmentRecord, TaskRecord } from '../model/records';
import type { EngineState } from '../tracking/state';
import { readTrackerState } from './tracker-state';

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
  /** Tasks accepted, and overhead segments started, since `since` (the caller's start of today). */
  todayTasks: TaskRecord[];
  todayOverhead: SegmentRecord[];
}

/**
 * Everything the popup shows, read in one transaction straight from IndexedDB. Only today's rows are
 * read (index ranges on acceptedAt and start), so the popup opens as fast with 100,000 tasks stored
 * as with ten.
 */
export async function loadPopupData(db: TrueRateDb, recentLimit: number, since: number): Promise<PopupData> {
  return db.transaction('r', [db.tracker, db.tasks, db.gaps, db.segments, db.journal], async () => {
    const state = await readTrackerState(db);
    const runningId = state.manual?.taskId ?? state.open?.taskId ?? null;
    const running = runningId ? ((await db.tasks.get(runningId)) ?? null) : null;
    const pending = await db.gaps.where('answer').equals('pending').reverse().limit(3).toArray();
    const gaps: PendingGap[] = [];
    for (const gap of pending) {
      if (gap.id === undefined) continue;
      const task = await db.tasks.get(gap.taskId);
      gaps.push({ ...gap, id: gap.id, title: task?.title ?? null });
    }
    const todayTasks = await db.tasks.where('acceptedAt').aboveOrEqual(since).toArray();
    // Overhead has no taskId, and IndexedDB leaves null keys out of the taskId index: range on start.
    const todayOverhead = await db.segments.where('start').aboveOrEqual(since).filter((s) => s.taskId === null).toArray();
    const linked: LinkedTab[] = [];
    for (const [tabId, tab] of Object.entries(state.tabs)) {
      if (!tab.linked || tab.taskId === null) continue;
      linked.push({ tabId: Number(tabId), taskId: tab.taskId, title: (await db.tasks.get(tab.taskId))?.title ?? null });
    }
    const journal = await db.journal.orderBy('at').reverse().filter((j) => j.seenAt === null).limit(5).toArray();
    return { state, linked, journal, running, gaps, recent: await db.tasks.orderBy('acceptedAt').reverse().limit(recentLimit).toArray(), todayTasks, todayOverhead };
  });
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
