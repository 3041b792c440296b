// zod's mini build: the popup checks the held events too, and its first paint waits for its bundle.
import { z } from 'zod/mini';
import type { EngineEvent } from '../tracking/events';
import { errorText } from '../error-text';

/**
 * Engine events the database refused, kept outside it (browser.storage.local) until it takes them
 * again. When IndexedDB refuses a write (its quota reached, the disk full, any error), the engine's
 * saved state does not move either: the events from that moment on are all the open segment is
 * made of, and replaying them in order later gives exactly the segments they would have given
 * (docs/security.md#when-the-database-refuses-a-write).
 */
export interface HeldEvents {
  events: EngineEvent[];
  /** When the first refused write was asked for. */
  since: number;
  /** The last refusal, as "<name>: <message>". */
  error: string;
  /** Events left out beyond MAX_HELD (the newest), so the worker is told how much is missing. */
  dropped: number;
}

/** The storage.local key of the held events: the background writes it, the popup reads it. */
export const HELD_KEY = 'heldEvents';

/** The stored record's check; each event is checked for what replaying it needs first, its type and instant. */
const heldSchema = z.object({
  events: z.array(z.looseObject({ type: z.string(), at: z.number() })),
  since: z.number(),
  error: z.string(),
  dropped: z.int().check(z.minimum(0)),
});

/** The held events as stored (HELD_KEY), checked; null when there are none or they fail the check. */
export function parseHeld(value: unknown): HeldEvents | null {
  const parsed = heldSchema.safeParse(value);
  return parsed.success ? { ...parsed.data, events: parsed.data.events as unknown as EngineEvent[] } : null;
}

/** About five hours of one pulse a second: storage.local must not fill up in turn. */
export const MAX_HELD = 20_000;

export interface HeldStore {
  get(): Promise<HeldEvents | null>;
  set(held: HeldEvents): Promise<void>;
  clear(): Promise<void>;
}

export type Feed = (events: EngineEvent[]) => Promise<unknown>;

/**
 * A feed that never loses events to a refused write: `apply` gets the held events first, then the
 * new ones, in one call (one transaction); on success the held ones are cleared, on failure all of
 * them are held (the oldest first, at most MAX_HELD). The held events are read from the store once
 * (a service worker that restarts finds them there). Calls must not overlap: run it in the
 * background's serial.
 */
export function createHeldFeed(apply: Feed, store: HeldStore, now: () => number, onError: (error: unknown) => void = () => undefined): Feed {
  let held: HeldEvents | null | undefined;
  return async (events) => {
    if (held === undefined) held = await store.get().catch(() => null);
    const all = held ? [...held.events, ...events] : events;
    try {
      const result = await apply(all);
      if (held) {
        await store.clear();
        held = null;
      }
      return result;
    } catch (error) {
      onError(error);
      const kept = all.slice(0, MAX_HELD);
      held = { events: kept, since: held?.since ?? now(), error: errorText(error), dropped: (held?.dropped ?? 0) + (all.length - kept.length) };
      await store.set(held);
      return undefined;
    }
  };
}
