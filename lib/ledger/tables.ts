import type { TrueRateDb } from '../db/database';

/**
 * Every table a ledger change may touch. Each change is one transaction over all of them, so a
 * change that calls another (an edit that ends a task the engine is timing) joins the same one.
 */
export function ledgerTables(db: TrueRateDb) {
  return [db.tasks, db.scopes, db.segments, db.gaps, db.tracker, db.journal, db.edits, db.offers];
}
