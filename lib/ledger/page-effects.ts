import type { PageInfo } from '../platforms/page-info';
import { ENDED, statusFromPlatform, transition } from '../tasks/lifecycle';
import type { TrueRateDb } from '../db/database';
import type { OfferRecord, TaskRecord, TaskStatus } from '../model/records';
import { stamp, taskId } from '../model/task';
import { updateTask } from './task-writes';
import { taskTables } from './tables';

/**
 * A list read counts as a new sighting of an offer only when the offer was last seen longer ago
 * than this. List pages are read again whenever their DOM changes (a row added, a timer ticking),
 * and a worker reading one list for a while sees each offer once, not once per re-read; coming back
 * to the list later is seeing it again.
 */
export const SIGHTING_GAP_MS = 10 * 60_000;

export interface PageEffects {
  /** Tasks this page ended (submitted, returned, …): the attention engine stops counting them. */
  ended: string[];
  /** Moves a page asked for that the lifecycle refuses, as "id: from -> to" (logged, not applied). */
  illegal: string[];
  offers: number;
}

/**
 * What a validated page read means beyond the task it shows: offers a list advertises (kept for
 * checking before accepting, and counted as sightings), states a status page reports (written back to the tasks TrueRate
 * knows), and the submit alert or a return that ends the task the tab was showing. One transaction.
 */
export async function applyPageEffects(
  db: TrueRateDb,
  page: PageInfo,
  now: number,
  previousTaskId: string | null,
): Promise<PageEffects> {
  const effects: PageEffects = { ended: [], illegal: [], offers: 0 };
  await db.transaction('rw', [...taskTables(db), db.offers], async () => {
    // One read and one write for all the page's offers (a list of 100 made 200 round trips).
    const offers = page.offers ?? [];
    const ids = offers.map((offer) => `${page.platform}:${offer.groupId}`);
    const stored = await db.offers.bulkGet([...new Set(ids)]);
    const written = new Map<string, OfferRecord>();
    for (const record of stored) if (record) written.set(record.id, record);
    offers.forEach((offer, i) => {
      const id = ids[i]!;
      const existing = written.get(id);
      written.set(id, {
        id,
        platform: page.platform,
        groupId: offer.groupId,
        requesterId: offer.requesterId ?? existing?.requesterId ?? null,
        requesterName: offer.requesterName ?? existing?.requesterName ?? null,
        title: offer.title ?? existing?.title ?? null,
        reward: offer.reward ?? existing?.reward ?? null,
        advertisedSeconds: offer.advertised?.seconds ?? existing?.advertisedSeconds ?? null,
        advertisedKind: offer.advertised?.kind ?? existing?.advertisedKind ?? null,
        firstSeenAt: existing?.firstSeenAt ?? now,
        lastSeenAt: now,
        // A clock set back (now before lastSeenAt) is not a new sighting either.
        seenCount: existing ? existing.seenCount + (now - existing.lastSeenAt > SIGHTING_GAP_MS ? 1 : 0) : 1,
      });
      effects.offers++;
    });
    if (offers.length > 0) await db.offers.bulkPut([...new Set(ids)].map((id) => written.get(id)!));

    const move = async (task: TaskRecord, to: TaskStatus, reward?: TaskRecord['reward'], code?: string) => {
      const result = transition(task.status, to);
      if (!result.ok) {
        effects.illegal.push(`${task.id}: ${result.from} -> ${result.to}`);
        return;
      }
      if (to === task.status && !reward && !code) return;
      const endsNow = ENDED.has(to) && task.endedAt === null;
      await updateTask(db, task.id, {
        status: to,
        ...(reward ? { reward } : {}),
        ...(code ? { completionCode: code } : {}),
        ...(endsNow ? { endedAt: now, wallMs: Math.max(0, now - task.acceptedAt) } : {}),
        updatedAt: stamp(task.updatedAt, now),
      });
      if (endsNow) effects.ended.push(task.id);
    };

    for (const line of page.statuses ?? []) {
      const to = statusFromPlatform(page.platform, line.state);
      const task = await db.tasks.get(taskId(page.platform, line.externalId));
      if (to && task) await move(task, to, line.reward);
    }
    if (page.kind === 'returned' && page.groupId) {
      // The page names only the study: its open task, if TrueRate has one, is the one returned;
      // never the task the tab showed before, which may belong to another study.
      const open = await db.tasks.where('groupId').equals(page.groupId).filter((t) => t.platform === page.platform && t.status === 'accepted').toArray();
      for (const task of open) await move(task, 'returned');
    } else if ((page.kind === 'submitted' || page.kind === 'returned') && previousTaskId) {
      const task = await db.tasks.get(previousTaskId);
      if (task && task.platform === page.platform) await move(task, page.kind, undefined, page.completionCode);
    }
  });
  return effects;
}
