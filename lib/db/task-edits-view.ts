import type { TrueRateDb } from './database';
import type { SavedEdit, SegmentRecord, TaskRecord } from '../model/records';
import { readTrackerState } from './tracker-state';

export interface TaskDetailData {
  /** Null when the task is not (or no longer) in the database. */
  task: TaskRecord | null;
  segments: (SegmentRecord & { id: number })[];
  edits: SavedEdit[];
  /** The engine or the manual timer is timing this task right now. */
  running: boolean;
}

/** Everything the task detail view shows, read in one transaction so it is one consistent picture. */
export async function loadTaskDetail(db: TrueRateDb, taskId: string): Promise<TaskDetailData> {
  return db.transaction('r', [db.tasks, db.segments, db.edits, db.tracker], async () => {
    const task = (await db.tasks.get(taskId)) ?? null;
    const segments = (await db.segments.where('[taskId+start]').between([taskId, -Infinity], [taskId, Infinity]).toArray()) as (SegmentRecord & {
      id: number;
    })[];
    const state = await readTrackerState(db);
    const running = state?.open?.taskId === taskId || state?.manual?.taskId === taskId;
    return { task, segments, edits: await editsOf(db, taskId), running };
  });
}

/** A task's corrections, newest first (ids grow with time; `at` can tie). */
export async function editsOf(db: TrueRateDb, taskId: string): Promise<SavedEdit[]> {
  const edits = (await db.edits.where('taskId').equals(taskId).toArray()) as SavedEdit[];
  return edits.sort((a, b) => b.id - a.id);
}
