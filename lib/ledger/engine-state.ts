import type { TrueRateDb } from '../db/database';
import { readTracker } from '../db/tracker-state';
import type { EngineState } from '../tracking/state';

/**
 * The engine's state for a change the ledger is about to make. A stored state that fails its check
 * is kept aside as it was (tracker key `set-aside:<now>`) and written in the journal, and the change
 * goes on from a fresh state that keeps the old high-water mark: the worker's records are never
 * reset, only the engine's memory of open tabs. Call inside a transaction over tracker and journal.
 */
export async function loadEngineState(db: TrueRateDb, now: number): Promise<EngineState> {
  const read = await readTracker(db);
  if (read.ok) return read.state;
  const key = `set-aside:${now}` as const;
  await db.tracker.put({ key, state: read.raw });
  await db.journal.add({ at: now, kind: 'tracker-state-set-aside', taskId: null, from: null, to: null, detail: `${key} ${read.problem}`.slice(0, 2000), seenAt: null });
  await saveEngineState(db, read.fallback);
  return read.fallback;
}

export async function saveEngineState(db: TrueRateDb, state: EngineState): Promise<void> {
  await db.tracker.put({ key: 'state', state });
}
