import { engineStateSchema } from '../tracking/state-schema';
import { initialState, type EngineState } from '../tracking/state';
import type { TrueRateDb } from './database';

export type TrackerRead =
  | { ok: true; state: EngineState }
  /** The stored state failed its check: `raw` is what is stored, `problem` the first issue. */
  | { ok: false; raw: unknown; problem: string; fallback: EngineState };

/**
 * The engine's saved state, checked. No state yet is the initial state. A state that fails the
 * check is reported with a fallback to go on from: the initial state, keeping the stored
 * high-water mark when it is a sound instant (time before it must still never count twice). Only
 * the ledger writes, so only the ledger keeps a failed state aside (lib/ledger/engine-state.ts).
 */
export async function readTracker(db: TrueRateDb): Promise<TrackerRead> {
  return checkTracker(await db.tracker.get('state'));
}

/** The check itself, of the stored record (`tracker` store, key `state`), for any reader. */
export function checkTracker(stored: { state: unknown } | undefined): TrackerRead {
  if (!stored) return { ok: true, state: initialState() };
  const parsed = engineStateSchema.safeParse(stored.state);
  if (parsed.success) return { ok: true, state: parsed.data };
  const issue = parsed.error.issues[0];
  const highWater = (stored.state as { highWater?: unknown } | null)?.highWater;
  const fallback = { ...initialState(), highWater: Number.isSafeInteger(highWater) && (highWater as number) >= 0 ? (highWater as number) : 0 };
  return { ok: false, raw: stored.state, problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, fallback };
}

/** The state to show or to decide from (popup, dashboard, background): the fallback when unsound. */
export async function readTrackerState(db: TrueRateDb): Promise<EngineState> {
  const read = await readTracker(db);
  return read.ok ? read.state : read.fallback;
}
