import { describe, expect, it } from 'vitest';
import { deleteAll } from '@/lib/ledger/delete-all';
import { initialState } from '@/lib/tracking/state';
import { seededDb } from './helpers';
import { seedRecords, T } from './seed';

describe('deleteAll', () => {
  it('empties tasks, segments, offers, gaps and edits', async () => {
    const db = await seededDb();
    await deleteAll(db);
    for (const table of [db.tasks, db.segments, db.offers, db.gaps, db.edits]) expect(await table.count()).toBe(0);
  });

  it('resets a tracker that was timing a task, so no segment is written for a deleted task', async () => {
    const db = await seededDb();
    const taskId = seedRecords().tasks[4]!.id;
    const open = { taskId, platform: 'raterhub' as const, start: T, end: T + 5_000, tabId: 3, thresholdMs: 60_000, sureEnd: T + 5_000, byTicks: false };
    await db.tracker.put({ key: 'state', state: { ...initialState(), open, highWater: T + 5_000 } });
    expect(await deleteAll(db)).toEqual({ trackerReset: true });
    expect((await db.tracker.get('state'))?.state).toEqual({ ...initialState(), highWater: T + 5_000 });
  });

  it('leaves a tracker that times no task (overhead only) as it was', async () => {
    const db = await seededDb();
    const open = { taskId: null, platform: 'mturk' as const, start: T, end: T + 5_000, tabId: 3, thresholdMs: 60_000, sureEnd: T + 5_000, byTicks: false };
    const state = { ...initialState(), open };
    await db.tracker.put({ key: 'state', state });
    expect(await deleteAll(db)).toEqual({ trackerReset: false });
    expect((await db.tracker.get('state'))?.state).toEqual(state);
  });
});
