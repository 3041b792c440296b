import type { TrueRateDb } from '../db/database';
import type { Totals } from '../rates/bucket';
import { applyDayChanges, DAYS_BUILT_KEY, dayKeysOf, isDaysBuilt, rebuildDays, type DayChange, type DayRecord, type DaysBuilt } from './day-totals';

/**
 * The day totals' one writer (lib/ledger/day-totals.ts). Called inside the ledger's transaction
 * (ledgerTables includes db.days) by the task writer and by the writer of overhead segments, so a
 * day's sums and its records change together or not at all. When the days are not built (a new or
 * upgraded database, a restore), nothing is kept up: ensureDays builds them whole.
 */
export async function updateDays(db: TrueRateDb, changes: readonly DayChange[]): Promise<void> {
  if (changes.length === 0) return;
  const built = await db.days.get(DAYS_BUILT_KEY);
  if (!isDaysBuilt(built)) return;
  const keys = dayKeysOf(changes, built.zone);
  const records = await db.days.bulkGet(keys);
  const stored = new Map<string, Totals>();
  for (const record of records) if (record && !isDaysBuilt(record)) stored.set(record.day, record.totals);
  const next = applyDayChanges(stored, changes, built.zone);
  const put: DayRecord[] = [];
  const gone: string[] = [];
  for (const [day, totals] of next) {
    if (totals === null) gone.push(day);
    else put.push({ day, totals });
  }
  if (put.length > 0) await db.days.bulkPut(put);
  if (gone.length > 0) await db.days.bulkDelete(gone);
}

/** Marks the days as not built (after a restore, which writes records around the ledger's path). */
export async function forgetDays(db: TrueRateDb): Promise<void> {
  await db.days.clear();
}

let building: Promise<void> | null = null;

/**
 * Builds the days from the tasks and overhead segments, in one transaction, when they are not
 * built or are dated in another zone than `timeZone` (the worker travelled, or changed the
 * computer's zone): a day is local, so the same tasks give other days. The tasks are the truth; the
 * days can always be made again from them.
 */
export async function ensureDays(db: TrueRateDb, timeZone: string): Promise<void> {
  const current = async () => {
    const built = await db.days.get(DAYS_BUILT_KEY);
    return isDaysBuilt(built) && built.zone === timeZone;
  };
  if (await current()) return;
  building ??= db
    .transaction('rw', [db.tasks, db.segments, db.days], async () => {
      if (await current()) return;
      const tasks = await db.tasks.toArray();
      // Overhead has no taskId, which IndexedDB leaves out of the taskId index: read them all.
      const overhead = await db.segments.filter((s) => s.taskId === null).toArray();
      await db.days.clear();
      const built: DaysBuilt = { day: DAYS_BUILT_KEY, zone: timeZone };
      await db.days.bulkPut([built, ...rebuildDays(tasks, overhead, timeZone)]);
    })
    .finally(() => {
      building = null;
    });
  await building;
}
