import type { TrueRateDb } from './database';
import type { PlatformId } from '../model/platform-id';
import type { OfferRecord, TaskRecord } from '../model/records';

/** What the worker's own records say about the offers of one page, read in one go. */
export interface OfferHistory {
  /** Per group id asked for: the offer as stored from the lists, or null when no list showed it. */
  offers: Map<string, OfferRecord | null>;
  /**
   * The requester each group belongs to, as TrueRate recorded it: the stored offer's, else that of
   * the newest task of the group that names one; null when neither does.
   */
  requesterOf: Map<string, string | null>;
  /** Every task of the platform in each group asked for (any status), by group id. */
  groupTasks: Map<string, TaskRecord[]>;
  /** Every task of the platform from each of those requesters, by requester id. */
  requesterTasks: Map<string, TaskRecord[]>;
}

/**
 * The offers, and every task of their groups and of their requesters, on one platform, in ONE read
 * transaction, so a page's badges all come from one consistent picture. One index read per group
 * and per requester (the tasks' groupId and requesterId indexes), run side by side; the same id on
 * another platform is another group or requester, so those tasks are left out after reading.
 *
 * No compound [platform+groupId] or [platform+requesterId] index: group and requester ids are each
 * platform's own, so the plain indexes read the same rows, and as fast (measured with 100,000
 * tasks in fake-indexeddb: the same 20 and 100 ms or so for 20 and 100 offers either way), while a
 * compound one would cost every task write two more index entries and the upgrade a rebuild.
 *
 * The requester of a group is what TrueRate stored, never what the asking page says: a page may
 * only ask about groups, and learns about a requester only through a group it listed. A requester
 * id in `offers` is therefore not read here; the caller compares it with `requesterOf`.
 */
export async function historyForOffers(
  db: TrueRateDb,
  platform: PlatformId,
  offers: readonly { groupId: string; requesterId?: string }[],
): Promise<OfferHistory> {
  const groupIds = [...new Set(offers.map((o) => o.groupId))];
  const ofPlatform = (tasks: TaskRecord[]) => tasks.filter((task) => task.platform === platform);
  return db.transaction('r', [db.offers, db.tasks], async () => {
    const [stored, byGroup] = await Promise.all([
      db.offers.bulkGet(groupIds.map((groupId) => `${platform}:${groupId}`)),
      Promise.all(groupIds.map((groupId) => db.tasks.where('groupId').equals(groupId).toArray().then(ofPlatform))),
    ]);
    const result: OfferHistory = { offers: new Map(), requesterOf: new Map(), groupTasks: new Map(), requesterTasks: new Map() };
    groupIds.forEach((groupId, i) => {
      const offer = stored[i] ?? null;
      const tasks = byGroup[i] ?? [];
      result.offers.set(groupId, offer);
      result.groupTasks.set(groupId, tasks);
      result.requesterOf.set(groupId, offer?.requesterId || newestRequester(tasks));
    });
    const requesterIds = [...new Set([...result.requesterOf.values()].filter((id): id is string => id !== null))];
    const byRequester = await Promise.all(
      requesterIds.map((requesterId) => db.tasks.where('requesterId').equals(requesterId).toArray().then(ofPlatform)),
    );
    requesterIds.forEach((requesterId, i) => result.requesterTasks.set(requesterId, byRequester[i] ?? []));
    return result;
  });
}

function newestRequester(tasks: readonly TaskRecord[]): string | null {
  let best: TaskRecord | null = null;
  for (const task of tasks) if (task.requesterId && (best === null || task.acceptedAt > best.acceptedAt)) best = task;
  return best?.requesterId ?? null;
}
