import type { TrueRateDb } from '../db/database';
import { readTrackerState } from '../db/tracker-state';
import type { PlatformId } from '../model/platform-id';
import { taskId as taskIdOf } from '../model/task';
import type { PageInfo } from '../platforms/page-info';
import { applyEvents } from './apply-events';
import { applyPageEffects } from './page-effects';
import { recordPage, type PageWriteResult } from './record-page';
import { ledgerTables } from './tables';

export interface PageReadResult {
  outcome: PageWriteResult['outcome'];
  /** The task the tab now shows, if any. */
  taskId: string | null;
  ended: string[];
  /** Moves the lifecycle refused, as "id: from -> to" (reported, never applied). */
  illegal: string[];
}

/**
 * What a validated page read means, in ONE transaction: its effects (offers, states, the end of
 * the task the tab showed), the task it shows, and the engine told what the tab shows now.
 */
export async function recordPageRead(
  db: TrueRateDb,
  read: { page: PageInfo; tabId: number; windowId: number; platform: PlatformId; thresholdS: number },
  now: number,
): Promise<PageReadResult> {
  return db.transaction('rw', ledgerTables(db), async () => {
    const previous = (await readTrackerState(db)).tabs[read.tabId]?.taskId ?? null;
    const effects = await applyPageEffects(db, read.page, now, previous);
    const written = await recordPage(db, read.page, now, read.thresholdS);
    const page = read.page;
    const stored = page.kind === 'working' && page.task ? await db.tasks.get(taskIdOf(page.platform, page.task.externalId)) : undefined;
    // The page of a task that has ended (reloaded, or gone back to) times nothing for it: its
    // record is evidence of the work as it was done, and time there is the platform's overhead.
    const task = stored && stored.endedAt === null ? stored : undefined;
    await applyEvents(db, [
      ...effects.ended.map((taskId) => ({ type: 'task-ended' as const, at: now, taskId })),
      {
        type: 'tab-page',
        at: now,
        tabId: read.tabId,
        windowId: read.windowId,
        platform: read.platform,
        taskId: task?.id ?? null,
        thresholdMs: (task?.idleThresholdS ?? read.thresholdS) * 1000,
      },
    ]);
    return { outcome: written.outcome, taskId: task?.id ?? null, ended: effects.ended, illegal: effects.illegal };
  });
}

/**
 * A platform's own end of a task seen in a page (a confirmed frame submit, the platform's submit,
 * skip or return control): the task moves on and the engine stops counting it, in one transaction.
 */
export async function endFromPage(db: TrueRateDb, page: PageInfo, now: number, taskId: string): Promise<{ ended: string[]; illegal: string[] }> {
  return db.transaction('rw', ledgerTables(db), async () => {
    const effects = await applyPageEffects(db, page, now, taskId);
    if (effects.ended.length > 0) await applyEvents(db, effects.ended.map((id) => ({ type: 'task-ended' as const, at: now, taskId: id })));
    return { ended: effects.ended, illegal: effects.illegal };
  });
}
