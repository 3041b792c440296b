/**
 * Badge figures for `npm run bench`: what the background does for one `offers/badges` message with
 * 100,000 tasks stored (fake-indexeddb in Node, so a figure for the code's own cost, not for a
 * browser's IndexedDB): historyForOffers alone, then with every offer's badge computed, for a page
 * of 20 and of 100 offers. Median of 5 runs, after one warm-up.
 */
import 'fake-indexeddb/auto';
import { offerBadge } from '../lib/badges/offer-badge';
import { createDb } from '../lib/db/database';
import { historyForOffers } from '../lib/db/offer-history';
import { forgetDays } from '../lib/ledger/day-writes';
import { taskTables } from '../lib/ledger/tables';
import { addTasks, putTask } from '../lib/ledger/task-writes';
import { makeTranslator, type Messages } from '../lib/i18n/translate';
import type { OfferRecord, TaskRecord } from '../lib/model/records';
import { DEFAULT_SETTINGS } from '../lib/settings';
import en from '../public/_locales/en/messages.json';
import { benchTasks } from './bench-rates';
import type { Figure } from './bench-tracking';

async function medianMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[runs >> 1]!;
}

export async function benchOffers(): Promise<Figure[]> {
  const db = createDb(`bench-offers-${Date.now()}`);
  const tasks = benchTasks(100_000);
  // Through the ledger, which writes each group's and requester's facts with the tasks.
  for (let i = 0; i < tasks.length; i += 5000) await db.transaction('rw', taskTables(db), () => addTasks(db, tasks.slice(i, i + 5000)));
  // benchTasks puts group G<g> on platform g mod 8, so multiples of 8 are MTurk's: ids that belong
  // to one platform, as real group ids do. Each has 20 tasks; each requester 50.
  const mturk = tasks.filter((t) => t.platform === 'mturk');
  const groups = [...new Set(mturk.map((t) => t.groupId!))].slice(0, 100);
  const offers: OfferRecord[] = groups.map((groupId) => {
    const sample = mturk.find((t) => t.groupId === groupId)!;
    return {
      id: `mturk:${groupId}`,
      platform: 'mturk',
      groupId,
      requesterId: sample.requesterId,
      requesterName: sample.requesterName,
      title: sample.title,
      reward: sample.reward,
      advertisedSeconds: 300,
      advertisedKind: 'estimate',
      firstSeenAt: 0,
      lastSeenAt: 0,
      seenCount: 3,
    };
  });
  await db.offers.bulkAdd(offers);
  const t = makeTranslator(en as Messages);
  const settings = { ...DEFAULT_SETTINGS, minHourlyMinor: { USD: 1200, GBP: 1000, EUR: 1100 } };

  const rows: Figure[] = [];
  for (const n of [20, 100]) {
    const page = groups.slice(0, n).map((groupId) => ({ groupId }));
    const read = await medianMs(() => historyForOffers(db, 'mturk', page), 5);
    let read0 = 0;
    const whole = await medianMs(async () => {
      const history = await historyForOffers(db, 'mturk', page);
      read0 = [...history.groupTasks.values(), ...history.requesterTasks.values()].reduce((sum, list) => sum + list.length, 0);
      return page.map(({ groupId }) => {
        const offer = history.offers.get(groupId)!;
        const requesterId = history.requesterOf.get(groupId) ?? null;
        return offerBadge({ ...offer, requesterId }, history.groupTasks.get(groupId) ?? [], requesterId ? (history.requesterTasks.get(requesterId) ?? []) : [], settings, t, 'en-US', { platform: 'mturk' });
      });
    }, 5);
    rows.push({ what: `badges: historyForOffers, ${n} offers, 100,000 tasks stored (fake-indexeddb, median of 5; ${read0} task facts read)`, value: `${read.toFixed(0)} ms` });
    rows.push({ what: `badges: historyForOffers + ${n} badges, 100,000 tasks stored (fake-indexeddb, median of 5)`, value: `${whole.toFixed(0)} ms` });
  }
  // What keeping the scopes costs a write: one task of the busiest requester changes status
  // (its group's and its requester's facts rewritten), against the same write of a task alone.
  const counts = new Map<string, number>();
  for (const t of tasks) if (t.requesterId) counts.set(t.requesterId, (counts.get(t.requesterId) ?? 0) + 1);
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const victim = tasks.find((t) => t.requesterId === busiest[0])!;
  let flips = 0;
  const status = (): TaskRecord['status'] => (++flips % 2 === 1 ? 'rejected' : 'approved');
  const write = () => db.transaction('rw', taskTables(db), () => putTask(db, { ...victim, status: status() }));
  const withBoth = await medianMs(write, 21);
  // With the day totals unbuilt, the task writer keeps the scopes alone (lib/ledger/day-writes.ts).
  await forgetDays(db);
  const withScopes = await medianMs(write, 21);
  const alone = await medianMs(() => db.transaction('rw', db.tasks, () => db.tasks.put({ ...victim, status: status() })), 21);
  rows.push({
    what: `ledger: a task's write with its scopes and day totals / with its scopes / alone (its requester has ${busiest[1].toLocaleString('en')} tasks; fake-indexeddb, median of 21)`,
    value: `${withBoth.toFixed(1)} / ${withScopes.toFixed(1)} / ${alone.toFixed(1)} ms`,
  });
  db.close();
  return rows;
}

// `npx tsx scripts/bench-offers.ts` prints these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  void benchOffers().then((rows) => {
    for (const row of rows) console.log(`${row.what} | ${row.value} | ${row.goal ?? ''}`);
  });
}
