import type { TrueRateDb } from '../db/database';

/** The worker has read these journal entries: they leave the popup, and stay in the journal. */
export async function markSeen(db: TrueRateDb, ids: readonly number[], now: number): Promise<void> {
  await db.transaction('rw', db.journal, async () => {
    for (const id of ids) {
      const entry = await db.journal.get(id);
      if (entry && entry.seenAt === null) await db.journal.put({ ...entry, seenAt: now });
    }
  });
}
