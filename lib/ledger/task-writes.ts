import type { TrueRateDb } from '../db/database';
import type { TaskRecord } from '../model/records';
import { taskDayChanges } from './day-totals';
import { forgetDays, updateDays } from './day-writes';
import { applyScopeChange, rebuildScopes, SCOPES_BUILT, scopeChanges } from './scope-facts';

/**
 * The only code that writes the tasks table. Each write keeps the per-scope facts
 * (lib/ledger/scope-facts.ts) and the day totals (lib/ledger/day-totals.ts) in step, in the same
 * transaction: the caller's ledger transaction, which must include db.scopes and db.days
 * (ledgerTables does). A meta-test fails if a task is written
 * anywhere else. Each function reads the stored task itself, so the scopes change by what really
 * changed, whatever the caller believes was there.
 */

type TaskChange = { before: TaskRecord | null; after: TaskRecord | null };

/** What derives from tasks, kept in step: the scopes and the day totals (lib/ledger/day-writes.ts). */
async function updateDerived(db: TrueRateDb, changes: TaskChange[]): Promise<void> {
  await updateScopes(db, changes);
  await updateDays(db, taskDayChanges(changes));
}

async function updateScopes(db: TrueRateDb, changes: TaskChange[]): Promise<void> {
  const byKey = scopeChanges(changes);
  if (byKey.size === 0) return;
  const keys = [...byKey.keys()];
  const records = await db.scopes.bulkGet(keys);
  const put: { key: string; facts: string }[] = [];
  const gone: string[] = [];
  keys.forEach((key, i) => {
    const facts = applyScopeChange(records[i], byKey.get(key)!);
    if (facts === null) gone.push(key);
    else put.push({ key, facts });
  });
  if (put.length > 0) await db.scopes.bulkPut(put);
  if (gone.length > 0) await db.scopes.bulkDelete(gone);
}

/** Writes a task whole (new or replacing the stored one). */
export async function putTask(db: TrueRateDb, task: TaskRecord): Promise<void> {
  const before = (await db.tasks.get(task.id)) ?? null;
  await db.tasks.put(task);
  await updateDerived(db, [{ before, after: task }]);
}

/** Changes some fields of a stored task; nothing when there is no such task. */
export async function updateTask(db: TrueRateDb, id: string, changes: Partial<TaskRecord>): Promise<void> {
  const before = await db.tasks.get(id);
  if (!before) return;
  const after = { ...before, ...changes, id };
  await db.tasks.put(after);
  await updateDerived(db, [{ before, after }]);
}

/** Adds new tasks; fails, as IndexedDB's add does, when one is there already. */
export async function addTasks(db: TrueRateDb, tasks: readonly TaskRecord[]): Promise<void> {
  if (tasks.length === 0) return;
  await db.tasks.bulkAdd([...tasks]);
  await updateDerived(db, tasks.map((after) => ({ before: null, after })));
}

export async function deleteTask(db: TrueRateDb, id: string): Promise<void> {
  const before = await db.tasks.get(id);
  if (!before) return;
  await db.tasks.delete(id);
  await updateDerived(db, [{ before, after: null }]);
}

/** Every task gone, and every scope with them. */
export async function clearTasks(db: TrueRateDb): Promise<void> {
  await db.tasks.clear();
  await db.scopes.clear();
  await db.scopes.put(SCOPES_BUILT);
  // The days also hold overhead, which its writer may not clear in the same change: they are
  // built again from what is left (ensureDays).
  await forgetDays(db);
}

let rebuilding: Promise<void> | null = null;

/**
 * Rebuilds the scopes from the tasks when they are not marked as built (tasks written by something
 * other than the ledger), in one transaction. Derived data is never trusted over its source: a
 * worker's tasks are the truth, and the scopes can always be made again from them.
 */
export async function ensureScopes(db: TrueRateDb): Promise<void> {
  if (await db.scopes.get(SCOPES_BUILT.key)) return;
  rebuilding ??= db
    .transaction('rw', [db.tasks, db.scopes], async () => {
      if (await db.scopes.get(SCOPES_BUILT.key)) return;
      await db.scopes.clear();
      await db.scopes.bulkPut(rebuildScopes(await db.tasks.toArray()));
    })
    .finally(() => {
      rebuilding = null;
    });
  await rebuilding;
}
