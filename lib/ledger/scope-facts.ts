import type { RateTask, TaskRecord } from '../model/records';
import { isFinished } from '../rates/status-class';

/**
 * The ledger keeps, for every task group and every requester of each platform, a slim copy of
 * their tasks: what a badge's figures read (RateTask without title or requester name). A list of
 * 100 offers then costs about a hundred small reads, not tens of thousands of whole tasks (a
 * requester a worker knows well has thousands). It is derived data: rebuildScopes gives it from
 * the tasks alone, and the ledger's invariant check compares the two. See docs/architecture.md.
 */
export interface ScopeRecord {
  /** scopeKey(platform, by, id). */
  key: string;
  /**
   * The scope's facts, sorted by id, as JSON of tuples: one string clones in one copy, where
   * thousands of objects would clone one by one.
   */
  facts: string;
}

export type ScopeBy = 'group' | 'requester';

/**
 * A record that says the scopes were built from the tasks. Whatever writes tasks without the
 * ledger (a test's seed) removes it, and the next read rebuilds them (ensureScopes).
 */
export const SCOPES_BUILT: ScopeRecord = { key: '\u0000built', facts: '[]' };

export const scopeKey = (platform: string, by: ScopeBy, id: string) => `${platform}\u0000${by}\u0000${id}`;

/** The scopes a task belongs to: its group and its requester, when it has them. */
export function scopeKeysOf(task: Pick<TaskRecord, 'platform' | 'groupId' | 'requesterId'>): string[] {
  const keys: string[] = [];
  if (task.groupId) keys.push(scopeKey(task.platform, 'group', task.groupId));
  if (task.requesterId) keys.push(scopeKey(task.platform, 'requester', task.requesterId));
  return keys;
}

/**
 * The slim copy of a task. An open task's time is not in any figure until it ends (lib/rates), so
 * it is kept as 0: the engine's ticks, which grow an open task's time, then change no scope.
 */
export function factOf(task: TaskRecord): RateTask {
  return {
    id: task.id,
    platform: task.platform,
    groupId: task.groupId,
    requesterId: task.requesterId,
    status: task.status,
    acceptedAt: task.acceptedAt,
    activeMs: isFinished(task.status) ? task.activeMs : 0,
    reward: task.reward,
    bonuses: task.bonuses.map(({ amountMinor, currency }) => ({ amountMinor, currency })),
    advertisedSeconds: task.advertisedSeconds,
    advertisedKind: task.advertisedKind,
  };
}

/**
 * A fact as stored: a tuple, a third of the size of the object with its field names, so that a
 * requester with thousands of tasks reads and parses in a few milliseconds.
 */
type Stored = [
  id: string,
  platform: RateTask['platform'],
  groupId: string | null,
  requesterId: string | null,
  status: RateTask['status'],
  acceptedAt: number,
  activeMs: number,
  reward: [amountMinor: number, currency: string] | null,
  bonuses: [amountMinor: number, currency: string][],
  advertisedSeconds: number | null,
  advertisedKind: RateTask['advertisedKind'],
];

const store = (f: RateTask): Stored => [
  f.id,
  f.platform,
  f.groupId,
  f.requesterId,
  f.status,
  f.acceptedAt,
  f.activeMs,
  f.reward ? [f.reward.amountMinor, f.reward.currency] : null,
  f.bonuses.map((b) => [b.amountMinor, b.currency]),
  f.advertisedSeconds,
  f.advertisedKind,
];

const load = ([id, platform, groupId, requesterId, status, acceptedAt, activeMs, reward, bonuses, advertisedSeconds, advertisedKind]: Stored): RateTask => ({
  id,
  platform,
  groupId,
  requesterId,
  status,
  acceptedAt,
  activeMs,
  reward: reward ? { amountMinor: reward[0], currency: reward[1] } : null,
  bonuses: bonuses.map(([amountMinor, currency]) => ({ amountMinor, currency })),
  advertisedSeconds,
  advertisedKind,
});

const byId = (a: RateTask, b: RateTask) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const encodeFacts = (facts: Iterable<RateTask>): string => JSON.stringify([...facts].sort(byId).map(store));

export function decodeFacts(record: ScopeRecord | undefined): RateTask[] {
  return record ? (JSON.parse(record.facts) as Stored[]).map(load) : [];
}

/** Every scope record, from the tasks alone, with SCOPES_BUILT. */
export function rebuildScopes(tasks: Iterable<TaskRecord>): ScopeRecord[] {
  const scopes = new Map<string, RateTask[]>();
  for (const task of tasks) {
    const fact = factOf(task);
    for (const key of scopeKeysOf(task)) {
      let list = scopes.get(key);
      if (!list) scopes.set(key, (list = []));
      list.push(fact);
    }
  }
  const records = [...scopes.entries()].map(([key, facts]) => ({ key, facts: encodeFacts(facts) }));
  return [SCOPES_BUILT, ...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * How the scope records change when tasks change from `before` to `after` (null: absent): per
 * scope key, the facts to set and the ids to remove. A change that leaves every fact as it was
 * (an open task's time growing) gives nothing.
 */
export function scopeChanges(changes: readonly { before: TaskRecord | null; after: TaskRecord | null }[]): Map<string, { set: RateTask[]; remove: string[] }> {
  const out = new Map<string, { set: RateTask[]; remove: string[] }>();
  const entry = (key: string) => {
    let e = out.get(key);
    if (!e) out.set(key, (e = { set: [], remove: [] }));
    return e;
  };
  for (const { before, after } of changes) {
    const old = before ? factOf(before) : null;
    const next = after ? factOf(after) : null;
    const oldKeys = before ? scopeKeysOf(before) : [];
    const newKeys = after ? scopeKeysOf(after) : [];
    const same = old !== null && next !== null && JSON.stringify(store(old)) === JSON.stringify(store(next));
    for (const key of oldKeys) if (!newKeys.includes(key)) entry(key).remove.push(old!.id);
    for (const key of newKeys) if (!same || !oldKeys.includes(key)) entry(key).set.push(next!);
  }
  return out;
}

/** A scope's facts with `change` applied, or null when none is left. */
export function applyScopeChange(record: ScopeRecord | undefined, change: { set: readonly RateTask[]; remove: readonly string[] }): string | null {
  const facts = new Map(decodeFacts(record).map((fact) => [fact.id, fact]));
  for (const id of change.remove) facts.delete(id);
  for (const fact of change.set) facts.set(fact.id, fact);
  return facts.size === 0 ? null : encodeFacts(facts.values());
}
