import type { Translate } from '@/lib/i18n/translate';
import { formatHours } from '@/components/dashboard/format-rate';
import { formatRoughDuration } from '@/lib/format';
import { ChartFrame, LegendItem } from './ChartFrame';
import { bucketLabel, labelEvery } from './bucket-label';
import { linearScale } from './chart-scale';

export interface TimeBucket {
  key: string;
  taskMs: number;
  overheadMs: number;
  unpaidMs: number;
}

interface Props {
  buckets: TimeBucket[];
  locale: string;
  t: Translate;
}

const W = 720;
const H = 280;
const M = { left: 70, right: 16, top: 12, bottom: 34 };
const HOUR = 3_600_000;
const PARTS = ['taskMs', 'overheadMs', 'unpaidMs'] as const;

/** Where the time went per bar: paid-able task time, then overhead, then unpaid work, stacked. */
export function TimeSplitChart({ buckets, locale, t }: Props) {
  const plotW = W - M.left - M.right;
  const bottom = H - M.bottom;
  const maxHours = Math.max(...buckets.map((b) => (b.taskMs + b.overheadMs + b.unpaidMs) / HOUR), 0.1);
  const y = linearScale(maxHours, bottom, M.top, 4);
  const slot = plotW / Math.max(1, buckets.length);
  const bar = Math.max(1, slot * 0.7);
  const every = labelEvery(buckets.length);
  const cx = (i: number) => M.left + slot * i + slot / 2;
  const labels = { taskMs: t('dash_time_tasks'), overheadMs: t('dash_time_overhead'), unpaidMs: t('dash_time_unpaid') };
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Under an hour the ticks are minutes or seconds: "0.1 h" twice (for 0.05 and 0.1) says nothing.
  const top = y.ticks.at(-1) ?? 0;
  const tickLabel = (tick: number) => (top < 1 ? formatRoughDuration(tick * 3_600_000) : `${hours.format(tick)} h`);

  return (
    <ChartFrame
      title={t('dash_time_title')}
      description={t('dash_time_desc')}
      width={W}
      height={H}
      legend={PARTS.map((part) => (
        <LegendItem key={part} swatch={`swatch-${part}`} label={labels[part]} />
      ))}
      table={
        <table>
          <caption>{t('dash_time_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash_col_period')}</th>
              {PARTS.map((part) => (
                <th key={part} scope="col">
                  {labels[part]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.key}>
                <th scope="row">{bucketLabel(b.key, locale, t)}</th>
                {PARTS.map((part) => (
                  <td key={part}>{formatHours(b[part])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g class="axis" aria-hidden="true">
        {y.ticks.map((tick) => (
          <g key={tick}>
            <line class="grid" x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} />
            <text class="tick" x={M.left - 6} y={y(tick) + 4} text-anchor="end">
              {tickLabel(tick)}
            </text>
          </g>
        ))}
        {buckets.map((b, i) =>
          i % every === 0 ? (
            <text key={b.key} class="tick" x={cx(i)} y={H - 14} text-anchor="middle">
              {bucketLabel(b.key, locale, t)}
            </text>
          ) : null,
        )}
      </g>
      <g aria-hidden="true">
        {buckets.map((b, i) => {
          let base = 0;
          return (
            <g key={b.key} data-bucket={b.key}>
              {PARTS.map((part) => {
                const from = base;
                base += b[part] / HOUR;
                return b[part] > 0 ? (
                  <rect key={part} class={`bar-${part}`} x={cx(i) - bar / 2} width={bar} y={y(base)} height={y(from) - y(base)} />
                ) : null;
              })}
            </g>
          );
        })}
      </g>
    </ChartFrame>
  );
}
