import type { TrueRateDb } from './database';
import type { PlatformId } from '../model/platform-id';
import type { OfferRecord, RateTask, TaskRecord } from '../model/records';
import { decodeFacts, scopeKey, type ScopeRecord } from '../ledger/scope-facts';

/**
 * Scope records decoded before, by key: while a record's facts are the same string, the same
 * array is handed back (no parse, and the figures computed from it stay valid, see FigureCache).
 */
const decoded = new Map<string, { facts: string; tasks: RateTask[] }>();
const DECODED_MAX = 2000;

function decodeOnce(record: ScopeRecord | undefined): readonly RateTask[] {
  if (!record) return [];
  const hit = decoded.get(record.key);
  if (hit && hit.facts === record.facts) return hit.tasks;
  const tasks = decodeFacts(record);
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(record.key, { facts: record.facts, tasks });
  return tasks;
}

/** What the worker's own records say about the offers of one page, read in one go. */
export interface OfferHistory {
  /** Per group id asked for: the offer as stored from the lists, or null when no list showed it. */
  offers: Map<string, OfferRecord | null>;
  /**
   * The requester each group belongs to, as TrueRate recorded it: the stored offer's, else that of
   * the newest task of the group that names one; null when neither does.
   */
  requesterOf: Map<string, string | null>;
  /** Every task of the platform in each group asked for (any status), by group id, as scope facts. */
  groupTasks: Map<string, readonly RateTask[]>;
  /** Every task of the platform from each of those requesters, by requester id, as scope facts. */
  requesterTasks: Map<string, readonly RateTask[]>;
}

/**
 * The offers, and the facts of every task of their groups and of their requesters, on one
 * platform, in ONE read transaction, so a page's badges all come from one consistent picture.
 * The facts are the ledger's per-scope copies (lib/ledger/scope-facts.ts): one small record per
 * group and per requester, where reading the tasks themselves meant every task of every requester
 * on the page (tens of thousands for a worker with a long history).
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
  return db.transaction('r', [db.offers, db.scopes], async () => {
    const [stored, groupScopes] = await Promise.all([
      db.offers.bulkGet(groupIds.map((groupId) => `${platform}:${groupId}`)),
      db.scopes.bulkGet(groupIds.map((groupId) => scopeKey(platform, 'group', groupId))),
    ]);
    const result: OfferHistory = { offers: new Map(), requesterOf: new Map(), groupTasks: new Map(), requesterTasks: new Map() };
    groupIds.forEach((groupId, i) => {
      const offer = stored[i] ?? null;
      const tasks = decodeOnce(groupScopes[i]);
      result.offers.set(groupId, offer);
      result.groupTasks.set(groupId, tasks);
      result.requesterOf.set(groupId, offer?.requesterId || newestRequester(tasks));
    });
    const requesterIds = [...new Set([...result.requesterOf.values()].filter((id): id is string => id !== null))];
    const requesterScopes = await db.scopes.bulkGet(requesterIds.map((id) => scopeKey(platform, 'requester', id)));
    requesterIds.forEach((requesterId, i) => result.requesterTasks.set(requesterId, decodeOnce(requesterScopes[i])));
    return result;
  });
}

/**
 * Every task of one task group or one requester on a platform, whole (titles and names included),
 * for the panel a badge opens: one index read, on demand.
 */
export async function tasksOfScope(db: TrueRateDb, platform: PlatformId, by: 'group' | 'requester', id: string): Promise<TaskRecord[]> {
  const tasks = await db.tasks.where(by === 'group' ? 'groupId' : 'requesterId').equals(id).toArray();
  return tasks.filter((task) => task.platform === platform);
}

function newestRequester(tasks: readonly RateTask[]): string | null {
  let best: RateTask | null = null;
  for (const task of tasks) if (task.requesterId && (best === null || task.acceptedAt > best.acceptedAt)) best = task;
  return best?.requesterId ?? null;
}
