import { browser } from 'wxt/browser';
import { z } from 'zod';
import { HELD_KEY, type HeldEvents, type HeldStore } from '@/lib/ledger/held-events';
import type { EngineEvent } from '@/lib/tracking/events';


const heldSchema = z.object({
  events: z.array(z.looseObject({ type: z.string(), at: z.number() })),
  since: z.number(),
  error: z.string(),
  dropped: z.number().int().nonnegative(),
});

/**
 * browser.storage.local, outside IndexedDB: its own store, which a full IndexedDB does not
 * block. A record that fails its check is kept aside under `heldEvents-set-aside:<instant>`,
 * never deleted.
 */
export function heldStore(): HeldStore {
  return {
    async get() {
      const stored = (await browser.storage.local.get(HELD_KEY))[HELD_KEY];
      if (stored === undefined) return null;
      const parsed = heldSchema.safeParse(stored);
      if (parsed.success) return { ...parsed.data, events: parsed.data.events as unknown as EngineEvent[] };
      await browser.storage.local.set({ [`${HELD_KEY}-set-aside:${Date.now()}`]: stored });
      await browser.storage.local.remove(HELD_KEY);
      return null;
    },
    set: (held: HeldEvents) => browser.storage.local.set({ [HELD_KEY]: held }),
    clear: () => browser.storage.local.remove(HELD_KEY),
  };
}
