import type { TaskStatus } from '../db/records';
import type { TaskFlag } from '../rates/types';
import type { HistoryRow } from './history-rows';
import { matchesWords, queryWords } from './text-search';

export interface HistoryFilter {
  platform: string | null;
  /** A requester key (see requesterKey). */
  requester: string | null;
  status: TaskStatus | null;
  flag: TaskFlag | null;
  /** Accepted at or after (epoch ms, inclusive). */
  from: number | null;
  /** Accepted before (epoch ms, exclusive). */
  to: number | null;
  query: string;
}

export const EMPTY_FILTER: HistoryFilter = {
  platform: null,
  requester: null,
  status: null,
  flag: null,
  from: null,
  to: null,
  query: '',
};

export function filterRows(rows: readonly HistoryRow[], filter: HistoryFilter): HistoryRow[] {
  const words = queryWords(filter.query);
  const { platform, requester, status, flag, from, to } = filter;
  return rows.filter((row) => {
    const task = row.task;
    if (platform !== null && task.platform !== platform) return false;
    if (requester !== null && row.requester !== requester) return false;
    if (status !== null && task.status !== status) return false;
    if (flag !== null && !row.rates.flags.includes(flag)) return false;
    if (from !== null && task.acceptedAt < from) return false;
    if (to !== null && task.acceptedAt >= to) return false;
    return words.length === 0 || matchesWords(row.haystack, words);
  });
}

export const SORT_KEYS = [
  'date',
  'platform',
  'title',
  'requester',
  'reward',
  'advertised',
  'active',
  'trueRate',
  'status',
  'flags',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface HistorySort {
  key: SortKey;
  direction: SortDirection;
}

type Key = number | string | null;

/**
 * A sortable value per row. Money and rates sort by currency first, then amount: amounts in two
 * currencies are not comparable, so they are kept apart instead of interleaved.
 */
function keyOf(row: HistoryRow, key: SortKey): Key | [string, number] {
  const task = row.task;
  switch (key) {
    case 'date':
      return task.acceptedAt;
    case 'platform':
      return task.platform;
    case 'title':
      return task.title;
    case 'requester':
      return task.requesterName ?? task.requesterId;
    case 'reward':
      return task.reward ? [task.reward.currency, task.reward.amountMinor] : null;
    case 'advertised':
      return task.advertisedSeconds;
    case 'active':
      return row.rates.countedMs;
    case 'trueRate':
      return row.rates.trueRate ? [row.rates.trueRate.currency, row.rates.trueRate.minorPerHour] : null;
    case 'status':
      return task.status;
    case 'flags':
      return row.rates.flags.length;
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareKeys(a: Key | [string, number], b: Key | [string, number]): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const byCurrency = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
    return byCurrency !== 0 ? byCurrency : a[1] - b[1];
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Sorted copy. Unknown values (no reward, no advertised time, no rate) go last in both directions,
 * so "highest true rate first" does not open on a page of blanks. Ties keep the newest task first.
 */
export function sortRows(rows: readonly HistoryRow[], sort: HistorySort, collatorLocale?: string): HistoryRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = collatorLocale ? new Intl.Collator(collatorLocale, { sensitivity: 'base', numeric: true }).compare : null;
  // Keys computed once (decorate-sort-undecorate): 100,000 rows sort in well under a second.
  const decorated = rows.map((row) => ({ row, key: keyOf(row, sort.key) }));
  decorated.sort((a, b) => {
    const aNull = a.key === null;
    const bNull = b.key === null;
    if (aNull || bNull) {
      if (aNull && bNull) return b.row.task.acceptedAt - a.row.task.acceptedAt;
      return aNull ? 1 : -1;
    }
    const primary =
      compare && typeof a.key === 'string' && typeof b.key === 'string'
        ? compare(a.key, b.key)
        : compareKeys(a.key, b.key);
    return primary !== 0 ? sign * primary : b.row.task.acceptedAt - a.row.task.acceptedAt;
  });
  return decorated.map((d) => d.row);
}

/** Distinct values present in the rows, for the filter menus, with how many rows have each. */
export function facetCounts<T extends string>(rows: readonly HistoryRow[], pick: (row: HistoryRow) => T | null): Map<T, number> {
  const counts = new Map<T, number>();
  for (const row of rows) {
    const value = pick(row);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}
