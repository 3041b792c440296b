import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { applyPageEffects } from '@/lib/ledger/page-effects';
import { acceptedTask } from '@/lib/model/task';
import { readMturkPage } from '@/lib/platforms/mturk/mturk';
import { readProlificPage } from '@/lib/platforms/prolific/prolific';
import { documentOf, fixturesOf } from './helpers/fixtures';

const fixture = (name: string) => {
  const f = fixturesOf('mturk').find((x) => x.file.endsWith(name));
  if (!f) throw new Error(`no fixture ${name}`);
  return readMturkPage(f.url, documentOf(f));
};

let db: TrueRateDb;
const T = 1_795_000_000_000;

beforeEach(() => {
  db = createDb(`effects-${crypto.randomUUID()}`);
});

describe('page effects', () => {
  it('a Prolific study page saying "already returned" returns the open task of that study only', async () => {
    const f = fixturesOf('prolific').find((x) => x.file.endsWith('study-error-returned.html'));
    if (!f) throw new Error('no fixture study-error-returned.html');
    const page = readProlificPage(f.url, documentOf(f));
    expect(page).toMatchObject({ kind: 'returned', groupId: '6750b2c4d6e8f0a1b3c5d7e9' });
    const mine = { ...acceptedTask('prolific:aaaaaaaaaaaaaaaaaaaaaaa1', 'prolific', 'aaaaaaaaaaaaaaaaaaaaaaa1', T, 60), groupId: '6750b2c4d6e8f0a1b3c5d7e9' };
    const other = { ...acceptedTask('prolific:aaaaaaaaaaaaaaaaaaaaaaa2', 'prolific', 'aaaaaaaaaaaaaaaaaaaaaaa2', T, 60), groupId: '6750b2c4d6e8f0a1b3c5d7ff' };
    await db.tasks.bulkAdd([mine, other]);
    // The tab showed the other study's task before: that one is not the one returned.
    const effects = await applyPageEffects(db, page, T + 90_000, other.id);
    expect(effects.ended).toEqual([mine.id]);
    expect(await db.tasks.get(mine.id)).toMatchObject({ status: 'returned', endedAt: T + 90_000, wallMs: 90_000 });
    expect((await db.tasks.get(other.id))?.status).toBe('accepted');
  });

  it('keeps what a list page advertises, one offer per HIT group, updated when seen again', async () => {
    const list = fixture('list-projects.html');
    expect(await applyPageEffects(db, list, T, null)).toMatchObject({ offers: 3 });
    await applyPageEffects(db, list, T + 60_000, null);
    const offers = await db.offers.toArray();
    expect(offers).toHaveLength(3);
    expect(offers.find((o) => o.groupId === '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA')).toMatchObject({
      reward: { amountMinor: 35, currency: 'USD' },
      advertisedSeconds: 180,
      advertisedKind: 'estimate',
      firstSeenAt: T,
      lastSeenAt: T + 60_000,
      seenCount: 1,
    });
  });

  it('counts a new sighting only when the offer was last seen more than 10 minutes before', async () => {
    const list = fixture('list-projects.html');
    const id = 'mturk:3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA';
    const seen = async () => (await db.offers.get(id))?.seenCount;
    await applyPageEffects(db, list, T, null);
    expect(await seen()).toBe(1);
    // The same list read again as its DOM changes, every minute for half an hour: one sighting.
    for (let m = 1; m <= 30; m++) await applyPageEffects(db, list, T + m * 60_000, null);
    expect(await seen()).toBe(1);
    // Exactly 10 minutes after the last read is still the same sighting; just over is a new one.
    await applyPageEffects(db, list, T + 40 * 60_000, null);
    expect(await seen()).toBe(1);
    await applyPageEffects(db, list, T + 50 * 60_000 + 1, null);
    expect(await seen()).toBe(2);
    // A clock set back by an hour is no new sighting.
    await applyPageEffects(db, list, T - 10 * 60_000, null);
    expect(await seen()).toBe(2);
    expect((await db.offers.get(id))?.firstSeenAt).toBe(T);
  });

  it('an offer listed twice on one page is one sighting', async () => {
    const list = fixture('list-projects.html');
    const twice = { ...list, offers: [...(list.offers ?? []), ...(list.offers ?? [])] };
    await applyPageEffects(db, twice, T, null);
    expect((await db.offers.toArray()).map((o) => o.seenCount)).toEqual([1, 1, 1]);
  });

  it('writes the states of a status page back to known tasks, and refuses moves back', async () => {
    await db.tasks.bulkAdd([
      acceptedTask('mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', 'mturk', '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', T, 60),
      { ...acceptedTask('mturk:3GN4TB7QW1ZX8RK2MD5CF0HJ9LV6PA', 'mturk', '3GN4TB7QW1ZX8RK2MD5CF0HJ9LV6PA', T, 60), status: 'paid' },
    ]);
    const effects = await applyPageEffects(db, fixture('status-details.html'), T + 3_600_000, null);
    expect(effects.ended).toEqual(['mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P']);
    expect(effects.illegal).toEqual(['mturk:3GN4TB7QW1ZX8RK2MD5CF0HJ9LV6PA: paid -> approved']);
    expect(await db.tasks.get('mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P')).toMatchObject({
      status: 'submitted',
      endedAt: T + 3_600_000,
      wallMs: 3_600_000,
      reward: { amountMinor: 35, currency: 'USD' },
    });
    expect((await db.tasks.get('mturk:3GN4TB7QW1ZX8RK2MD5CF0HJ9LV6PA'))?.status).toBe('paid');
  });

  it('the submit alert ends the task the tab was showing', async () => {
    await db.tasks.add(acceptedTask('mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', 'mturk', '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', T, 60));
    const effects = await applyPageEffects(db, fixture('submitted-alert.html'), T + 90_000, 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    expect(effects.ended).toEqual(['mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P']);
    expect((await db.tasks.get('mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P'))?.status).toBe('submitted');
  });
});

describe('page effects on Prolific', () => {
  it('the completion page ends the tab’s study with its completion code', async () => {
    const f = fixturesOf('prolific').find((x) => x.file.endsWith('/completion.html'));
    if (!f) throw new Error('no completion fixture');
    const { readProlificPage } = await import('@/lib/platforms/prolific/prolific');
    const id = 'prolific:6750aa11bb22cc33dd44ee55';
    await db.tasks.add(acceptedTask(id, 'prolific', '6750aa11bb22cc33dd44ee55', T, 60));
    const effects = await applyPageEffects(db, readProlificPage(f.url, documentOf(f)), T + 600_000, id);
    expect(effects.ended).toEqual([id]);
    expect(await db.tasks.get(id)).toMatchObject({ status: 'submitted', completionCode: 'C1AB2CD3', wallMs: 600_000 });
  });
});
