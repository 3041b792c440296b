import type { TrueRateDb } from '../db/database';
import { readTrackerState } from '../db/tracker-state';
import type { Money } from '../model/money';
import type { TaskRecord } from '../model/records';
import { acceptedTask, DEFAULT_IDLE_THRESHOLD_S, stamp } from '../model/task';
import { applyEvents } from './apply-events';
import { addFreeParts, recount } from './segments';
import { ledgerTables } from './tables';
import { addTasks, putTask } from './task-writes';

/** A task the worker starts by hand, on any site: its record, before the engine gives it time. */
export function manualTask(id: string, title: string, reward: Money | null, now: number, idleThresholdS = DEFAULT_IDLE_THRESHOLD_S): TaskRecord {
  return { ...acceptedTask(id, 'manual', id.replace(/^manual:/, ''), now, idleThresholdS), title, reward };
}

/**
 * Starts a manual timer in one transaction: the task is written and the engine told, so a service
 * worker killed in between cannot leave a task that no timer runs, or a timer with no task. A
 * manual timer already running is stopped first (saved as submitted), never left open forever.
 */
export async function startManual(
  db: TrueRateDb,
  start: { id: string; title: string; reward: Money | null; thresholdS: number },
  now: number,
): Promise<TaskRecord> {
  return db.transaction('rw', ledgerTables(db), async () => {
    await stopManual(db, now);
    const task = manualTask(start.id, start.title, start.reward, now, start.thresholdS);
    await addTasks(db, [task]);
    await applyEvents(db, [{ type: 'manual-start', at: now, taskId: task.id, thresholdMs: start.thresholdS * 1000 }]);
    return (await db.tasks.get(task.id)) ?? task;
  });
}

/** Stops the manual timer that runs, if any, and saves its task as submitted: one transaction. */
export async function stopManual(db: TrueRateDb, now: number): Promise<string | null> {
  return db.transaction('rw', ledgerTables(db), async () => {
    const running = (await readTrackerState(db)).manual?.taskId ?? null;
    if (!running) return null;
    await applyEvents(db, [{ type: 'manual-stop', at: now }]);
    await endTask(db, running, now);
    return running;
  });
}

/** Marks a task submitted now (manual stop). Inside a ledger transaction. */
async function endTask(db: TrueRateDb, taskId: string, now: number): Promise<void> {
  const task = await db.tasks.get(taskId);
  if (!task || task.endedAt !== null) return;
  await putTask(db, { ...task, status: 'submitted', endedAt: now, wallMs: Math.max(0, now - task.acceptedAt), updatedAt: stamp(task.updatedAt, now) });
}

/**
 * The worker's answer to "was this quiet gap work?". A yes adds the gap as time of its task, but
 * only the parts no other segment holds (attention is one resource: the worker may have worked on
 * another task in between), nor the segment the engine has open. One transaction.
 */
export async function answerGap(db: TrueRateDb, gapId: number, answer: 'work' | 'not-work', now: number): Promise<boolean> {
  return db.transaction('rw', ledgerTables(db), async () => {
    const gap = await db.gaps.get(gapId);
    if (!gap || gap.answer !== 'pending') return false;
    await db.gaps.update(gapId, { answer, answeredAt: now });
    if (answer === 'work' && (await db.tasks.get(gap.taskId))) {
      const open = (await readTrackerState(db)).open;
      const { added } = await addFreeParts(
        db,
        { taskId: gap.taskId, platform: gap.platform, start: gap.start, end: gap.end, source: 'gap-confirmed', excluded: false },
        open ? [open] : [],
      );
      if (added.length > 0) await recount(db, [gap.taskId], now);
    }
    return true;
  });
}
