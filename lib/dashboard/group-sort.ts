import type { GroupStats } from '../rates/types';
import type { SortDirection } from './history-query';

export const GROUP_SORT_KEYS = ['name', 'n', 'trueRate', 'ratio', 'flags'] as const;
export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];
export interface GroupSort {
  key: GroupSortKey;
  direction: SortDirection;
}

function keyOf(stats: GroupStats, key: GroupSortKey): string | number | [string, number] | null {
  switch (key) {
    case 'name':
      return stats.label ?? stats.key;
    case 'n':
      return stats.n;
    case 'trueRate':
      return stats.medianTrueRate ? [stats.medianTrueRate.currency, stats.medianTrueRate.minorPerHour] : null;
    case 'ratio':
      return stats.ratio?.median ?? null;
    case 'flags':
      return stats.flags.length;
  }
}

/**
 * Sorted copy; unknown values last in both directions, ties by more tasks first (a median over
 * more tasks says more). Rates sort by currency first: two currencies are not comparable.
 */
export function sortGroups(groups: readonly GroupStats[], sort: GroupSort, locale?: string): GroupStats[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const decorated = groups.map((g) => ({ g, k: keyOf(g, sort.key) }));
  decorated.sort((a, b) => {
    if (a.k === null || b.k === null) {
      if (a.k === null && b.k === null) return b.g.n - a.g.n;
      return a.k === null ? 1 : -1;
    }
    let primary: number;
    if (Array.isArray(a.k) && Array.isArray(b.k)) {
      primary = a.k[0] < b.k[0] ? -1 : a.k[0] > b.k[0] ? 1 : a.k[1] - b.k[1];
    } else if (typeof a.k === 'number' && typeof b.k === 'number') {
      primary = a.k - b.k;
    } else {
      primary = collator.compare(String(a.k), String(b.k));
    }
    return primary !== 0 ? sign * primary : b.g.n - a.g.n;
  });
  return decorated.map((d) => d.g);
}
