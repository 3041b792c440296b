/**
 * Figures, not a test: export, check, restore (replace) and CSV over a large database in
 * fake-indexeddb (slower than a browser's IndexedDB).   npx tsx tests/unit/backup/scale-figures.ts [tasks] [segmentsPerTask]
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { exportTasksCsv } from '../../../lib/backup/csv';
import { exportBackup } from '../../../lib/backup/export';
import { checkBackup, restoreBackup } from '../../../lib/ledger/restore';
import { createDb } from '../../../lib/db/database';
import type { SegmentRecord, TaskRecord } from '../../../lib/model/records';
import { seedRecords, T, testFlagsOf } from './seed';

const tasksN = Number(process.argv[2] ?? 10_000);
const perTask = Number(process.argv[3] ?? 10);
const template = seedRecords().tasks[0] as TaskRecord;
const db = createDb('scale-source');
const time = async <R>(label: string, run: () => Promise<R> | R): Promise<R> => {
  const start = performance.now();
  const result = await run();
  const heap = Math.round(process.memoryUsage().heapUsed / 1e6);
  console.log(`${label.padEnd(28)} ${Math.round(performance.now() - start).toString().padStart(7)} ms   heap ${heap} MB`);
  return result;
};
await time(`seed ${tasksN} tasks x ${perTask} seg`, async () => {
  for (let i = 0; i < tasksN; i += 5_000) {
    const tasks: TaskRecord[] = [];
    const segments: SegmentRecord[] = [];
    for (let j = i; j < Math.min(tasksN, i + 5_000); j++) {
      const id = `mturk:TASK${String(j).padStart(8, '0')}`;
      tasks.push({ ...template, id, externalId: `TASK${j}`, acceptedAt: T + j * 1000 });
      for (let k = 0; k < perTask; k++) {
        segments.push({ id: j * perTask + k + 1, taskId: id, platform: 'mturk', start: T + j * 1000 + k, end: T + j * 1000 + k + 1, source: 'measured', excluded: false });
      }
    }
    await db.tasks.bulkAdd(tasks);
    await db.segments.bulkAdd(segments);
  }
});
const parts = await time('exportBackup', () => exportBackup(db, { now: () => T, flagsOf: testFlagsOf, extensionVersion: '0.1.0' }));
const text = await time(`join (${parts.length} parts)`, () => parts.join(''));
console.log(`file size ${(text.length / 1e6).toFixed(1)} MB`);
const checked = await time('checkBackup', () => checkBackup(text));
if (!checked.ok) throw new Error('check failed');
const target = createDb('scale-target');
await time('restoreBackup (replace)', () => restoreBackup(target, checked.backup, { mode: 'replace' }));
await time('restoreBackup (merge, same)', () => restoreBackup(target, checked.backup, { mode: 'merge' }));
await time('exportTasksCsv', () => exportTasksCsv(db, { flagsOf: testFlagsOf }));
