import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { readTrackerState } from '@/lib/db/tracker-state';
import { applyEvents } from '@/lib/ledger/apply-events';
import { ledgerProblems } from '@/lib/ledger/invariants';
import { answerGap, startManual, stopManual } from '@/lib/ledger/manual';
import { recordPageRead } from '@/lib/ledger/page-read';
import { adjustTime, setStatus } from '@/lib/ledger/task-edits';
import type { EngineEvent } from '@/lib/tracking/events';
import type { PageInfo } from '@/lib/platforms/page-info';

const T = Date.UTC(2026, 10, 30, 9, 0, 0);
const s = (seconds: number) => T + seconds * 1000;
const A = '3AAAAAAAAAAAAAAAAAAAAAAAAAAAA1';
const B = '3BBBBBBBBBBBBBBBBBBBBBBBBBBBB2';
const working = (externalId: string): PageInfo => ({
  platform: 'mturk',
  kind: 'working',
  task: { externalId, title: `Task ${externalId.slice(0, 2)}`, reward: { amountMinor: 40, currency: 'USD' } },
  missing: [],
});
const input = (at: number, tabId = 1): EngineEvent => ({ type: 'pulse', at, tabId, input: at, media: false, focusInFrame: false, visible: true });
const typing = (from: number, to: number, tabId = 1) => Array.from({ length: to - from + 1 }, (_, i) => input(s(from + i), tabId));

let db: TrueRateDb;
beforeEach(async () => {
  db = createDb(`ledger-${crypto.randomUUID()}`);
  await applyEvents(db, [{ type: 'window-focus', at: T, windowId: 1 }, { type: 'tab-activated', at: T, tabId: 1, windowId: 1 }]);
  await recordPageRead(db, { page: working(A), tabId: 1, windowId: 1, platform: 'mturk', thresholdS: 60 }, T);
});

const segmentsOf = async (taskId: string) => (await db.segments.where('taskId').equals(taskId).sortBy('start')).map((x) => [(x.start - T) / 1000, (x.end - T) / 1000]);

