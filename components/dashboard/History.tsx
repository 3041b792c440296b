import { useMemo } from 'preact/hooks';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { HistoryRow } from '@/lib/dashboard/history-rows';
import { EMPTY_FILTER, facetCounts, filterRows, sortRows, type HistorySort } from '@/lib/dashboard/history-query';
import { dateRange } from '@/lib/dashboard/period';
import { EmptyState } from './EmptyState';
import { HistoryFilters, type FilterInputs } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { formatCount } from './format-rate';

export const INITIAL_FILTERS: FilterInputs = { filter: EMPTY_FILTER, fromDate: '', toDate: '' };
export const INITIAL_SORT: HistorySort = { key: 'date', direction: 'descending' };

interface Props {
  rows: HistoryRow[];
  filters: FilterInputs;
  onFilters: (next: FilterInputs) => void;
  sort: HistorySort;
  onSort: (next: HistorySort) => void;
  onOpen: (id: string) => void;
  timeZone: string;
  locale: string;
  t: Translate;
  viewportHeight?: number;
  /**
   * The rows are the newest tasks only, shown while the others are read: filters and sorting are
   * off until then, and the count says how far the reading is.
   */
  partial?: { loaded: number; total: number } | null;
}

/** Filters, the count of rows shown, and the virtualised table; state lives in the shell. */
export function History({ rows, filters, onFilters, sort, onSort, onOpen, timeZone, locale, t, viewportHeight, partial = null }: Props) {
  const platforms = useMemo(() => [...facetCounts(rows, (r) => r.task.platform).keys()].sort(), [rows]);
  const requesters = useMemo(() => {
    const labels = new Map<string, string>();
    for (const row of rows) {
      if (row.requester && !labels.has(row.requester)) {
        labels.set(row.requester, row.task.requesterName ?? row.task.requesterId ?? row.requester);
      }
    }
    const collator = new Intl.Collator(locale, { sensitivity: 'base' });
    return [...labels.entries()].map(([key, label]) => ({ key, label })).sort((a, b) => collator.compare(a.label, b.label));
  }, [rows, locale]);
  const { from, to } = dateRange(filters.fromDate, filters.toDate, timeZone);
  const filter = useMemo(() => ({ ...filters.filter, from, to }), [filters.filter, from, to]);
  const filtered = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const shown = useMemo(() => sortRows(filtered, sort, locale), [filtered, sort, locale]);

  if (rows.length === 0) return <EmptyState title={t('dash_empty_title')} body={t('dash_empty_body')} />;
  return (
    <div class="history">
      <fieldset class="history-filters-box" disabled={partial !== null}>
        <HistoryFilters value={filters} onChange={onFilters} platforms={platforms} requesters={requesters} t={t} />
      </fieldset>
      <div class="history-count-row">
        {partial ? (
          <p class="history-count" role="status" aria-live="polite" data-partial="true">
            {plural(t, locale, 'dash_count_partial', partial.total, [formatCount(rows.length, locale), formatCount(partial.total, locale), formatCount(partial.loaded, locale)])}
            {partial.total > 0 ? <progress max={partial.total} value={partial.loaded} /> : null}
          </p>
        ) : (
          <p class="history-count" role="status" aria-live="polite">
            {/* "3 of 10 tasks": the noun follows the total, so the total picks the form. */}
            {plural(t, locale, 'dash_count', rows.length, [formatCount(shown.length, locale), formatCount(rows.length, locale)])}
          </p>
        )}
        {filters !== INITIAL_FILTERS ? (
          <button type="button" class="link-button" onClick={() => onFilters(INITIAL_FILTERS)}>
            {t('dash_clear_filters')}
          </button>
        ) : null}
      </div>
      {shown.length === 0 ? (
        <EmptyState title={t('dash_no_match_title')} body={t('dash_no_match_body')} />
      ) : (
        <HistoryTable
          rows={shown}
          sort={sort}
          onSort={onSort}
          onOpen={onOpen}
          locale={locale}
          t={t}
          viewportHeight={viewportHeight}
          resetKey={JSON.stringify([filter, sort])}
        />
      )}
    </div>
  );
}
