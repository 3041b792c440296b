import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/translate';
import type { TrueRateDb } from '@/lib/db/database';
import { loadOverhead } from '@/lib/db/dashboard-data';
import type { SegmentRecord } from '@/lib/model/records';
import type { HistoryRow } from '@/lib/dashboard/history-rows';
import {
  currenciesOf,
  currencyTotals,
  earningsBuckets,
  scatterPoints,
  timeBuckets,
  unattributedOverhead,
} from '@/lib/dashboard/overview-data';
import { bucketFor, PERIODS, periodStart, type Period } from '@/lib/dashboard/period';
import { summarize } from '@/lib/rates/aggregate';
import { EarningsChart } from '@/components/charts/EarningsChart';
import { ScatterChart } from '@/components/charts/ScatterChart';
import { TimeSplitChart } from '@/components/charts/TimeSplitChart';
import { CurrencyCards } from './CurrencyCards';
import { EmptyState } from './EmptyState';

interface Props {
  rows: HistoryRow[];
  db: TrueRateDb;
  now: number;
  timeZone: string;
  locale: string;
  t: Translate;
  onPickTask: (id: string) => void;
}

/** An SVG of more points than this would freeze the page; the chart says how many it shows. */
export const MAX_SCATTER_POINTS = 2000;

type Overhead = { from: number | null; segments: SegmentRecord[] } | null;

export function Overview({ rows, db, now, timeZone, locale, t, onPickTask }: Props) {
  const [period, setPeriod] = useState<Period>('30d');
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const [scale, setScale] = useState<'log' | 'linear'>('log');
  const [overhead, setOverhead] = useState<Overhead>(null);
  const [error, setError] = useState<string | null>(null);
  const from = periodStart(period, now, timeZone);

  useEffect(() => {
    let live = true;
    loadOverhead(db, from, now).then(
      (segments) => live && setOverhead({ from, segments }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // `now` is left out on purpose: it moves every minute, and the overhead is re-read only when
    // the period changes (or the shell reloads after an edit).
  }, [db, from]);

  const inPeriod = useMemo(() => (from === null ? rows : rows.filter((row) => row.task.acceptedAt >= from)), [rows, from]);
  const firstMs = useMemo(() => inPeriod.reduce<number | null>((min, r) => (min === null || r.task.acceptedAt < min ? r.task.acceptedAt : min), null), [inPeriod]);
  const bucket = bucketFor(period, firstMs, now);
  const summaries = useMemo(
    () => (overhead && overhead.from === from ? summarize(inPeriod.map((r) => r.task), overhead.segments, bucket, { timeZone }) : null),
    [inPeriod, overhead, from, bucket, timeZone],
  );
  const currencies = useMemo(() => currenciesOf(inPeriod), [inPeriod]);
  const currency = chosenCurrency !== null && currencies.includes(chosenCurrency) ? chosenCurrency : (currencies[0] ?? null);
  const scatter = useMemo(
    () => (currency ? scatterPoints(inPeriod, currency, MAX_SCATTER_POINTS) : null),
    [inPeriod, currency],
  );

  if (rows.length === 0) {
    return <EmptyState title={t('dash_empty_title')} body={t('dash_empty_body')} />;
  }

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
      {inPeriod.length === 0 ? (
        <EmptyState title={t('dash_empty_period_title')} body={t('dash_empty_period_body')} />
      ) : summaries === null ? (
        <div class="skeleton skeleton-cards" aria-hidden="true" />
      ) : (
        <CurrencyCards totals={currencyTotals(summaries)} unattributedOverheadMs={unattributedOverhead(summaries)} locale={locale} t={t} />
      )}
      {inPeriod.length > 0 ? (
        <div class="charts">
          {currency ? (
            <div class="chart-box chart-box-scatter">
              {scatter && scatter.points.length > 0 ? (
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
