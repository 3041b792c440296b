import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/database';
import { loadPopupData } from '@/lib/db/popup-data';
import { ensureDays, forgetDays } from '@/lib/ledger/day-writes';
import { todayFromTotals, todaySummary } from '@/lib/rates/aggregate';
import { openForReading } from '@/lib/db/raw-read';
import { initialState } from '@/lib/tracking/state';
import { makeTask } from './rates/make-task';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 15);
const SINCE = Date.UTC(2026, 11, 1);
const TODAY = { since: SINCE, key: '2026-12-01', zone: 'UTC' };

describe('the popup’s reads, without Dexie', () => {
  async function seed(name: string) {
    const db = createDb(name);
    const tasks = Array.from({ length: 30 }, (_, i) => makeTask({ id: `mturk:T${i}`, externalId: `T${i}`, title: `Task ${i}`, acceptedAt: NOW - (29 - i) * DAY / 4 }));
    await db.tasks.bulkAdd(tasks);
    await db.segments.bulkAdd([
      { taskId: null, platform: 'mturk', start: SINCE + 1000, end: SINCE + 5000, source: 'measured', excluded: false },
      { taskId: null, platform: 'mturk', start: SINCE - 9000, end: SINCE - 5000, source: 'measured', excluded: false },
      { taskId: 'mturk:T29', platform: 'mturk', start: SINCE + 6000, end: SINCE + 9000, source: 'measured', excluded: false },
    ]);
    await db.gaps.bulkAdd([
      { taskId: 'mturk:T28', start: NOW - 60_000, end: NOW - 30_000, answer: 'pending' },
      { taskId: 'mturk:T27', start: NOW - 90_000, end: NOW - 70_000, answer: 'work' },
    ] as never);
    await db.journal.bulkAdd([
      { at: NOW - 1000, kind: 'clock-back', seenAt: null },
      { at: NOW - 2000, kind: 'clock-back', seenAt: NOW - 500 },
    ] as never);
    const state = { ...initialState(), open: { taskId: 'mturk:T29', platform: 'mturk' as const, start: NOW - 5000, end: NOW - 1000, tabId: 3, thresholdMs: 60_000, sureEnd: NOW - 1000, byTicks: false } };
    await db.tracker.put({ key: 'state', state });
    // Written around the ledger: the days are not what these rows give until built again.
    await forgetDays(db);
    return { db, tasks };
  }

  it('read exactly what the popup shows: today’s tasks and overhead (days not built), the newest tasks, pending gaps, unread journal, the running task', async () => {
    const name = `popup-${crypto.randomUUID()}`;
    const { db, tasks } = await seed(name);
    db.close();

    const data = await loadPopupData(await openForReading(name), 5, TODAY);
    expect(data.running?.id).toBe('mturk:T29');
    expect(data.recent.map((t) => t.id)).toEqual(['mturk:T29', 'mturk:T28', 'mturk:T27', 'mturk:T26', 'mturk:T25']);
    if (data.today.kind !== 'rows') throw new Error('expected rows while the days are not built');
    expect(data.today.tasks.map((t) => t.id).sort()).toEqual(tasks.filter((t) => t.acceptedAt >= SINCE).map((t) => t.id).sort());
    expect(data.today.overhead.map((s) => s.start)).toEqual([SINCE + 1000]);
    expect(data.gaps.map((g) => [g.taskId, g.title])).toEqual([['mturk:T28', 'Task 28']]);
    expect(data.journal.map((j) => j.at)).toEqual([NOW - 1000]);
    expect(data.state.open?.taskId).toBe('mturk:T29');
  });

  it('read today as one day record once the days are built in the popup’s zone, with the very figures of the rows', async () => {
    const name = `popup-days-${crypto.randomUUID()}`;
    const { db } = await seed(name);
    const rows = await loadPopupData(await openForReading(name), 5, TODAY);
    await ensureDays(db, 'UTC');
    const data = await loadPopupData(await openForReading(name), 5, TODAY);
    if (data.today.kind !== 'totals' || rows.today.kind !== 'rows') throw new Error('expected totals once built, rows before');
    const fromRows = todaySummary(rows.today.tasks, rows.today.overhead, NOW, 'UTC');
    expect(fromRows.currencies.length).toBeGreaterThan(0);
    expect(fromRows.time.overheadMs).toBeGreaterThan(0);
    expect(todayFromTotals(TODAY.key, data.today.totals)).toEqual(fromRows);
    // In another zone the day records say other days: the popup reads rows again.
    const elsewhere = await loadPopupData(await openForReading(name), 5, { ...TODAY, zone: 'Asia/Tokyo' });
    expect(elsewhere.today.kind).toBe('rows');
    db.close();
  });

  it('show nothing, and create nothing, where there is no database yet', async () => {
    const name = `none-${crypto.randomUUID()}`;
    expect(await openForReading(name)).toBeNull();
    const data = await loadPopupData(null, 5, TODAY);
    expect(data.recent).toEqual([]);
    // The next open is still a first one (Dexie creates it at version 1 upward, not from an empty one).
    expect((await indexedDB.databases()).some((d) => d.name === name)).toBe(false);
  });

  it('let the background upgrade the database: the popup’s connection closes on a newer version', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const db = createDb(name);
    await db.open();
    db.close();
    const mine = await openForReading(name);
    expect(mine).not.toBeNull();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, (mine!.version ?? 1) + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked by the popup'));
    });
    newer.close();
    expect(await openForReading(name)).not.toBe(mine);
  });
});
