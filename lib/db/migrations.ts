import { rebuildScopes } from '../ledger/scope-facts';
import type { TaskRecord } from '../model/records';
/**
 * The database's numbered versions. Each entry is what Dexie needs to open that version, plus,
 * from version 2 on, a pure function that turns a record of the version before into one of this
 * version. Pure functions are tested against a fixture of the version before
 * (tests/fixtures/db/v<N-1>.json), so an upgrade never meets a worker's data untested.
 */
export type StoreSpec = Record<string, string | null>;

export interface Migration {
  version: number;
  stores: StoreSpec;
  /** Per table: old record -> new record. Must not drop a record; throw to abort the upgrade. */
  upgrade?: Record<string, (record: Record<string, unknown>) => Record<string, unknown>>;
  /**
   * A new table of derived data, built whole from every record of another table (after `upgrade`):
   * a pure function of those records, tested like `upgrade`. A later migration that changes tasks
   * must derive the scopes again (the ledger's invariant check would report them stale).
   */
  derive?: { table: string; from: string; build: (records: unknown[]) => unknown[] };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    stores: {
      tasks: 'id, platform, [platform+externalId], groupId, requesterId, status, acceptedAt, updatedAt',
      segments: '++id, taskId, start, [taskId+start]',
      offers: 'id, platform, groupId, requesterId, lastSeenAt',
    },
  },
  {
    // The attention engine's state survives the service worker (tracker), quiet gaps
    // wait for the worker's answer (gaps), and a segment says where it came from.
    version: 2,
    stores: {
      segments: '++id, taskId, start, [taskId+start], source',
      tracker: 'key',
      gaps: '++id, taskId, answer, end',
    },
    upgrade: {
      segments: (record) => ({ ...record, source: record.source ?? 'measured' }),
    },
  },
  {
    // A task keeps the completion code its platform showed.
    version: 3,
    stores: {},
    upgrade: {
      tasks: (record) => ({ ...record, completionCode: record.completionCode ?? null }),
    },
  },
  {
    // Bonuses count in the true rate; the worker may exclude a segment from the totals
    // (kept, greyed, as evidence) and every correction is an undoable edit. Tasks are also
    // indexed by end, for "today" and period queries.
    version: 4,
    stores: {
      tasks: 'id, platform, [platform+externalId], groupId, requesterId, status, acceptedAt, endedAt, updatedAt',
      segments: '++id, taskId, start, [taskId+start], source',
      edits: '++id, taskId, at',
    },
    upgrade: {
      tasks: (record) => ({ ...record, bonuses: record.bonuses ?? [] }),
      segments: (record) => ({ ...record, excluded: record.excluded ?? false }),
    },
  },
  {
    // The engine's state gains what direct evidence and the media limit need (state version 2),
    // and a journal keeps what the worker should know: the clock set back, time not given twice,
    // a tracker state kept aside.
    version: 5,
    stores: { journal: '++id, at, kind' },
    upgrade: { tracker: trackerStateV1toV2 },
  },
  {
    // Offers count how many times the worker saw them on a list, for the badges beside offers.
    // Nothing before counted sightings, so every offer starts at one.
    version: 6,
    stores: {},
    upgrade: {
      offers: (record) => ({ ...record, seenCount: record.seenCount ?? 1 }),
    },
  },
  {
    // The ledger keeps a slim copy of the tasks of each task group and each requester, so that a
    // page's badges read a hundred small records, not every task of its requesters.
    version: 7,
    stores: { scopes: 'key' },
    derive: { table: 'scopes', from: 'tasks', build: (tasks) => rebuildScopes(tasks as TaskRecord[]) },
  },
  {
    // The collectives' feeds the worker subscribes to (lib/share/subscription.ts), by address.
    version: 8,
    stores: { feeds: 'url' },
  },
  {
    // Each local day's sums, kept by the ledger (lib/ledger/day-totals.ts). They depend on the
    // worker's time zone, which a migration does not know: the table starts unbuilt, and the
    // background builds it (ensureDays) in the zone it runs in.
    version: 9,
    stores: { days: 'day' },
  },
];

/**
 * Engine state 1 -> 2: tabs no longer keep the media and focus flags of their last pulse (each
 * pulse carries its own) but which sensed frame holds the focus and when the tab was last brought
 * to front (neither known yet), and the state
 * keeps the worker's last own act (not known yet: media waits for the next input). Anything that
 * is not a version-1 state is left as it is, for the ledger's check to keep aside.
 */
export function trackerStateV1toV2(record: Record<string, unknown>): Record<string, unknown> {
  const state = record.state as Record<string, unknown> | undefined;
  if (record.key !== 'state' || !state || state.version !== 1) return record;
  const tabs: Record<string, unknown> = {};
  for (const [id, tab] of Object.entries((state.tabs ?? {}) as Record<string, Record<string, unknown>>)) {
    const { media: _media, focusInFrame: _focus, ...rest } = tab;
    tabs[id] = { ...rest, sensedFocus: null, shownAt: null };
  }
  return { ...record, state: { ...state, version: 2, tabs, lastActAt: null } };
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 1;
