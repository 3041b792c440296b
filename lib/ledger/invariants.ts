import type { TrueRateDb } from '../db/database';
import { readTracker } from '../db/tracker-state';
import { countedMs } from './segments';

/**
 * Every invariant the ledger keeps (docs/architecture.md#the-ledger), checked over the whole
 * database: a list of what is wrong, empty when all hold. For tests and for a worker's report;
 * it reads everything, so it is never on a hot path.
 */
export async function ledgerProblems(db: TrueRateDb): Promise<string[]> {
  return db.transaction('r', [db.tasks, db.segments, db.tracker], async () => {
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
    for (const task of await db.tasks.toArray()) {
      const ms = countedMs(byTask.get(task.id) ?? []);
      if (task.activeMs !== ms) problems.push(`task ${task.id}: activeMs ${task.activeMs}, its counted segments ${ms}`);
    }
    const tracker = await readTracker(db);
    if (!tracker.ok) problems.push(`tracker state: ${tracker.problem}`);
    return problems;
  });
}
