import type { TaskRecord } from '../model/records';
import type { TaskRates } from '../rates/types';
import type { Settings } from '../settings';
import { foldText } from './text-search';

/** One task as the history shows it: its record, its rates (computed once) and its search text. */
export interface HistoryRow {
  task: TaskRecord;
  rates: TaskRates;
  /**
   * Title, requester name and id, task ids, folded for search: built on the first search (see
   * haystackOf), not while 100,000 tasks load.
   */
  haystack: string | null;
  /** Requester key: id where the platform gives one, else the name; null when neither is known. */
  requester: string | null;
}

export type RatesOf = (task: TaskRecord, settings: Settings) => TaskRates;

interface Cached {
  updatedAt: number;
  settings: Settings;
  row: HistoryRow;
}

/**
 * Rates of each task computed once and kept while the task is unchanged (same updatedAt) and the
 * settings object is the same one, so re-opening a tab or re-filtering costs no rate math.
 */
export function createRowCache(ratesOf: RatesOf) {
  const cache = new Map<string, Cached>();
  const rowOf = (task: TaskRecord, settings: Settings): HistoryRow => {
    const hit = cache.get(task.id);
    if (hit && hit.updatedAt === task.updatedAt && hit.settings === settings) return hit.row;
    const row: HistoryRow = {
      task,
      rates: ratesOf(task, settings),
      haystack: null,
      requester: requesterKey(task),
    };
    cache.set(task.id, { updatedAt: task.updatedAt, settings, row });
    return row;
  };
  return {
    rowOf,
    rows(tasks: readonly TaskRecord[], settings: Settings): HistoryRow[] {
      return tasks.map((task) => rowOf(task, settings));
    },
    forget(id: string) {
      cache.delete(id);
    },
    get size() {
      return cache.size;
    },
  };
}
export type RowCache = ReturnType<typeof createRowCache>;

export function haystackOf(row: HistoryRow): string {
  if (row.haystack === null) {
    const task = row.task;
    row.haystack = foldText(`${task.title ?? ''}\n${task.requesterName ?? ''}\n${task.requesterId ?? ''}\n${task.id}`);
  }
  return row.haystack;
}

export function requesterKey(task: Pick<TaskRecord, 'platform' | 'requesterId' | 'requesterName'>): string | null {
  if (task.requesterId) return `${task.platform}:${task.requesterId}`;
  if (task.requesterName) return `${task.platform}:name:${task.requesterName}`;
  return null;
}
