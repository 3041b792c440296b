import type { Table } from 'dexie';
import type { TrueRateDb } from '../db/database';
import type { TaskRecord } from '../model/records';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, type BackupTable } from './backup-schema';
import { canonicalEdit, canonicalGap, canonicalOffer, canonicalSegment, canonicalTask } from './canonical';
import { readChunks } from './read-chunks';

export interface Progress {
  done: number;
  total: number;
}

export interface ExportOptions {
  /** Clock, injected: the file says when it was made. */
  now: () => number;
  /** The task's flags as they stand now (the lead passes lib/rates' taskRates(task, settings).flags). */
  flagsOf: (task: TaskRecord) => string[];
  extensionVersion: string;
  onProgress?: (progress: Progress) => void;
  /** Records read per step; 5,000 keeps memory flat and progress smooth. */
  chunkSize?: number;
}

/**
 * The whole database as backup text (docs/backup-format.md), returned as parts: `parts.join('')`
 * is the file, and `new Blob(parts)` saves it without ever building one giant string (a million
 * segments make ~120 MB of JSON). Each part holds one chunk of records, so no record list is held
 * twice. Everything is read in one read transaction: a segment written by the tracker meanwhile
 * cannot appear without the task time it added to.
 */
export async function exportBackup(db: TrueRateDb, options: ExportOptions): Promise<string[]> {
  const { now, flagsOf, extensionVersion, onProgress, chunkSize = 5_000 } = options;
  const serialize: { [K in BackupTable]: (record: never) => unknown } = {
    tasks: (t: TaskRecord) => canonicalTask(t, flagsOf(t)),
    segments: canonicalSegment,
    offers: canonicalOffer,
    gaps: canonicalGap,
    edits: canonicalEdit,
  };
  const tables = BACKUP_TABLES.map((name) => [name, db.table(name) as Table<{ id?: string | number }, string | number>] as const);
  return db.transaction('r', tables.map(([, table]) => table), async () => {
    const counts = await Promise.all(tables.map(([, table]) => table.count()));
    const total = counts.reduce((a, b) => a + b, 0);
    let done = 0;
    onProgress?.({ done, total });
    const header = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(now()).toISOString(),
      extensionVersion,
    };
    // One record per line: readable, diffable, and a broken file's line points at the record.
    const parts: string[] = [`${JSON.stringify(header).slice(0, -1)},\n`];
    for (const [index, [name, table]] of tables.entries()) {
      const toJson = serialize[name] as (record: unknown) => unknown;
      let first = true;
      parts.push(`${JSON.stringify(name)}:[`);
      for await (const chunk of readChunks(table, chunkSize)) {
        const lines = chunk.map((record) => JSON.stringify(toJson(record)));
        parts.push(`${first ? '\n' : ',\n'}${lines.join(',\n')}`);
        first = false;
        done += chunk.length;
        onProgress?.({ done, total });
      }
      parts.push(`${first ? '' : '\n'}]${index === tables.length - 1 ? '\n}\n' : ',\n'}`);
    }
    return parts;
  });
}
