import type { ComponentChildren } from 'preact';
import type { Translate } from '@/lib/i18n/translate';
import type { HistoryRow } from '@/lib/dashboard/history-rows';
import type { SortDirection, SortKey } from '@/lib/dashboard/history-query';
import { formatDuration, formatMoney } from '@/lib/format';
import { formatRateOr, rateHint } from '@/lib/format-rate';
import { FlagBadges } from './FlagBadges';

export interface Column {
  key: SortKey;
  label: string;
  /** Width in the fixed table layout. */
  width: string;
  numeric?: boolean;
  /** Direction of the first click: numbers and dates start high, words start at A. */
  first: SortDirection;
  cell: (row: HistoryRow) => ComponentChildren;
}

export function historyColumns(t: Translate, locale: string): Column[] {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return [
    {
      key: 'date',
      label: t('dash_col_date'),
      width: '11rem',
      first: 'descending',
      cell: (row) => <time dateTime={new Date(row.task.acceptedAt).toISOString()}>{date.format(row.task.acceptedAt)}</time>,
    },
    { key: 'platform', label: t('dash_col_platform'), width: '7.5rem', first: 'ascending', cell: (row) => t(`platform_${row.task.platform}`) },
    {
      key: 'title',
      label: t('dash_col_title'),
      width: 'auto',
      first: 'ascending',
      cell: (row) => <span title={row.task.title ?? undefined}>{row.task.title ?? t('untitledTask')}</span>,
    },
    {
      key: 'requester',
      label: t('dash_col_requester'),
      width: '11rem',
      first: 'ascending',
      cell: (row) => <span title={row.task.requesterName ?? undefined}>{row.task.requesterName ?? row.task.requesterId ?? '—'}</span>,
    },
    {
      key: 'reward',
      label: t('dash_col_reward'),
      width: '6.5rem',
      numeric: true,
      first: 'descending',
      cell: (row) => (row.task.reward ? formatMoney(row.task.reward, locale) : '—'),
    },
    {
      key: 'advertised',
      label: t('dash_col_advertised'),
      width: '6.5rem',
      numeric: true,
      first: 'descending',
      cell: (row) => (row.task.advertisedSeconds ? formatDuration(row.task.advertisedSeconds * 1000) : '—'),
    },
    {
      key: 'active',
      label: t('dash_col_active'),
      width: '6.5rem',
      numeric: true,
      first: 'descending',
      cell: (row) => formatDuration(row.rates.countedMs),
    },
    {
      key: 'trueRate',
      label: t('dash_col_true_rate'),
      width: '7.5rem',
      numeric: true,
      first: 'descending',
      cell: (row) => (
        <span title={rateHint(row.rates.noTrueRate, t)}>{formatRateOr(row.rates.trueRate, row.rates.noTrueRate, t, locale) ?? '—'}</span>
      ),
    },
    { key: 'status', label: t('dash_col_status'), width: '7rem', first: 'ascending', cell: (row) => t(`status_${row.task.status.replace('-', '_')}`) },
    {
      key: 'flags',
      label: t('dash_col_flags'),
      width: '13rem',
      first: 'descending',
      cell: (row) => <FlagBadges flags={row.rates.flags} t={t} />,
    },
  ];
}
