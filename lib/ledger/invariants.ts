import type { TrueRateDb } from '../db/database';
import { readTracker } from '../db/tracker-state';
import { isDaysBuilt, rebuildDays } from './day-totals';
import { rebuildScopes, SCOPES_BUILT } from './scope-facts';
import { countedMs } from './segments';

/**
 * Every invariant the ledger keeps (docs/architecture.md#the-ledger), checked over the whole
 * database: a list of what is wrong, empty when all hold. For tests and for a worker's report;
 * it reads everything, so it is never on a hot path.
 */
export async function ledgerProblems(db: TrueRateDb): Promise<string[]> {
  return db.transaction('r', [db.tasks, db.segments, db.tracker, db.scopes, db.days], async () => {
    const problems: string[] = [];
    const segments = await db.segments.orderBy('start').toArray();
    const byTask = new Map<string, typeof segments>();
    for (const s of segments) {
      if (s.end < s.start) problems.push(`segment ${s.id} ends before it starts`);
      if (s.taskId !== null) byTask.set(s.taskId, [...(byTask.get(s.taskId) ?? []), s]);
    }
    let last: (typeof segments)[number] | undefined;
    for (const s of segments) {
      if (s.end <= s.start) continue;
      if (last && s.start < last.end) problems.push(`segments ${last.id} and ${s.id} overlap`);
      if (!last || s.end > last.end) last = s;
    }
    const tasks = await db.tasks.toArray();
    for (const task of tasks) {
      const ms = countedMs(byTask.get(task.id) ?? []);
      if (task.activeMs !== ms) problems.push(`task ${task.id}: activeMs ${task.activeMs}, its counted segments ${ms}`);
    }
    // The scopes are the tasks' slim copies: once built, exactly what the tasks give.
    const scopes = await db.scopes.toArray();
    if (scopes.some((r) => r.key === SCOPES_BUILT.key)) {
      const want = new Map(rebuildScopes(tasks).map((r) => [r.key, r.facts]));
      const have = new Map(scopes.map((r) => [r.key, r.facts]));
      for (const [key, facts] of want) if (have.get(key) !== facts) problems.push(`scope ${key.split('\u0000').join('/')}: not what its tasks give`);
      for (const key of have.keys()) if (!want.has(key)) problems.push(`scope ${key.split('\u0000').join('/')}: no task of it left`);
    }
    // The days are the tasks' and overhead's sums: once built, exactly what they give in their zone.
    const days = await db.days.toArray();
    const built = days.find(isDaysBuilt);
    if (built) {
      const want = new Map(rebuildDays(tasks, segments, built.zone).map((r) => [r.day, JSON.stringify(r.totals)]));
      const have = new Map(days.flatMap((r) => (isDaysBuilt(r) ? [] : [[r.day, JSON.stringify(r.totals)] as const])));
      for (const [day, totals] of want) if (have.get(day) !== totals) problems.push(`day ${day}: not what its tasks and overhead give`);
      for (const day of have.keys()) if (!want.has(day)) problems.push(`day ${day}: nothing of it left`);
    }
    const tracker = await readTracker(db);
    if (!tracker.ok) problems.push(`tracker state: ${tracker.problem}`);
    return problems;
  });
}
