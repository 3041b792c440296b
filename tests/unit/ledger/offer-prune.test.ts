import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/database';
import { OFFER_MAX_AGE_MS, pruneOffers } from '@/lib/ledger/offer-prune';
import type { OfferRecord } from '@/lib/model/records';
import { makeTask } from '../rates/make-task';

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;
const offer = (n: number, lastSeenAt: number): OfferRecord => ({
  id: `mturk:G${n}`,
  platform: 'mturk',
  groupId: `G${n}`,
  requesterId: 'R1',
  requesterName: 'Requester One',
  title: `Offer ${n}`,
  reward: { amountMinor: 50, currency: 'USD' },
  advertisedSeconds: 300,
  advertisedKind: 'estimate',
  firstSeenAt: lastSeenAt - DAY,
  lastSeenAt,
  seenCount: 2,
});

describe('the offers table stays bounded', () => {
  it('deletes offers not seen for 30 days, keeps the others and every task', async () => {
    const db = createDb(`offers-${crypto.randomUUID()}`);
    await db.offers.bulkAdd([offer(1, NOW - 31 * DAY), offer(2, NOW - OFFER_MAX_AGE_MS), offer(3, NOW - DAY), offer(4, NOW + DAY)]);
    await db.tasks.add(makeTask({ id: 'mturk:T1', groupId: 'G1' }));
    expect(await pruneOffers(db, NOW)).toBe(1);
    expect((await db.offers.toArray()).map((o) => o.groupId).sort()).toEqual(['G2', 'G3', 'G4']);
    expect(await db.tasks.count()).toBe(1);
    db.close();
  });

  it('beyond the cap, deletes the least recently seen first', async () => {
    const db = createDb(`offers-${crypto.randomUUID()}`);
    await db.offers.bulkAdd(Array.from({ length: 10 }, (_, n) => offer(n, NOW - n * 60_000)));
    expect(await pruneOffers(db, NOW, { maxAgeMs: OFFER_MAX_AGE_MS, maxCount: 6 })).toBe(4);
    expect((await db.offers.orderBy('lastSeenAt').toArray()).map((o) => o.groupId)).toEqual(['G5', 'G4', 'G3', 'G2', 'G1', 'G0']);
    expect(await pruneOffers(db, NOW, { maxAgeMs: OFFER_MAX_AGE_MS, maxCount: 6 })).toBe(0);
    db.close();
  });
});
