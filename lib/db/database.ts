import Dexie, { type EntityTable } from 'dexie';
import { DB_NAME } from './db-name';
import { MIGRATIONS, type Migration } from './migrations';
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

/**
 * Opens (lazily) the worker's database with every numbered version declared. `migrations` are
 * TrueRate's own; a test passes others (one whose upgrade throws, say).
 *
 * An upgrade that throws aborts IndexedDB's version change: the database stays, whole, at the
 * version it was, and every open fails until an update can read it. A database newer than the
 * last of `migrations` is refused too (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer).
 */
export function createDb(name: string = DB_NAME, migrations: readonly Migration[] = MIGRATIONS): TrueRateDb {
  const db = new Dexie(name) as TrueRateDb;
  for (const migration of migrations) {
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
  // Dexie 4 opens a database of a newer version than it declares (it retries IndexedDB's
  // VersionError without a version): this TrueRate would then write records of its own version
  // among a newer one's, which the newer TrueRate, finding its own version, would never upgrade.
  // Refused here, before any read or write (ready runs first); Dexie's native version is ten times
  // ours, plus one per schema patch of its own, hence the floor.
  const latest = Math.max(1, ...migrations.map((m) => m.version));
  db.on(
    'ready',
    (vip) => {
      const found = Math.floor(vip.backendDB().version / 10);
      if (found > latest) throw new Dexie.VersionError(`the database is at version ${found}; this TrueRate reads up to version ${latest}`);
    },
    true,
  );
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
