import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportBackup } from '../../../lib/backup/export';
import { createDb, type TrueRateDb } from '../../../lib/db/database';
import { seedRecords, T, testFlagsOf } from './seed';

export const fixture = (name: 'valid.json' | 'broken.json') =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'backup', name), 'utf8');

export const freshDb = (): TrueRateDb => createDb(`test-${crypto.randomUUID()}`);

export async function seededDb(records = seedRecords()): Promise<TrueRateDb> {
  const db = freshDb();
  await db.tasks.bulkAdd(records.tasks);
  await db.segments.bulkAdd(records.segments);
  await db.offers.bulkAdd(records.offers);
  await db.gaps.bulkAdd(records.gaps);
  await db.edits.bulkAdd(records.edits);
  return db;
}

export async function exportText(db: TrueRateDb, now = T + 100 * 60_000, chunkSize?: number): Promise<string> {
  const parts = await exportBackup(db, { now: () => now, flagsOf: testFlagsOf, extensionVersion: '0.1.0', chunkSize });
  return parts.join('');
}

/** Everything the database holds, for "nothing changed" checks. */
export async function snapshot(db: TrueRateDb) {
  return {
    tasks: await db.tasks.toArray(),
    segments: await db.segments.toArray(),
    offers: await db.offers.toArray(),
    gaps: await db.gaps.toArray(),
    edits: await db.edits.toArray(),
    tracker: await db.tracker.toArray(),
  };
}
