import type { TrueRateDb } from '../db/database';
import { readTrackerState } from '../db/tracker-state';
import { initialState, type EngineState } from '../tracking/state';

/** Task ids the tracker's state points at: a segment may still be written for any of them. */
export function trackedTaskIds(state: EngineState): string[] {
  const ids = [state.open?.taskId, state.manual?.taskId, state.quietSince?.taskId, ...Object.values(state.tabs).map((t) => t.taskId)];
  return ids.filter((id): id is string => typeof id === 'string');
}

/**
 * Puts the tracker back to its initial state when it points at a task that is no longer in the
 * database, so no segment is ever written for a deleted task. The segment in progress is dropped
 * with it. The high-water mark is kept: time before it must still never be counted twice if the
 * clock is set back. Call inside a transaction that includes db.tracker. Returns whether it reset.
 */
export async function resetTrackerUnless(db: TrueRateDb, taskExists: (id: string) => boolean): Promise<boolean> {
  const state = await readTrackerState(db);
  if (trackedTaskIds(state).every(taskExists)) return false;
  await db.tracker.put({ key: 'state', state: { ...initialState(), highWater: state.highWater } });
  return true;
}
