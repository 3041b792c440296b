import type { TrueRateDb } from '../db/database';
import type { TaskRecord } from '../model/records';
import type { Money } from '../model/money';
import { acceptedTask, DEFAULT_IDLE_THRESHOLD_S } from '../model/task';

/** A task the worker starts by hand, on any site: its record, before the engine gives it time. */
export function manualTask(id: string, title: string, reward: Money | null, now: number, idleThresholdS = DEFAULT_IDLE_THRESHOLD_S): TaskRecord {
  return { ...acceptedTask(id, 'manual', id.replace(/^manual:/, ''), now, idleThresholdS), title, reward };
}

/** Marks a task submitted now (manual stop, or the platform's submit). */
export async function endTask(db: TrueRateDb, taskId: string, now: number): Promise<void> {
  await db.tasks.where('id').equals(taskId).modify((task) => {
    if (task.endedAt !== null) return;
    task.status = 'submitted';
    task.endedAt = now;
    task.wallMs = Math.max(0, now - task.acceptedAt);
    task.updatedAt = now;
  });
}

/** The worker's answer to "was this quiet gap work?": a yes adds the gap as a segment. */
export async function answerGap(db: TrueRateDb, gapId: number, answer: 'work' | 'not-work', now: number): Promise<boolean> {
  return db.transaction('rw', [db.gaps, db.segments, db.tasks], async () => {
    const gap = await db.gaps.get(gapId);
    if (!gap || gap.answer !== 'pending') return false;
    await db.gaps.update(gapId, { answer, answeredAt: now });
    if (answer === 'work') {
      await db.segments.add({
        taskId: gap.taskId,
        platform: gap.platform,
        start: gap.start,
        end: gap.end,
        source: 'gap-confirmed',
        excluded: false,
      });
      await db.tasks.where('id').equals(gap.taskId).modify((task) => {
        task.activeMs += gap.end - gap.start;
        task.updatedAt = now;
      });
    }
    return true;
  });
}
