import { DB_NAME } from './db-name';

/**
 * Reading the worker's database without Dexie, for the popup: it only reads (every change goes
 * through the background), and its first paint waits for its bundle, of which Dexie would be the
 * largest part. The stores and indexes are the ones lib/db/migrations.ts declares; Dexie names an
 * index by its key path, so `acceptedAt` here is Dexie's `acceptedAt`.
 */

let open: { name: string; db: Promise<IDBDatabase | null> } | null = null;

/**
 * The database as the background made it, opened once per page and kept (the popup reads it every
 * second); null while it does not exist yet (nothing recorded). A newer version opened elsewhere
 * (the background upgrading it) closes this connection, so that it never blocks the upgrade; the
 * next read opens the new version.
 */
export function openForReading(name: string = DB_NAME): Promise<IDBDatabase | null> {
  if (open?.name === name) return open.db;
  const db = openExisting(name).then((db) => {
    if (db === null) open = null;
    else {
      db.onversionchange = () => {
        db.close();
        open = null;
      };
    }
    return db;
  });
  db.catch(() => {
    open = null;
  });
  open = { name, db };
  return db;
}

/**
 * The database at whatever version is on disk, older or newer than this TrueRate's (a new
 * connection, the caller's to close); null when there is none, and then none is created.
 */
export function openExisting(name: string = DB_NAME): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let fresh = false;
    // No database yet: opening would create an empty one that Dexie, later, would have to
    // upgrade from version 1. Abort instead, and say there is nothing to read.
    request.onupgradeneeded = () => {
      fresh = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (fresh ? resolve(null) : reject(request.error));
    request.onblocked = () => reject(new Error('the database is blocked'));
  });
}

/**
 * IndexedDB's version of the database on disk (Dexie's version times ten), null when there is
 * none: what an open that failed found there (lib/db/open-problem.ts).
 */
export async function versionOnDisk(name: string = DB_NAME): Promise<number | null> {
  const db = await openExisting(name);
  if (db === null) return null;
  const { version } = db;
  db.close();
  return version;
}

/** The result of one request, as a promise (its transaction stays active for the next request). */
export const resultOf = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

export interface Reader {
  get<T>(store: string, key: IDBValidKey): Promise<T | undefined>;
  /** Records of an index in a key range, in order (or reversed), at most `limit`, kept if `keep`. */
  range<T>(store: string, index: string | null, query: IDBKeyRange | null, opts?: { reverse?: boolean; limit?: number; keep?: (value: T) => boolean }): Promise<T[]>;
}

/** One read-only transaction over `stores`: every read of the popup sees the same moment. */
export function readerOf(db: IDBDatabase, stores: string[]): Reader {
  const tx = db.transaction(stores, 'readonly');
  return {
    get: <T>(store: string, key: IDBValidKey) => resultOf(tx.objectStore(store).get(key)) as Promise<T | undefined>,
    range<T>(store: string, index: string | null, query: IDBKeyRange | null, opts: { reverse?: boolean; limit?: number; keep?: (value: T) => boolean } = {}) {
      const source = index ? tx.objectStore(store).index(index) : tx.objectStore(store);
      // Forwards, getAll in one call, filtered here: far quicker than a cursor's step per record
      // (today's 700 segments: about 2 ms against 15). Backwards, a cursor that stops at the limit.
      if (!opts.reverse) {
        const { keep, limit } = opts;
        return (resultOf(source.getAll(query, keep ? undefined : limit)) as Promise<T[]>).then((all) => (keep ? all.filter(keep).slice(0, limit) : all));
      }
      return new Promise<T[]>((resolve, reject) => {
        const out: T[] = [];
        const request = source.openCursor(query, opts.reverse ? 'prev' : 'next');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor || (opts.limit !== undefined && out.length >= opts.limit)) return resolve(out);
          const value = cursor.value as T;
          if (!opts.keep || opts.keep(value)) out.push(value);
          cursor.continue();
        };
      });
    },
  };
}
