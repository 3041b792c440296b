import type { PageInfo } from '../platforms/page-info';
import type { TrueRateDb } from '../db/database';
import type { TaskRecord } from '../model/records';
import { taskFromPage } from './task-from-page';
import { taskId } from '../model/task';
import { putTask } from './task-writes';
import { taskTables } from './tables';

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
  return db.transaction('rw', [...taskTables(db), db.offers], async () => {
    const existing = await db.tasks.get(id);
    let next = taskFromPage(page, existing, now, idleThresholdS);
    // What the task page does not say (a Prolific study page shows no reward or time), the
    // offer seen on the list does.
    if (next && !existing && next.groupId) {
      const offer = await db.offers.get(`${page.platform}:${next.groupId}`);
      if (offer) {
        next = {
          ...next,
          title: next.title ?? offer.title,
          requesterId: next.requesterId ?? offer.requesterId,
          requesterName: next.requesterName ?? offer.requesterName,
          reward: next.reward ?? offer.reward,
          advertisedSeconds: next.advertisedSeconds ?? offer.advertisedSeconds,
          advertisedKind: next.advertisedKind ?? offer.advertisedKind,
        };
      }
    }
    if (!next) return { outcome: 'unchanged' } as const;
    await putTask(db, next);
    return existing
      ? ({ outcome: 'updated', task: next } as const)
      : ({ outcome: 'created', task: next } as const);
  });
}
