import { describe, expect, it, vi } from 'vitest';
import { createDb } from '@/lib/db/database';
import { loadAllTasks, loadDays, replaceTask, tasksStamp } from '@/lib/db/dashboard-data';
import { DAYS_BUILT_KEY, rebuildDays } from '@/lib/ledger/day-totals';
import { forgetDays } from '@/lib/ledger/day-writes';
import type { SegmentRecord } from '@/lib/model/records';
import { createRowCache } from '@/lib/dashboard/history-rows';
import { taskRates } from '@/lib/rates/task-rates';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeTask, T0 } from './make-task';

const seg = (patch: Partial<SegmentRecord>): SegmentRecord => ({
  taskId: null,
  platform: 'mturk',
  start: T0,
  end: T0 + 1000,
  source: 'measured',
  excluded: false,
  ...patch,
});

describe('loadAllTasks', () => {
  it('reads every task in chunks, reports progress, newest accepted first', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    // Keys out of acceptedAt order, so the final order comes from sorting, not from the key range.
    const tasks = Array.from({ length: 23 }, (_, n) => makeTask((n * 7) % 23));
    await db.tasks.bulkPut(tasks);
    const progress: { loaded: number; total: number }[] = [];
    const loaded = await loadAllTasks(db, { chunk: 5, onProgress: (p) => progress.push(p) });
    expect(loaded).toHaveLength(23);
    expect(new Set(loaded.map((t) => t.id)).size).toBe(23);
    expect(loaded.map((t) => t.acceptedAt)).toEqual([...loaded.map((t) => t.acceptedAt)].sort((a, b) => b - a));
    expect(progress.map((p) => p.loaded)).toEqual([0, 5, 10, 15, 20, 23]);
    expect(progress.every((p) => p.total === 23)).toBe(true);
    db.close();
  });

  it('reads an empty database', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    expect(await loadAllTasks(db)).toEqual([]);
    db.close();
  });
});

describe('loadDays', () => {
  it('builds the days when they are not (tasks written around the ledger), in the dashboard’s zone, and gives them oldest first without the mark', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    await db.tasks.bulkPut([makeTask(1, { acceptedAt: T0 + 86_400_000 }), makeTask(2)]);
    await db.segments.bulkAdd([seg({ start: T0 - 5000, end: T0 - 4000 }), seg({ start: T0 + 2000, end: T0 + 3000, taskId: 'mturk:A1' })]);
    await forgetDays(db);
    const days = await loadDays(db, 'UTC');
    expect(days.map((d) => d.day)).toEqual([new Date(T0).toISOString().slice(0, 10), new Date(T0 + 86_400_000).toISOString().slice(0, 10)]);
    expect(days).toEqual(rebuildDays(await db.tasks.toArray(), await db.segments.toArray(), 'UTC'));
    // Another zone gives other days: built again in it.
    const tokyo = await loadDays(db, 'Pacific/Kiritimati');
    expect(tokyo).toEqual(rebuildDays(await db.tasks.toArray(), await db.segments.toArray(), 'Pacific/Kiritimati'));
    expect(await db.days.get(DAYS_BUILT_KEY)).toEqual({ day: DAYS_BUILT_KEY, zone: 'Pacific/Kiritimati' });
    db.close();
  });
});

describe('tasksStamp and replaceTask', () => {
  it('changes when a task is written', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    await db.tasks.put(makeTask(1));
    const before = await tasksStamp(db);
    await db.tasks.put(makeTask(1, { updatedAt: T0 + 1 }));
    expect(await tasksStamp(db)).not.toBe(before);
    db.close();
  });

  it('replaces, inserts in order and removes', () => {
    const list = [makeTask(1), makeTask(2), makeTask(3)];
    expect(replaceTask(list, 'mturk:A000002', makeTask(2, { title: 'new' })).map((t) => t.title)).toEqual([
      'Task number 1',
      'new',
      'Task number 3',
    ]);
    expect(replaceTask(list, 'mturk:A000002', null).map((t) => t.id)).toEqual(['mturk:A000001', 'mturk:A000003']);
    expect(replaceTask(list, 'mturk:A000000', makeTask(0)).map((t) => t.id)[0]).toBe('mturk:A000000');
    expect(replaceTask(list, 'mturk:A000009', makeTask(9)).map((t) => t.id).at(-1)).toBe('mturk:A000009');
  });
});

describe('createRowCache', () => {
  it('computes rates once per task version and settings', () => {
    const ratesOf = vi.fn(taskRates);
    const cache = createRowCache(ratesOf);
    const tasks = [makeTask(1), makeTask(2)];
    cache.rows(tasks, DEFAULT_SETTINGS);
    cache.rows(tasks, DEFAULT_SETTINGS);
    expect(ratesOf).toHaveBeenCalledTimes(2);
    const edited = makeTask(1, { updatedAt: T0 + 5, bonuses: [{ amountMinor: 100, currency: 'USD', source: 'manual', at: T0 }] });
    const [row] = cache.rows([edited], DEFAULT_SETTINGS);
    expect(ratesOf).toHaveBeenCalledTimes(3);
    expect(row?.task).toBe(edited);
    cache.rows(tasks, { ...DEFAULT_SETTINGS, minHourlyMinor: { USD: 1500 } });
    expect(ratesOf).toHaveBeenCalledTimes(5);
  });
});
