import type { Worker } from 'playwright-core';

/**
 * Reads the extension's IndexedDB from inside the extension (its service worker), the way the
 * popup would. Written as a string: bundlers rename helpers inside functions passed to evaluate.
 */
const READ_TABLES = `async (tables) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('truerate');
    // Never create the database from a test: if the extension has not made it yet, give up
    // (the caller polls) instead of leaving an empty version 1 behind.
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const out = {};
  for (const table of tables) {
    out[table] = await new Promise((resolve, reject) => {
      const request = db.transaction(table).objectStore(table).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  db.close();
  return out;
}`;

export interface DbSegment {
  taskId: string | null;
  platform: string;
  start: number;
  end: number;
  source: string;
}
export interface DbTask {
  id: string;
  activeMs: number;
  idleThresholdS: number;
  status: string;
  title: string | null;
  requesterName: string | null;
  reward: { amountMinor: number; currency: string } | null;
}
/** The part of the engine's saved state (lib/tracking/state.ts) the tests look at. */
export interface DbTrackerState {
  open: { taskId: string | null; start: number; end: number } | null;
  /** The tabs the engine gives time to (platform pages, linked tabs), by tab id. */
  tabs?: Record<string, { taskId: string | null; visible: boolean }>;
  focusedWindowId?: number | null;
  activeTabByWindow?: Record<string, number>;
}
export interface DbSnapshot {
  tasks: DbTask[];
  segments: DbSegment[];
  tracker: { key: string; state: DbTrackerState }[];
}

/** An expression that any extension context (service worker, extension page) can evaluate. */
export const readTablesExpression = (tables: string[]) => `(${READ_TABLES})(${JSON.stringify(tables)})`;
export const READ_DB = readTablesExpression(['tasks', 'segments', 'tracker']);

export async function readDb(worker: Worker): Promise<DbSnapshot> {
  return (await worker.evaluate(READ_DB)) as DbSnapshot;
}

export async function readTable<T = Record<string, unknown>>(worker: Worker, table: string): Promise<T[]> {
  const all = (await worker.evaluate(`(${READ_TABLES})(${JSON.stringify([table])})`)) as Record<string, T[]>;
  return all[table] ?? [];
}

export async function setSettings(worker: Worker, settings: unknown): Promise<void> {
  await worker.evaluate(`chrome.storage.local.set({ settings: ${JSON.stringify(settings)} })`);
}

/** Active time of a task: closed segments, plus the open one if it is this task's. */
export function activeMsOf(snapshot: DbSnapshot, taskId: string): number {
  const closed = snapshot.segments.filter((s) => s.taskId === taskId).reduce((n, s) => n + s.end - s.start, 0);
  const open = snapshot.tracker[0]?.state.open;
  return closed + (open && open.taskId === taskId ? open.end - open.start : 0);
}

/**
 * What a fault may never leave behind: the task twice, or two segments that overlap (the same
 * stretch written twice). Empty when there is neither.
 */
export function duplicatesIn(snapshot: DbSnapshot, taskId: string): string[] {
  const out: string[] = [];
  const copies = snapshot.tasks.filter((t) => t.id === taskId).length;
  if (copies !== 1) out.push(`${copies} tasks ${taskId}`);
  const spans = snapshot.segments.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const [before, segment] = [spans[i - 1]!, spans[i]!];
    if (segment.start < before.end) out.push(`segment ${segment.start}-${segment.end} overlaps ${before.start}-${before.end}`);
  }
  return out;
}
