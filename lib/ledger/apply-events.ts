import type { TrueRateDb } from '../db/database';
import { step } from '../tracking/engine';
import type { EngineEvent, Segment } from '../tracking/events';
import { DEFAULT_CONFIG, type EngineConfig, type EngineState } from '../tracking/state';
import { loadEngineState, saveEngineState } from './engine-state';
import { addFreeParts, recount } from './segments';
import { ledgerTables } from './tables';

export interface Applied {
  state: EngineState;
  /** Segments as written: a closed segment may be written in pieces, or not at all (below). */
  written: Segment[];
  gaps: Segment[];
  clockBacks: { from: number; to: number }[];
}

/**
 * Runs events through the engine and writes what they mean in ONE transaction: the engine's
 * state, the segments it closed (only the parts no stored segment already holds: after the clock
 * is set back, a stretch the old clock recorded is never given twice), the tasks' active time
 * (recounted from their segments, updatedAt stamped), quiet gaps and journal entries. A service
 * worker killed at any instant leaves all of it or none (docs/time.md#the-service-worker-can-be-killed).
 * Inside another ledger transaction it joins that one.
 */
export async function applyEvents(db: TrueRateDb, events: readonly EngineEvent[], config: EngineConfig = DEFAULT_CONFIG): Promise<Applied> {
  const now = Math.max(0, ...events.map((e) => e.at));
  return db.transaction('rw', ledgerTables(db), async () => {
    let state = await loadEngineState(db, now);
    const closed: Segment[] = [];
    const gaps: Segment[] = [];
    const clockBacks: { from: number; to: number }[] = [];
    const run = (event: EngineEvent) => {
      const result = step(state, event, config);
      state = result.state;
      closed.push(...result.closed);
      if (result.gap) gaps.push(result.gap);
      if (result.clockBack) clockBacks.push(result.clockBack);
    };
    for (const event of events) {
      // A linked tab counts only while its task is open: a task ended some other way (an edit,
      // a status page, a restore) takes its linked tabs with it before the tick samples them.
      if (event.type === 'tick') for (const tabId of await linkedToClosedTasks(db, state)) run({ type: 'tab-unlinked', at: event.at, tabId });
      run(event);
    }

    const written: Segment[] = [];
    const touched = new Set<string>();
    for (const segment of closed) {
      const { added, leftOut } = await addFreeParts(db, { ...segment, source: 'measured', excluded: false });
      written.push(...added.map(({ taskId, platform, start, end }) => ({ taskId, platform, start, end })));
      if (segment.taskId !== null && added.length > 0) touched.add(segment.taskId);
      for (const part of leftOut) {
        await db.journal.add({ at: now, kind: 'overlap-left-out', taskId: segment.taskId, from: part.start, to: part.end, detail: null, seenAt: null });
      }
    }
    await recount(db, touched, now);
    for (const gap of gaps) {
      if (gap.taskId !== null && (await db.tasks.get(gap.taskId))) {
        await db.gaps.add({ ...gap, taskId: gap.taskId, answer: 'pending', answeredAt: null });
      }
    }
    for (const jump of clockBacks) {
      await db.journal.add({ at: now, kind: 'clock-back', taskId: null, from: jump.from, to: jump.to, detail: null, seenAt: null });
    }
    await saveEngineState(db, state);
    return { state, written, gaps, clockBacks };
  });
}

async function linkedToClosedTasks(db: TrueRateDb, state: EngineState): Promise<number[]> {
  const ids: number[] = [];
  for (const [tabId, tab] of Object.entries(state.tabs)) {
    if (!tab.linked || tab.taskId === null) continue;
    const task = await db.tasks.get(tab.taskId);
    if (!task || task.endedAt !== null) ids.push(Number(tabId));
  }
  return ids;
}
