import type { TrueRateDb } from '../db/database';
import { step } from '../tracking/engine';
import type { EngineEvent, Segment } from '../tracking/events';
import { DEFAULT_CONFIG, initialState, type EngineConfig, type EngineState } from '../tracking/state';

/**
 * Runs events through the engine inside one IndexedDB transaction: the engine's state, the
 * segments it closed, the tasks' active time and any quiet gap are written together, so a
 * service worker killed at any instant leaves either all of an event or none of it. Nothing is
 * kept in memory between calls (../shared/design.md: "The MV3 service worker can be killed").
 */
export async function applyEvents(
  db: TrueRateDb,
  events: readonly EngineEvent[],
  config: EngineConfig = DEFAULT_CONFIG,
): Promise<{ state: EngineState; closed: Segment[]; gaps: Segment[] }> {
  return db.transaction('rw', [db.tracker, db.segments, db.tasks, db.gaps], async () => {
    let state = (await db.tracker.get('state'))?.state ?? initialState();
    const closed: Segment[] = [];
    const gaps: Segment[] = [];
    for (const event of events) {
      const result = step(state, event, config);
      state = result.state;
      closed.push(...result.closed);
      if (result.gap) gaps.push(result.gap);
    }
    if (closed.length > 0) {
      await db.segments.bulkAdd(closed.map((seg) => ({ ...seg, source: 'measured' as const, excluded: false })));
      const perTask = new Map<string, number>();
      for (const seg of closed) {
        if (seg.taskId !== null) perTask.set(seg.taskId, (perTask.get(seg.taskId) ?? 0) + seg.end - seg.start);
      }
      for (const [taskId, ms] of perTask) {
        await db.tasks.where('id').equals(taskId).modify((task) => {
          task.activeMs += ms;
        });
      }
    }
    for (const gap of gaps) {
      await db.gaps.add({ ...gap, taskId: gap.taskId ?? '', answer: 'pending', answeredAt: null });
    }
    await db.tracker.put({ key: 'state', state });
    return { state, closed, gaps };
  });
}

export async function readTrackerState(db: TrueRateDb): Promise<EngineState> {
  return (await db.tracker.get('state'))?.state ?? initialState();
}
