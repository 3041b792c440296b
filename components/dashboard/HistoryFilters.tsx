import type { Translate } from '@/lib/i18n/translate';
import type { HistoryFilter } from '@/lib/dashboard/history-query';
import { TASK_STATUSES, type TaskStatus } from '@/lib/model/records';
import { TASK_FLAGS, type TaskFlag } from '@/lib/rates/types';
import { FLAG_KEYS } from './FlagBadges';

export interface FilterInputs {
  filter: HistoryFilter;
  /** The date inputs as typed ("YYYY-MM-DD" or ""), turned into filter.from/to by the parent. */
  fromDate: string;
  toDate: string;
}

interface Props {
  value: FilterInputs;
  onChange: (next: FilterInputs) => void;
  platforms: string[];
  /** Requester keys with their display names, sorted by name. */
  requesters: { key: string; label: string }[];
  t: Translate;
}

const selectValue = (e: Event) => (e.currentTarget as HTMLSelectElement).value || null;

export function HistoryFilters({ value, onChange, platforms, requesters, t }: Props) {
  const { filter } = value;
  const set = (patch: Partial<HistoryFilter>) => onChange({ ...value, filter: { ...filter, ...patch } });
  return (
    <form class="filters" role="search" aria-label={t('dash_filters')} onSubmit={(e) => e.preventDefault()}>
      <label class="field field-search">
        {t('dash_search')}
        <input
          type="search"
          value={filter.query}
          placeholder={t('dash_search_placeholder')}
          onInput={(e) => set({ query: (e.currentTarget as HTMLInputElement).value })}
        />
      </label>
      <label class="field">
        {t('dash_col_platform')}
        <select value={filter.platform ?? ''} onChange={(e) => set({ platform: selectValue(e) })}>
          <option value="">{t('dash_any')}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {t(`platform_${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('dash_col_requester')}
        <select value={filter.requester ?? ''} onChange={(e) => set({ requester: selectValue(e) })}>
          <option value="">{t('dash_any')}</option>
          {requesters.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('dash_col_status')}
        <select value={filter.status ?? ''} onChange={(e) => set({ status: selectValue(e) as TaskStatus | null })}>
          <option value="">{t('dash_any')}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s.replace('-', '_')}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('dash_col_flags')}
        <select value={filter.flag ?? ''} onChange={(e) => set({ flag: selectValue(e) as TaskFlag | null })}>
          <option value="">{t('dash_any')}</option>
          {TASK_FLAGS.map((f) => (
            <option key={f} value={f}>
              {t(FLAG_KEYS[f])}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('dash_from')}
        <input type="date" value={value.fromDate} onChange={(e) => onChange({ ...value, fromDate: (e.currentTarget as HTMLInputElement).value })} />
      </label>
      <label class="field">
        {t('dash_to')}
        <input type="date" value={value.toDate} onChange={(e) => onChange({ ...value, toDate: (e.currentTarget as HTMLInputElement).value })} />
      </label>
    </form>
  );
}
