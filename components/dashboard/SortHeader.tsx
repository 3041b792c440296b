import type { SortDirection } from '@/lib/dashboard/history-query';

export interface Sort<K extends string> {
  key: K;
  direction: SortDirection;
}

export interface SortColumn<K extends string> {
  key: K;
  label: string;
  numeric?: boolean;
  /** The direction a first press sorts in (numbers: largest first; names: A to Z). */
  first: SortDirection;
}

/** The sort after pressing a column: the same column flips, another starts in its own direction. */
export function nextSort<K extends string>(sort: Sort<K>, column: SortColumn<K>): Sort<K> {
  if (sort.key !== column.key) return { key: column.key, direction: column.first };
  return { key: column.key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** A column header of the history and requesters tables: a button, with aria-sort on the cell. */
export function SortHeader<K extends string>({ column, sort, onSort }: { column: SortColumn<K>; sort: Sort<K>; onSort: (next: Sort<K>) => void }) {
  const active = sort.key === column.key;
  return (
    <th scope="col" class={column.numeric ? 'num' : ''} aria-sort={active ? sort.direction : 'none'}>
      <button type="button" class="sort-button" data-sort={column.key} onClick={() => onSort(nextSort(sort, column))}>
        {column.label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
