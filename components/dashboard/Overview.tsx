import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/translate';
import type { TrueRateDb } from '@/lib/db/database';
import { loadDays } from '@/lib/db/dashboard-data';
import type { DayRecord } from '@/lib/ledger/day-totals';
import type { HistoryRow } from '@/lib/dashboard/history-rows';
import {
  currenciesOf,
  currencyTotals,
  dayStart,
  earningsBuckets,
  periodDays,
  scatterPoints,
  timeBuckets,
  unattributedOverhead,
} from '@/lib/dashboard/overview-data';
import { bucketFor, PERIODS, periodStart, type Period } from '@/lib/dashboard/period';
import { summarizeDays } from '@/lib/rates/aggregate';
import { EarningsChart } from '@/components/charts/EarningsChart';
import { ScatterChart } from '@/components/charts/ScatterChart';
import { TimeSplitChart } from '@/components/charts/TimeSplitChart';
import { CurrencyCards } from './CurrencyCards';
import { EmptyState } from './EmptyState';

interface Props {
  /** Every task's row, or null while they are read (the scatter waits; the rest reads the days). */
  rows: HistoryRow[] | null;
  db: TrueRateDb;
  now: number;
  timeZone: string;
  locale: string;
  t: Translate;
  onPickTask: (id: string) => void;
}

/** An SVG of more points than this would freeze the page; the chart says how many it shows. */
export const MAX_SCATTER_POINTS = 2000;

/**
 * The cards and the two bar charts come from the ledger's day totals (a few hundred records, read
 * in milliseconds at 100,000 tasks); only the scatter, one point per task, waits for every task.
 */
export function Overview({ rows, db, now, timeZone, locale, t, onPickTask }: Props) {
  const [period, setPeriod] = useState<Period>('30d');
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const [scale, setScale] = useState<'log' | 'linear'>('log');
  const [days, setDays] = useState<DayRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const from = periodStart(period, now, timeZone);

  useEffect(() => {
    let live = true;
    loadDays(db, timeZone).then(
      (records) => live && setDays(records),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // Read again when the rows do (the shell reloads them after an edit or a change elsewhere).
  }, [db, timeZone, rows]);

  const inPeriod = useMemo(() => (days ? periodDays(days, from, now, timeZone) : null), [days, from, now, timeZone]);
  const firstMs = inPeriod && inPeriod.length > 0 ? dayStart(inPeriod[0]!.day, timeZone) : null;
  const bucket = bucketFor(period, firstMs, now);
  const summaries = useMemo(() => (inPeriod ? summarizeDays(inPeriod, bucket) : null), [inPeriod, bucket]);
  const currencies = useMemo(() => (summaries ? currenciesOf(summaries) : []), [summaries]);
  const currency = chosenCurrency !== null && currencies.includes(chosenCurrency) ? chosenCurrency : (currencies[0] ?? null);
  const rowsInPeriod = useMemo(() => (rows === null ? null : from === null ? rows : rows.filter((row) => row.task.acceptedAt >= from)), [rows, from]);
  const scatter = useMemo(
    () => (currency && rowsInPeriod ? scatterPoints(rowsInPeriod, currency, MAX_SCATTER_POINTS) : null),
    [rowsInPeriod, currency],
  );

  useEffect(() => {
    // For the benchmark (npm run bench): the cards and bar charts drawn.
    if (summaries !== null && performance.getEntriesByName('truerate:overview').length === 0) performance.mark('truerate:overview');
  }, [summaries]);

  if (rows !== null && rows.length === 0) {
    return <EmptyState title={t('dash_empty_title')} body={t('dash_empty_body')} />;
  }
  const empty = inPeriod !== null && inPeriod.length === 0;

  return (
    <div class="overview" aria-busy={summaries === null}>
      <div class="toolbar">
        <fieldset class="segmented">
          <legend>{t('dash_period')}</legend>
          {PERIODS.map((p) => (
            <label key={p} class={p === period ? 'selected' : ''}>
              <input type="radio" name="period" value={p} checked={p === period} onChange={() => setPeriod(p)} />
              {t(`dash_period_${p}`)}
            </label>
          ))}
        </fieldset>
        {currencies.length > 1 ? (
          <label class="inline-field">
            {t('dash_currency')}
            <select value={currency ?? ''} onChange={(e) => setCurrency((e.currentTarget as HTMLSelectElement).value)}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {error ? (
        <p class="error" role="alert">
          {t('dash_load_error', error)}
        </p>
      ) : null}
      {empty ? (
        <EmptyState title={t('dash_empty_period_title')} body={t('dash_empty_period_body')} />
      ) : summaries === null ? (
        <div class="skeleton skeleton-cards" aria-hidden="true" />
      ) : (
        <CurrencyCards totals={currencyTotals(summaries)} unattributedOverheadMs={unattributedOverhead(summaries)} locale={locale} t={t} />
      )}
      {!empty ? (
        <div class="charts">
          {currency && scatter === null ? (
            <div class="chart-box chart-box-scatter">
              <p class="hint" role="status">{t('dash_scatter_waiting')}</p>
              <div class="skeleton skeleton-chart" aria-hidden="true" />
            </div>
          ) : null}
          {currency && scatter !== null ? (
            <div class="chart-box chart-box-scatter">
              {scatter.points.length > 0 ? (
                <>
                  <label class="inline-field chart-control">
                    {t('dash_scale')}
                    <select value={scale} onChange={(e) => setScale((e.currentTarget as HTMLSelectElement).value === 'linear' ? 'linear' : 'log')}>
                      <option value="log">{t('dash_scale_log')}</option>
                      <option value="linear">{t('dash_scale_linear')}</option>
                    </select>
                  </label>
                  <ScatterChart points={scatter.points} total={scatter.total} currency={currency} scale={scale} locale={locale} t={t} onPick={onPickTask} />
                </>
              ) : (
                <EmptyState title={t('dash_scatter_title', currency)} body={t('dash_scatter_empty')} />
              )}
            </div>
          ) : null}
          {summaries === null ? (
            <>
              <div class="skeleton skeleton-chart" aria-hidden="true" />
              <div class="skeleton skeleton-chart" aria-hidden="true" />
            </>
          ) : (
            <>
              {currency ? (
                <div class="chart-box">
                  <EarningsChart buckets={earningsBuckets(summaries, currency)} currency={currency} locale={locale} t={t} />
                </div>
              ) : null}
              <div class="chart-box">
                <TimeSplitChart buckets={timeBuckets(summaries)} locale={locale} t={t} />
              </div>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
