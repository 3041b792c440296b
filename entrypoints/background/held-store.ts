import { browser } from 'wxt/browser';
import { HELD_KEY, parseHeld, type HeldEvents, type HeldStore } from '@/lib/ledger/held-events';

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
      const held = parseHeld(stored);
      if (held) return held;
      await browser.storage.local.set({ [`${HELD_KEY}-set-aside:${Date.now()}`]: stored });
      await browser.storage.local.remove(HELD_KEY);
      return null;
    },
    set: (held: HeldEvents) => browser.storage.local.set({ [HELD_KEY]: held }),
    clear: () => browser.storage.local.remove(HELD_KEY),
  };
}
