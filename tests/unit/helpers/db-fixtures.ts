import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { MIGRATIONS, type Migration } from '@/lib/db/migrations';

/** A database as one version of TrueRate left it (tests/fixtures/db/v<N>.json). */
export interface DbFixture {
  version: number;
  tables: Record<string, Record<string, unknown>[]>;
}

export const fixtureOf = (version: number): DbFixture =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'db', `v${version}.json`), 'utf8'));

/**
 * Writes a fixture with exactly the schema of its own version, as an old TrueRate would have
 * (`migrations`: a newer TrueRate's, to write a database newer than this code).
 */
export async function seedAtVersion(name: string, fixture: DbFixture, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const old = new Dexie(name);
  for (const m of migrations.filter((m) => m.version <= fixture.version)) {
    old.version(m.version).stores(m.stores);
  }
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}
