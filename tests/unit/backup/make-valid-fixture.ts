/**
 * Writes tests/fixtures/backup/valid.json from seed.ts through exportBackup, so the fixture is
 * exactly what TrueRate itself exports:   npx tsx tests/unit/backup/make-valid-fixture.ts
 */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportBackup } from '../../../lib/backup/export';
import { createDb } from '../../../lib/db/database';
import { seedRecords, T, testFlagsOf } from './seed';

const db = createDb('make-valid-fixture');
const records = seedRecords();
await db.tasks.bulkAdd(records.tasks);
await db.segments.bulkAdd(records.segments);
await db.offers.bulkAdd(records.offers);
await db.gaps.bulkAdd(records.gaps);
await db.edits.bulkAdd(records.edits);
const parts = await exportBackup(db, { now: () => T + 100 * 60_000, flagsOf: testFlagsOf, extensionVersion: '0.1.0' });
writeFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'backup', 'valid.json'), parts.join(''));
