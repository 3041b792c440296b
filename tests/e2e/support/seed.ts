import { startOfDay } from '../../../lib/dashboard/period';
/**
 * Seeds the extension's own IndexedDB with a worker's history, generated inside the browser (so
 * 100,000 tasks never cross the debugging protocol). Deterministic: the same count and `now` give
 * the same records. Records follow lib/model/records.ts; the seeding opens the
 * database without a version, so the extension must create it (open any extension page): it
 * waits up to 10 s for that.
 * Written as a string: bundlers rename helpers inside functions passed to evaluate.
 */
const SEED = `async ({ count, now, days, segments: withSegments = true, mturkGroups = null, groupEvery = 1 }) => {
  let x = 123456789;
  const rand = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return ((x >>> 0) % 1000000) / 1000000; };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const platforms = [
    { id: 'mturk', currency: 'USD', requesters: [['A2P2MT8IK72CVZ', 'Receipt Research Lab'], ['A1XQ9Z7K3PLM0B', 'Image "Tagging" & Co'], ['A3KD8F7H6G5J4L', '画像ラベル研究室'], ['A9ZZ1Y2X3W4V5U', 'Survey Panel Inc.']] },
    { id: 'prolific', currency: 'GBP', requesters: [[null, 'Dr Ada Example'], [null, 'Université de Lyon — Psychologie'], [null, 'Behavioural Lab UCL']] },
    { id: 'raterhub', currency: 'USD', requesters: [[null, 'Google RaterHub']] },
    { id: 'toloka', currency: 'USD', requesters: [[null, 'Toloka Search Relevance']] },
  ];
  const titles = ['Transcribe a shopping receipt (~3 min)', 'Label objects in 10 street photos', 'Rate search results for a query', 'Short survey about shopping habits (10 minutes)', 'Classify tweets by sentiment', 'Verify business addresses', 'Écrire une courte description d’image'];
  const statuses = ['approved', 'approved', 'approved', 'paid', 'paid', 'submitted', 'submitted', 'rejected', 'returned', 'timed-out', 'screened-out', 'accepted'];
  const tasks = [];
  const segments = [];
  const span = days * 86400000;
  for (let i = 0; i < count; i++) {
    // With mturkGroups, every groupEvery-th task is one of those MTurk groups (a list's offers, for badges).
    const group = mturkGroups && i % groupEvery === 0 ? mturkGroups[(i / groupEvery) % mturkGroups.length] : null;
    const p = group ? platforms[0] : pick(platforms);
    const [requesterId, requesterName] = group ? [group.requesterId, group.requesterName] : pick(p.requesters);
    const acceptedAt = Math.floor(now - span + (span * (i + 0.5)) / count);
    const advertised = pick([60, 120, 180, 300, 600, 900, null]);
    const ratio = 0.4 + rand() * 2.2;
    const activeMs = Math.max(5000, Math.round((advertised ?? 240) * 1000 * ratio));
    const status = i === count - 1 ? 'accepted' : pick(statuses);
    const ended = status !== 'accepted';
    const reward = p.id === 'raterhub' ? null : { amountMinor: pick([1, 5, 10, 25, 35, 50, 75, 100, 150, 200, 300]), currency: p.currency };
    const id = p.id + ':SEED' + String(i).padStart(8, '0');
    const parts = activeMs > 120000 ? 2 : 1;
    let at = acceptedAt + 2000;
    for (let k = 0; k < parts; k++) {
      const ms = Math.round(activeMs / parts);
      if (withSegments) segments.push({ taskId: id, platform: p.id, start: at, end: at + ms, source: 'measured', excluded: false });
      at += ms + 20000;
    }
    // Time on the platform between tasks: searching and previewing, unpaid.
    if (withSegments) segments.push({ taskId: null, platform: p.id, start: acceptedAt - 45000, end: acceptedAt - 3000, source: 'measured', excluded: false });
    tasks.push({
      id, platform: p.id, externalId: 'SEED' + String(i).padStart(8, '0'), groupId: group ? group.groupId : 'G' + (i % 97), requesterId, requesterName,
      title: pick(titles), reward, advertisedSeconds: advertised, advertisedKind: advertised === null ? null : (p.id === 'raterhub' ? 'aet' : 'estimate'),
      allottedSeconds: p.id === 'mturk' ? 3600 : null, status, acceptedAt, endedAt: ended ? at : null, activeMs, wallMs: ended ? at - acceptedAt : 0,
      idleThresholdS: 60, flags: [], completionCode: null, bonuses: i % 53 === 0 && reward ? [{ amountMinor: 25, currency: p.currency, source: 'manual', at: at + 1000 }] : [],
      updatedAt: at,
    });
  }
  // Never create the database: if the extension has not made it yet (an extension page shows
  // before its first open has finished on a busy machine), leave it absent and look again.
  const openMade = () => new Promise((resolve, reject) => {
    const request = indexedDB.open('truerate');
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (request.error && request.error.name === 'AbortError' ? resolve(null) : reject(request.error));
  });
  const deadline = Date.now() + 10000;
  let db;
  while (!(db = await openMade())) {
    if (Date.now() > deadline) throw new Error('the extension did not create its database within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['tasks', 'segments', 'scopes', 'days'], 'readwrite');
    const t = tx.objectStore('tasks');
    const s = tx.objectStore('segments');
    for (const task of tasks) t.put(task);
    for (const seg of segments) s.add(seg);
    // Tasks written past the ledger: its per-scope copies are out of date, and it rebuilds them
    // when this mark is gone (lib/ledger/task-writes.ts, ensureScopes).
    tx.objectStore('scopes').delete('\\u0000built');
    // The same for the day totals (lib/ledger/day-writes.ts, ensureDays): until they are built
    // again, the popup reads today's rows and the dashboard builds them when it opens.
    tx.objectStore('days').delete('\\u0000built');
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  db.close();
  return { tasks: tasks.length, segments: segments.length };
}`;

export interface SeedOptions {
  count: number;
  /** The history ends here (ms since the epoch); the last task is still open. */
  now: number;
  /** Spread over this many days before `now`. */
  days: number;
  /**
   * Write the tasks' segments and the overhead between them (default). Off for the 100,000-task
   * runs: IndexedDB takes minutes for 300,000 more rows on a 2-core machine, and the pages under
   * test read tasks, not segments, except for a day or a chosen range.
   */
  segments?: boolean;
  /** Make every task one of these MTurk groups (the offers of a list, for badges). */
  mturkGroups?: { groupId: string; requesterId: string; requesterName: string }[];
  /** Only every groupEvery-th task is one of mturkGroups, the others as without it (default 1). */
  groupEvery?: number;
}

/** An expression any extension page can evaluate; it resolves to the counts written. */
export const seedExpression = (options: SeedOptions) => `(${SEED})(${JSON.stringify(options)})`;

/**
 * A `now` for a seed whose newest tasks must fall today: the real time, or six hours past local
 * midnight when the day has only just begun (run just after midnight, a seed spread back from the
 * real time has no task today, and "today" would show nothing to compare).
 */
export function seedNowWithToday(timeZone: string, now: number = Date.now()): number {
  return Math.max(now, startOfDay(now, timeZone) + 6 * 3_600_000);
}
