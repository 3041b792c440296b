import type { Table } from 'dexie';
import type { TrueRateDb } from '../db/database';
import { BACKUP_TABLES, type Backup, type BackupTable } from '../backup/backup-schema';
import type { Progress } from '../backup/export';
import { mergeBackup } from './merge';
import { resetTrackerUnless } from './tracker-reset';
import { forgetDays } from './day-writes';
import { addTasks, clearTasks } from './task-writes';
import type { TaskRecord } from '../model/records';

export { checkBackup, countsOf, type CheckResult, type Problem, type ProblemCode } from '../backup/check-backup';

export type RestoreMode = 'replace' | 'merge';

/** A record kept as it was because the file holds a different record under the same id. */
export interface Conflict {
  table: BackupTable;
  id: string;
}

export interface RestoreResult {
  mode: RestoreMode;
  /** Records written, per table. */
  added: Record<BackupTable, number>;
  /** Merge: records already there, identical. */
  unchanged: Record<BackupTable, number>;
  /** Merge: segments, gaps and edits of tasks kept as they were (conflicting or already there). */
  keptWithTask: number;
  /** Merge: records added under a new number because their number was taken by another record. */
  renumbered: number;
  conflicts: Conflict[];
  /** Conflicts beyond the listed ones. */
  moreConflicts: number;
  /** Merge: tasks left out whole because their time is already recorded here for other work. */
  overlaps: Conflict[];
  /** Merge: overhead segments of the file left out because their time is already recorded here. */
  leftOutOverhead: number;
  /** The tracker was timing a task the restore removed, so it was reset. */
  trackerReset: boolean;
}

export interface RestoreOptions {
  mode: RestoreMode;
  onProgress?: (progress: Progress) => void;
  chunkSize?: number;
  /** Conflicts listed at most; the rest are counted. */
  maxConflicts?: number;
}

export const zeroCounts = (): Record<BackupTable, number> => ({ tasks: 0, segments: 0, offers: 0, gaps: 0, edits: 0 });

/**
 * Writes a backup that checkBackup accepted, in ONE transaction over every table: if anything
 * fails, nothing is changed. `replace` clears the tables first. `merge` keeps every existing record,
 * adds the file's new ones, and reports records whose id is taken by different content
 * (lib/backup/merge.ts). Settings are not part of a backup and are left alone.
 */
export async function restoreBackup(db: TrueRateDb, backup: Backup, options: RestoreOptions): Promise<RestoreResult> {
  const { mode, onProgress, chunkSize = 5_000, maxConflicts = 100 } = options;
  const total = BACKUP_TABLES.reduce((sum, name) => sum + backup[name].length, 0);
  const tables = [db.tasks, db.scopes, db.segments, db.offers, db.gaps, db.edits, db.tracker, db.days];
  return db.transaction('rw', tables, async () => {
    onProgress?.({ done: 0, total });
    // Restored overhead segments are written around the ledger's writers: the days are built
    // again from the result (ensureDays) rather than kept up record by record.
    await forgetDays(db);
    if (mode === 'merge') return mergeBackup(db, backup, { onProgress, chunkSize, maxConflicts, total });
    const added = zeroCounts();
    let done = 0;
    for (const name of BACKUP_TABLES) {
      const table = db.table(name) as Table<unknown, unknown>;
      if (name === 'tasks') await clearTasks(db);
      else await table.clear();
      const records = backup[name];
      for (let i = 0; i < records.length; i += chunkSize) {
        const chunk = records.slice(i, i + chunkSize);
        if (name === 'tasks') await addTasks(db, chunk as TaskRecord[]);
        else await table.bulkAdd(chunk);
        added[name] += chunk.length;
        done += chunk.length;
        onProgress?.({ done, total });
      }
    }
    const taskIds = new Set(backup.tasks.map((t) => t.id));
    const trackerReset = await resetTrackerUnless(db, (id) => taskIds.has(id));
    return { mode, added, unchanged: zeroCounts(), keptWithTask: 0, renumbered: 0, conflicts: [], moreConflicts: 0, overlaps: [], leftOutOverhead: 0, trackerReset };
  });
}
