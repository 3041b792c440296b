import type { PageInfo } from '../platforms/page-info';
import type { TaskRecord } from '../model/records';
import { acceptedTask, DEFAULT_IDLE_THRESHOLD_S, stamp, taskId } from '../model/task';

/**
 * What a page read means for the task it shows: a new record when a task page is seen for the
 * first time, an update of what the platform advertises when seen again, or nothing.
 * Pure: `now` is injected. Measured fields (activeMs, status after acceptance, …) are never
 * overwritten by what a page says.
 */
export function taskFromPage(
  page: PageInfo,
  existing: TaskRecord | undefined,
  now: number,
  idleThresholdS: number = DEFAULT_IDLE_THRESHOLD_S,
): TaskRecord | null {
  if (page.kind !== 'working' || !page.task) return null;
  const t = page.task;
  const advertised = t.advertised ?? null;
  const fromPage = {
    groupId: t.groupId ?? existing?.groupId ?? null,
    requesterId: t.requesterId ?? existing?.requesterId ?? null,
    requesterName: t.requesterName ?? existing?.requesterName ?? null,
    title: t.title ?? existing?.title ?? null,
    reward: t.reward ?? existing?.reward ?? null,
    advertisedSeconds: advertised?.seconds ?? existing?.advertisedSeconds ?? null,
    advertisedKind: advertised?.kind ?? existing?.advertisedKind ?? null,
    allottedSeconds: t.allottedSeconds ?? existing?.allottedSeconds ?? null,
  };
  if (existing) {
    const changed = (Object.keys(fromPage) as (keyof typeof fromPage)[]).some(
      (key) => JSON.stringify(existing[key]) !== JSON.stringify(fromPage[key]),
    );
    return changed ? { ...existing, ...fromPage, updatedAt: stamp(existing.updatedAt, now) } : null;
  }
  return { ...acceptedTask(taskId(page.platform, t.externalId), page.platform, t.externalId, now, idleThresholdS), ...fromPage };
}
