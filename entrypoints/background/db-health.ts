import { browser } from 'wxt/browser';
import type { TrueRateDb } from '@/lib/db/database';
import { OPEN_PROBLEM_KEY, openProblemOf, type OpenProblem } from '@/lib/db/open-problem';
import { versionOnDisk } from '@/lib/db/raw-read';

/**
 * Opens the database at start-up and says, in storage.local, why it could not: an upgrade that
 * failed or a database from a newer TrueRate (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer).
 * The popup and the dashboard read the problem from there; the key is removed once an open
 * succeeds. Nothing here deletes or recreates the database: it is the worker's only copy, and the
 * held events (lib/ledger/held-events.ts) keep new activity meanwhile.
 */
export async function checkDbHealth(db: TrueRateDb, now: () => number = Date.now): Promise<OpenProblem | null> {
  try {
    await db.open();
    await browser.storage.local.remove(OPEN_PROBLEM_KEY);
    return null;
  } catch (error) {
    const found = await versionOnDisk(db.name).catch(() => null);
    const problem = openProblemOf(error, found, db.verno, now());
    console.error(`TrueRate: the database could not be opened (${problem.kind}, found ${problem.found ?? 'nothing'}, wanted ${problem.wanted}): ${problem.error}`);
    await browser.storage.local.set({ [OPEN_PROBLEM_KEY]: problem });
    return problem;
  }
}

export function setupDbHealth(db: TrueRateDb): void {
  void checkDbHealth(db).catch((error: unknown) => console.error('TrueRate: the database check failed', error));
}
