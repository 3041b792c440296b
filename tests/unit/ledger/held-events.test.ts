import { describe, expect, it } from 'vitest';
import { createHeldFeed, MAX_HELD, type HeldEvents, type HeldStore } from '@/lib/ledger/held-events';
import type { EngineEvent } from '@/lib/tracking/events';

const tick = (at: number): EngineEvent => ({ type: 'tick', at });

function memoryStore(initial: HeldEvents | null = null): HeldStore & { value: HeldEvents | null } {
  const store = {
    value: initial,
    get: async () => store.value,
    set: async (held: HeldEvents) => {
      store.value = structuredClone(held);
    },
    clear: async () => {
      store.value = null;
    },
  };
  return store;
}

describe('events the database refuses are held, then written in order once it takes them', () => {
  it('holds every event while writes fail, says since when and why, and writes them all first, once, when they succeed', async () => {
    const applied: EngineEvent[][] = [];
    let full = true;
    const store = memoryStore();
    const feed = createHeldFeed(
      async (events) => {
        if (full) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
        applied.push(events);
      },
      store,
      () => 1000,
    );
    await feed([tick(1)]);
    await feed([tick(2), tick(3)]);
    expect(store.value).toEqual({ events: [tick(1), tick(2), tick(3)], since: 1000, error: 'QuotaExceededError: quota', dropped: 0 });
    expect(applied).toEqual([]);
    full = false;
    await feed([tick(4)]);
    expect(applied).toEqual([[tick(1), tick(2), tick(3), tick(4)]]);
    expect(store.value).toBeNull();
    await feed([tick(5)]);
    expect(applied).toEqual([[tick(1), tick(2), tick(3), tick(4)], [tick(5)]]);
  });

  it('a restarted service worker finds the held events in the store and writes them first', async () => {
    const store = memoryStore({ events: [tick(1)], since: 5, error: 'UnknownError: disk', dropped: 0 });
    const applied: EngineEvent[][] = [];
    const feed = createHeldFeed(async (events) => void applied.push(events), store, () => 9);
    await feed([tick(2)]);
    expect(applied).toEqual([[tick(1), tick(2)]]);
    expect(store.value).toBeNull();
  });

  it('keeps at most MAX_HELD events, the oldest, and counts those left out', async () => {
    const store = memoryStore();
    const feed = createHeldFeed(async () => Promise.reject(new Error('no')), store, () => 0);
    await feed(Array.from({ length: MAX_HELD - 1 }, (_, i) => tick(i)));
    await feed([tick(-1), tick(-2), tick(-3)]);
    expect(store.value?.events).toHaveLength(MAX_HELD);
    expect(store.value?.events.at(-1)).toEqual(tick(-1));
    expect(store.value?.dropped).toBe(2);
  });
});

describe('held events replayed through the ledger', () => {
  it('give exactly the tasks and segments the same events give when no write is refused', async () => {
    const { createDb } = await import('@/lib/db/database');
    const { applyEvents } = await import('@/lib/ledger/apply-events');
    const { recordPageRead } = await import('@/lib/ledger/page-read');
    const T = Date.UTC(2026, 10, 30, 9);
    const page = { platform: 'mturk' as const, kind: 'working' as const, task: { externalId: '3AAAAAAAAAAAAAAAAAAAAAAAAAAAA1', title: 'T', reward: { amountMinor: 40, currency: 'USD' } }, missing: [] };
    const pulse = (at: number): EngineEvent => ({ type: 'pulse', at, tabId: 1, input: at, media: false, focusInFrame: false, visible: true });
    const batches: EngineEvent[][] = Array.from({ length: 30 }, (_, i) => [pulse(T + 1000 + i * 1000)]);
    batches.push([{ type: 'tab-closed', at: T + 40_000, tabId: 1 }]);
    const start = async () => {
      const db = createDb(`held-${crypto.randomUUID()}`);
      await applyEvents(db, [{ type: 'window-focus', at: T, windowId: 1 }, { type: 'tab-activated', at: T, tabId: 1, windowId: 1 }]);
      await recordPageRead(db, { page, tabId: 1, windowId: 1, platform: 'mturk', thresholdS: 60 }, T);
      return db;
    };
    const plain = await start();
    for (const batch of batches) await applyEvents(plain, batch);
    const refused = await start();
    let calls = 0;
    // The writes of batches 5 to 20 are refused (a full disk), then space comes back.
    const feed = createHeldFeed(async (events) => {
      calls += 1;
      if (calls >= 5 && calls <= 20) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      return applyEvents(refused, events);
    }, memoryStore(), () => T);
    for (const batch of batches) await feed(batch);
    const view = async (db: typeof plain) => ({
      tasks: (await db.tasks.toArray()).map(({ updatedAt: _u, ...t }) => t),
      segments: (await db.segments.toArray()).map(({ id: _id, ...s }) => s),
    });
    const want = await view(plain);
    expect(want.tasks[0]?.activeMs).toBeGreaterThan(25_000);
    expect(await view(refused)).toEqual(want);
  });
});
