import type { TrueRateDb } from './database';
import { isDaysBuilt, type DayRecord } from '../ledger/day-totals';
import { ensureDays } from '../ledger/day-writes';
import type { TaskRecord } from '../model/records';

export interface LoadProgress {
  loaded: number;
  total: number;
}

/** Tasks per read: big enough to keep IndexedDB round trips few, small enough to report progress. */
export const TASK_CHUNK = 5000;

/**
 * Every task, read in primary-key ranges of `chunk` (no offset: each range starts after the last key
 * read, so the cost stays linear at 100,000 tasks and the page is not frozen by one huge read).
 * Tasks come back newest accepted first.
 */
export async function loadAllTasks(
  db: TrueRateDb,
  opts: { chunk?: number; onProgress?: (progress: LoadProgress) => void } = {},
): Promise<TaskRecord[]> {
  const chunk = opts.chunk ?? TASK_CHUNK;
  const total = await db.tasks.count();
  const tasks: TaskRecord[] = [];
  let last: string | null = null;
  opts.onProgress?.({ loaded: 0, total });
  for (;;) {
    const page: TaskRecord[] =
      last === null
        ? await db.tasks.orderBy(':id').limit(chunk).toArray()
        : await db.tasks.where(':id').above(last).limit(chunk).toArray();
    for (const task of page) tasks.push(task);
    const lastTask = page[page.length - 1];
    // Tasks written while reading may make the count grow; the total shown never goes below loaded.
    opts.onProgress?.({ loaded: tasks.length, total: Math.max(total, tasks.length) });
    if (page.length < chunk || !lastTask) break;
    last = lastTask.id;
  }
  tasks.sort((a, b) => b.acceptedAt - a.acceptedAt);
  return tasks;
}

/** How many of the newest tasks the dashboard shows while it reads the rest. */
export const FIRST_TASKS = 200;

/**
 * The newest accepted tasks, through the acceptedAt index: what the history shows first, in a few
 * milliseconds, while every task is read (about a second per 100,000 tasks, mostly the browser
 * copying each record out of IndexedDB).
 */
export async function loadNewestTasks(db: TrueRateDb, n: number = FIRST_TASKS): Promise<TaskRecord[]> {
  return db.tasks.orderBy('acceptedAt').reverse().limit(n).toArray();
}

/**
 * Every local day's sums the ledger keeps (lib/ledger/day-totals.ts), oldest first: the overview's
 * cards and charts read these few hundred records, not 100,000 tasks. Built first when they are
 * not, or are dated in another zone than the dashboard's.
 */
export async function loadDays(db: TrueRateDb, timeZone: string): Promise<DayRecord[]> {
  await ensureDays(db, timeZone);
  const records = await db.days.orderBy('day').toArray();
  return records.filter((r): r is DayRecord => !isDaysBuilt(r));
}

/** One task read again after the detail view changed it; null once it is deleted. */
export async function reloadTask(db: TrueRateDb, id: string): Promise<TaskRecord | null> {
  return (await db.tasks.get(id)) ?? null;
}

/** The list with one task replaced, added or (null) removed, keeping newest-accepted-first order. */
export function replaceTask(tasks: readonly TaskRecord[], id: string, next: TaskRecord | null): TaskRecord[] {
  const rest = tasks.filter((task) => task.id !== id);
  if (next === null) return rest;
  const at = rest.findIndex((task) => task.acceptedAt < next.acceptedAt);
  if (at === -1) return [...rest, next];
  return [...rest.slice(0, at), next, ...rest.slice(at)];
}

/**
 * A cheap fingerprint of the tasks table (count and last write), so the dashboard re-reads 100,000
 * tasks only when something changed while it was in the background.
 */
export async function tasksStamp(db: TrueRateDb): Promise<string> {
  const [count, last] = await Promise.all([db.tasks.count(), db.tasks.orderBy('updatedAt').last()]);
  return `${count}:${last?.updatedAt ?? 0}`;
}
