import { resultOf } from './raw-read';

/** The first line of a raw copy says what it is: not a backup (docs/backup-format.md), which a restore reads. */
export const RAW_COPY_FORMAT = 'truerate-raw-copy';

/**
 * Every record of every store of `db`, as they are, for a worker whose database this TrueRate
 * cannot open (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer): read straight
 * from IndexedDB, at whatever version is on disk, without Dexie or a schema, so nothing is left out
 * for failing a check. Returned as parts, like the backup (lib/backup/export.ts): `parts.join('')`
 * is the JSON file, one record per line. One read transaction, read `chunkSize` records at a time
 * in key order. A store whose keys are not in its records (none of TrueRate's own) gives
 * `{ key, value }` entries, so no key is lost.
 */
export async function rawCopy(db: IDBDatabase, copiedAt: number, chunkSize = 5_000): Promise<string[]> {
  const names = [...db.objectStoreNames];
  const header = { format: RAW_COPY_FORMAT, version: Math.floor(db.version / 10), indexedDbVersion: db.version, copiedAt: new Date(copiedAt).toISOString() };
  const parts = [`${JSON.stringify(header).slice(0, -1)},\n"stores":{`];
  if (names.length === 0) return [...parts, '}}\n'];
  const tx = db.transaction(names, 'readonly');
  for (const [index, name] of names.entries()) {
    const store = tx.objectStore(name);
    const inline = store.keyPath !== null;
    parts.push(`${index === 0 ? '\n' : ''}${JSON.stringify(name)}:[`);
    let after: IDBValidKey | undefined;
    let first = true;
    for (;;) {
      const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
      const [keys, values] = await Promise.all([resultOf(store.getAllKeys(range, chunkSize)), resultOf(store.getAll(range, chunkSize))]);
      if (keys.length === 0) break;
      const lines = values.map((value, i) => JSON.stringify(inline ? value : { key: keys[i], value }));
      parts.push(`${first ? '\n' : ',\n'}${lines.join(',\n')}`);
      first = false;
      after = keys[keys.length - 1];
      if (keys.length < chunkSize) break;
    }
    parts.push(`${first ? '' : '\n'}]${index === names.length - 1 ? '\n}}\n' : ',\n'}`);
  }
  return parts;
}
