import type { TrueRateDb } from '../db/database';

/**
 * Every table a ledger change may touch. Each change is one transaction over all of them, so a
 * change that calls another (an edit that ends a task the engine is timing) joins the same one.
 */
export function ledgerTables(db: TrueRateDb) {
  return [db.tasks, db.scopes, db.segments, db.gaps, db.tracker, db.journal, db.edits, db.offers, db.days];
}

/** The tables a write of tasks touches (lib/ledger/task-writes.ts): the tasks and what derives from them. */
export function taskTables(db: TrueRateDb) {
  return [db.tasks, db.scopes, db.days];
}
