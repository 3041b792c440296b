import Dexie, { type EntityTable } from 'dexie';
import { DB_NAME } from './db-name';
import { MIGRATIONS } from './migrations';
import type { EngineState } from '../tracking/state';
import type { EditRecord, GapRecord, JournalRecord, OfferRecord, SegmentRecord, TaskRecord } from '../model/records';
import { SCOPES_BUILT, type ScopeRecord } from '../ledger/scope-facts';
import type { Subscription } from '../share/subscription';
import { DAYS_BUILT_KEY, type DaysTableRecord } from '../ledger/day-totals';

export interface SetAsideFeed {
  url: `set-aside:${string}`;
  record: unknown;
  problem: string;
}
export type FeedRecord = Subscription | SetAsideFeed;

/**
 * The engine's state lives under the key `state`. A state that failed its check is kept, as it
 * was, under `set-aside:<instant>` (unknown, so typed loosely), never deleted.
 */
export type TrackerRecord = { key: 'state'; state: EngineState } | { key: `set-aside:${number}`; state: unknown };

export { DB_NAME };

export type TrueRateDb = Dexie & {
  tasks: EntityTable<TaskRecord, 'id'>;
  segments: EntityTable<SegmentRecord, 'id'>;
  offers: EntityTable<OfferRecord, 'id'>;
  tracker: EntityTable<TrackerRecord, 'key'>;
  gaps: EntityTable<GapRecord, 'id'>;
  edits: EntityTable<EditRecord, 'id'>;
  journal: EntityTable<JournalRecord, 'id'>;
  /** Derived from tasks by the ledger, for the badges (lib/ledger/scope-facts.ts). */
  scopes: EntityTable<ScopeRecord, 'key'>;
  /**
   * The collectives' feeds (lib/db/feeds.ts is their one writer). A record that fails its check is
   * kept as it was, under `set-aside:<instant>:<address>`, never deleted.
   */
  feeds: EntityTable<FeedRecord, 'url'>;
  /** Derived from tasks and overhead by the ledger, per local day (lib/ledger/day-totals.ts). */
  days: EntityTable<DaysTableRecord, 'day'>;
};

/** Opens (lazily) the worker's database with every numbered version declared. */
export function createDb(name: string = DB_NAME): TrueRateDb {
  const db = new Dexie(name) as TrueRateDb;
  for (const migration of MIGRATIONS) {
    const version = db.version(migration.version).stores(migration.stores);
    const { upgrade, derive } = migration;
    if (upgrade || derive) {
      version.upgrade(async (tx) => {
        for (const [table, migrate] of Object.entries(upgrade ?? {})) {
          await tx
            .table(table)
            .toCollection()
            .modify((record: Record<string, unknown>, ref) => {
              ref.value = migrate(record);
            });
        }
        if (derive) await tx.table(derive.table).bulkPut(derive.build(await tx.table(derive.from).toArray()));
      });
    }
  }
  // A new database has no task, so its scopes and days are built: none. (An upgraded one builds
  // them.) Its days are dated in the zone of the context that creates it: the background's.
  db.on('populate', (tx) => {
    void tx.table('scopes').add(SCOPES_BUILT);
    void tx.table('days').add({ day: DAYS_BUILT_KEY, zone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });
  return db;
}

let shared: TrueRateDb | undefined;

/** The one database of this extension context. */
export function getDb(): TrueRateDb {
  shared ??= createDb();
  return shared;
}
