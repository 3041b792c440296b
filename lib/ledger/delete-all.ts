import type { TrueRateDb } from '../db/database';
import { resetTrackerUnless } from './tracker-reset';
import { clearTasks } from './task-writes';

/**
 * Deletes every task, segment, offer, gap and edit in one transaction (all or nothing). The tracker
 * is reset in the same transaction when it was timing a task, so that the segment in progress is
 * not written afterwards for a task that no longer exists. Settings live in browser.storage and are
 * kept.
 */
export async function deleteAll(db: TrueRateDb): Promise<{ trackerReset: boolean }> {
  return db.transaction('rw', [db.tasks, db.scopes, db.segments, db.offers, db.gaps, db.edits, db.tracker, db.days], async () => {
    await Promise.all([clearTasks(db), db.segments.clear(), db.offers.clear(), db.gaps.clear(), db.edits.clear()]);
    return { trackerReset: await resetTrackerUnless(db, () => false) };
  });
}
