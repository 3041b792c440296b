import type { PageInfo } from '../platforms/page-info';
import type { TrueRateDb } from './database';
import type { TaskRecord } from './records';
import { taskFromPage, taskId } from './task-from-page';

export type PageWriteResult =
  | { outcome: 'created'; task: TaskRecord }
  | { outcome: 'updated'; task: TaskRecord }
  | { outcome: 'unchanged' }
  | { outcome: 'ignored' };

/** Records what a validated page read says about a task, in one transaction. */
export async function recordPage(
  db: TrueRateDb,
  page: PageInfo,
  now: number,
  idleThresholdS?: number,
): Promise<PageWriteResult> {
  if (page.kind !== 'working' || !page.task) return { outcome: 'ignored' };
  const id = taskId(page.platform, page.task.externalId);
  return db.transaction('rw', db.tasks, async () => {
    const existing = await db.tasks.get(id);
    const next = taskFromPage(page, existing, now, idleThresholdS);
    if (!next) return { outcome: 'unchanged' } as const;
    await db.tasks.put(next);
    return existing
      ? ({ outcome: 'updated', task: next } as const)
      : ({ outcome: 'created', task: next } as const);
  });
}

/** The most recently accepted tasks, newest first. */
export async function recentTasks(db: TrueRateDb, limit: number): Promise<TaskRecord[]> {
  return db.tasks.orderBy('acceptedAt').reverse().limit(limit).toArray();
}
