import type { TrueRateDb } from '../db/database';

/**
 * How long an offer seen on a list is kept, and how many at most (docs/architecture.md#offers).
 * Offers serve checking before accepting: the badges of the page that shows them (written by that
 * very page read), a task page that lacks its reward or time (read minutes after its list), and the
 * count of days an offer was seen. An offer not seen for 30 days says nothing a list will ask about
 * again, and a task accepted from it keeps its own copy of what it advertised.
 */
export const OFFER_MAX_AGE_MS = 30 * 86_400_000;
export const OFFER_MAX_COUNT = 20_000;

/**
 * Deletes offers last seen before now minus OFFER_MAX_AGE_MS, then the least recently seen beyond
 * OFFER_MAX_COUNT, in one transaction. A clock set back prunes nothing more (an offer "seen in
 * the future" is newer than any cutoff). Returns how many were deleted.
 */
export async function pruneOffers(db: TrueRateDb, now: number, limits = { maxAgeMs: OFFER_MAX_AGE_MS, maxCount: OFFER_MAX_COUNT }): Promise<number> {
  return db.transaction('rw', db.offers, async () => {
    const old = await db.offers.where('lastSeenAt').below(now - limits.maxAgeMs).primaryKeys();
    await db.offers.bulkDelete(old);
    const over = (await db.offers.count()) - limits.maxCount;
    if (over <= 0) return old.length;
    const oldest = await db.offers.orderBy('lastSeenAt').limit(over).primaryKeys();
    await db.offers.bulkDelete(oldest);
    return old.length + oldest.length;
  });
}