describe('the ledger', () => {
  it('a clock set back: counting goes on at once; the stretch the old clock recorded is not given twice; both are journaled', async () => {
    await applyEvents(db, typing(0, 100));
    await applyEvents(db, typing(40, 140)); // the clock went back 60 s at "100"
    await applyEvents(db, [{ type: 'task-ended', at: s(141), taskId: `mturk:${A}` }]);
    expect(await segmentsOf(`mturk:${A}`)).toEqual([[0, 100], [100, 141]]);
    expect((await db.tasks.get(`mturk:${A}`))?.activeMs).toBe(141_000);
    const journal = await db.journal.toArray();
    expect(journal.map((j) => [j.kind, (j.from! - T) / 1000, (j.to! - T) / 1000])).toEqual([
      ['clock-back', 100, 40],
      ['overlap-left-out', 40, 100],
    ]);
    expect(await ledgerProblems(db)).toEqual([]);
  });

  it('stamps updatedAt whenever the engine adds time to a task', async () => {
    await applyEvents(db, typing(0, 10));
    await applyEvents(db, [{ type: 'tab-activated', at: s(11), tabId: 2, windowId: 1 }]);
    expect(await db.tasks.get(`mturk:${A}`)).toMatchObject({ activeMs: 11_000, updatedAt: s(11) });
  });

  it('keeps aside a tracker state that fails its check, journals it, and goes on from a fresh state with its high-water mark', async () => {
    await applyEvents(db, typing(0, 5));
    const broken = { ...(await readTrackerState(db)), idle: 'sleepy', highWater: s(5) };
    await db.tracker.put({ key: 'state', state: broken as never });
    await applyEvents(db, [{ type: 'tick', at: s(10) }]);
    const aside = await db.tracker.get(`set-aside:${s(10)}`);
    expect(aside?.state).toEqual(broken);
    expect(await db.journal.where('kind').equals('tracker-state-set-aside').count()).toBe(1);
    const state = await readTrackerState(db);
    expect(state).toMatchObject({ highWater: s(10), open: null, tabs: {} });
    // The worker's records are untouched.
    expect(await db.tasks.get(`mturk:${A}`)).toBeDefined();
  });

  it('a linked tab stops counting at the next tick once its task has ended some other way', async () => {
    await applyEvents(db, [{ type: 'tab-linked', at: s(1), tabId: 5, windowId: 1, platform: 'mturk', taskId: `mturk:${A}`, thresholdMs: 60_000 }, { type: 'tab-activated', at: s(1), tabId: 5, windowId: 1 }]);
    await applyEvents(db, [{ type: 'tick', at: s(30) }]);
    await setStatus(db, `mturk:${A}`, 'returned', s(31));
    await applyEvents(db, [{ type: 'tick', at: s(60) }, { type: 'tick', at: s(90) }]);
    expect((await readTrackerState(db)).tabs[5]).toBeUndefined();
    expect((await db.tasks.get(`mturk:${A}`))?.activeMs).toBeLessThanOrEqual(31_000);
  });

  it('a gap answered "work" gives its task only the time no other segment holds', async () => {
    await recordPageRead(db, { page: working(B), tabId: 2, windowId: 1, platform: 'mturk', thresholdS: 60 }, T);
    await applyEvents(db, typing(0, 10));
    await applyEvents(db, typing(200, 210)); // back after 190 s without a sign: a quiet gap
    const gap = await db.gaps.where('taskId').equals(`mturk:${A}`).first();
    expect(gap && [(gap.start - T) / 1000, (gap.end - T) / 1000]).toEqual([10, 200]);
    // Meanwhile the worker entered 20 s of B worked on paper inside that stretch.
    expect((await adjustTime(db, `mturk:${B}`, { start: s(100), end: s(120) }, s(250))).ok).toBe(true);
    await answerGap(db, gap!.id!, 'work', s(300));
    const confirmed = (await db.segments.where('source').equals('gap-confirmed').sortBy('start')).map((x) => [(x.start - T) / 1000, (x.end - T) / 1000]);
    expect(confirmed).toEqual([[10, 100], [120, 200]]);
    expect((await db.tasks.get(`mturk:${A}`))?.updatedAt).toBe(s(300));
    expect(await ledgerProblems(db)).toEqual([]);
  });

  it('starting a manual timer while one runs saves the running one first, in the same change', async () => {
    await startManual(db, { id: 'manual:one', title: 'One', reward: null, thresholdS: 60 }, s(0));
    await startManual(db, { id: 'manual:two', title: 'Two', reward: null, thresholdS: 60 }, s(50));
    expect(await db.tasks.get('manual:one')).toMatchObject({ status: 'submitted', endedAt: s(50) });
    expect((await readTrackerState(db)).manual?.taskId).toBe('manual:two');
    expect(await stopManual(db, s(80))).toBe('manual:two');
    expect(await db.tasks.get('manual:two')).toMatchObject({ status: 'submitted', endedAt: s(80) });
  });

  it('a task ended by hand in the dashboard stops the engine timing it, and the edit keeps all its time', async () => {
    await applyEvents(db, typing(0, 20));
    const result = await setStatus(db, `mturk:${A}`, 'submitted', s(21));
    expect(result.ok && result.task?.activeMs).toBe(21_000);
    expect((await readTrackerState(db)).open?.taskId ?? null).not.toBe(`mturk:${A}`);
    await applyEvents(db, typing(22, 40));
    expect((await db.tasks.get(`mturk:${A}`))?.activeMs).toBe(21_000);
  });

  it('reloading the page of an ended task gives it no new time: the time on it is the platform’s overhead', async () => {
    await applyEvents(db, typing(0, 20));
    expect((await setStatus(db, `mturk:${A}`, 'submitted', s(21))).ok).toBe(true);
    const ended = await db.tasks.get(`mturk:${A}`);
    // The worker reloads the task's page (or goes back to it) and types there for 20 s.
    const read = await recordPageRead(db, { page: working(A), tabId: 1, windowId: 1, platform: 'mturk', thresholdS: 60 }, s(30));
    expect(read.taskId).toBeNull();
    await applyEvents(db, typing(30, 50));
    await applyEvents(db, [{ type: 'tab-closed', at: s(51), tabId: 1 }]);
    expect(await db.tasks.get(`mturk:${A}`)).toMatchObject({ activeMs: ended!.activeMs, status: 'submitted' });
    const overhead = await db.segments.filter((x) => x.taskId === null && x.end > s(30)).toArray();
    expect(overhead.reduce((sum, x) => sum + x.end - x.start, 0)).toBeGreaterThan(15_000);
    expect(await ledgerProblems(db)).toEqual([]);
  });
});
