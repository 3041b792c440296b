import { taskTables } from '@/lib/ledger/tables';
import { describe, expect, it, vi } from 'vitest';
import { createDb } from '@/lib/db/database';
import { historyForOffers } from '@/lib/db/offer-history';
import { addTasks } from '@/lib/ledger/task-writes';
import type { OfferRecord } from '@/lib/model/records';
import { makeTask } from './rates/make-task';

const T = Date.UTC(2026, 10, 28, 12);
const offer = (groupId: string, requesterId: string | null, platform: OfferRecord['platform'] = 'mturk'): OfferRecord => ({
  id: `${platform}:${groupId}`,
  platform,
  groupId,
  requesterId,
  requesterName: null,
  title: null,
  reward: { amountMinor: 50, currency: 'USD' },
  advertisedSeconds: 300,
  advertisedKind: 'estimate',
  firstSeenAt: T,
  lastSeenAt: T,
  seenCount: 1,
});
const task = (n: number, groupId: string | null, requesterId: string | null, over: Parameters<typeof makeTask>[0] = {}) =>
  makeTask({ id: `mturk:A${n}`, externalId: `A${n}`, groupId, requesterId, acceptedAt: T + n * 1000, ...over });

describe('historyForOffers', () => {
  it('reads the offers, the tasks of their groups and of their requesters, on that platform only', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    await db.offers.bulkAdd([offer('G1', 'R1'), offer('G2', null), offer('G1', 'R1', 'toloka')]);
    // Through the ledger, which keeps each group's and requester's facts as it writes.
    await db.transaction('rw', taskTables(db), () => addTasks(db, [
      task(1, 'G1', 'R1'),
      task(2, 'G1', 'R1', { status: 'returned' }),
      task(3, 'G9', 'R1'), // another group of the same requester
      task(4, 'G2', 'R2'),
      task(5, 'G2', 'R3'), // the newest task of G2 names R3
      task(6, 'G1', 'R1', { id: 'toloka:A6', platform: 'toloka' }), // the same ids on another platform
      task(7, 'G3', 'R1'), // a group nobody asked about
    ]));
    const history = await historyForOffers(db, 'mturk', [{ groupId: 'G1' }, { groupId: 'G2' }, { groupId: 'G1' }, { groupId: 'G404' }]);
    expect([...history.offers.keys()]).toEqual(['G1', 'G2', 'G404']);
    expect(history.offers.get('G1')?.id).toBe('mturk:G1');
    expect(history.offers.get('G404')).toBeNull();
    expect(history.groupTasks.get('G1')?.map((t) => t.id).sort()).toEqual(['mturk:A1', 'mturk:A2']);
    expect(history.groupTasks.get('G404')).toEqual([]);
    expect(Object.fromEntries(history.requesterOf)).toEqual({ G1: 'R1', G2: 'R3', G404: null });
    expect(history.requesterTasks.get('R1')?.map((t) => t.id).sort()).toEqual(['mturk:A1', 'mturk:A2', 'mturk:A3', 'mturk:A7']);
    expect(history.requesterTasks.get('R3')?.map((t) => t.id)).toEqual(['mturk:A5']);
    // R2 is no group's requester: not read.
    expect(history.requesterTasks.has('R2')).toBe(false);
    db.close();
  });

  it('a requester id the asker gives is not read: only what TrueRate stored names a requester', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    await db.offers.bulkAdd([offer('G1', null)]);
    await db.tasks.bulkAdd([task(1, 'G8', 'R7')]);
    const history = await historyForOffers(db, 'mturk', [{ groupId: 'G1', requesterId: 'R7' }]);
    expect(history.requesterOf.get('G1')).toBeNull();
    expect(history.requesterTasks.size).toBe(0);
    db.close();
  });

  it('reads in one read transaction', async () => {
    const db = createDb(`test-${crypto.randomUUID()}`);
    await db.open();
    const spy = vi.spyOn(db, 'transaction');
    await historyForOffers(db, 'mturk', [{ groupId: 'G1' }, { groupId: 'G2' }]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[0]).toBe('r');
    db.close();
  });
});
