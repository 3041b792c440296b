import type { Translate } from '@/lib/i18n/translate';
import { formatMoney } from '@/lib/format';
import { formatRate } from '@/components/dashboard/format-rate';
import { ChartFrame, LegendItem } from './ChartFrame';
import { bucketLabel, labelEvery } from './bucket-label';
import { linearScale } from './chart-scale';

export interface EarningsBucket {
  key: string;
  earnedMinor: number;
  pendingMinor: number;
  /** True rate of the bucket, minor units per hour; null without counted time. */
  trueRate: number | null;
}

interface Props {
  buckets: EarningsBucket[];
  currency: string;
  locale: string;
  t: Translate;
}

const W = 720;
const H = 300;
const M = { left: 70, right: 80, top: 12, bottom: 34 };

/** Money per bar (earned solid, pending hatched on top) and the true rate as a line (right axis). */
export function EarningsChart({ buckets, currency, locale, t }: Props) {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency }, locale);
  const rate = (minorPerHour: number) => formatRate({ minorPerHour, currency }, locale);
  const plotW = W - M.left - M.right;
  const bottom = H - M.bottom;
  const ym = linearScale(Math.max(...buckets.map((b) => b.earnedMinor + b.pendingMinor), 1), bottom, M.top, 4);
  const yr = linearScale(Math.max(...buckets.map((b) => b.trueRate ?? 0), 1), bottom, M.top, 4);
  const slot = plotW / Math.max(1, buckets.length);
  const bar = Math.max(1, slot * 0.7);
  const every = labelEvery(buckets.length);
  const cx = (i: number) => M.left + slot * i + slot / 2;
  const linePoints = buckets
    .map((b, i) => (b.trueRate === null ? null : `${cx(i)},${yr(b.trueRate)}`))
    .filter((p): p is string => p !== null);
  const title = t('dash_earnings_title', currency);

  return (
    <ChartFrame
      title={title}
      description={t('dash_earnings_desc')}
      width={W}
      height={H}
      legend={
        <>
          <LegendItem swatch="swatch-earned" label={t('dash_earned')} />
          <LegendItem swatch="swatch-pending" label={t('dash_pending')} />
          <LegendItem swatch="swatch-rate" label={t('dash_true_rate')} />
        </>
      }
      table={
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash_col_period')}</th>
              <th scope="col">{t('dash_earned')}</th>
              <th scope="col">{t('dash_pending')}</th>
              <th scope="col">{t('dash_true_rate')}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.key}>
                <th scope="row">{bucketLabel(b.key, locale, t)}</th>
                <td>{money(b.earnedMinor)}</td>
                <td>{money(b.pendingMinor)}</td>
                <td>{b.trueRate === null ? '—' : rate(b.trueRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g class="axis" aria-hidden="true">
        {ym.ticks.map((tick) => (
          <g key={`m${tick}`}>
            <line class="grid" x1={M.left} x2={W - M.right} y1={ym(tick)} y2={ym(tick)} />
            <text class="tick" x={M.left - 6} y={ym(tick) + 4} text-anchor="end">
              {money(tick)}
            </text>
          </g>
        ))}
        {yr.ticks.map((tick) => (
          <text key={`r${tick}`} class="tick tick-rate" x={W - M.right + 6} y={yr(tick) + 4} text-anchor="start">
            {rate(tick)}
          </text>
        ))}
        {buckets.map((b, i) =>
          i % every === 0 ? (
            <text key={`l${b.key}`} class="tick" x={cx(i)} y={H - 14} text-anchor="middle">
              {bucketLabel(b.key, locale, t)}
            </text>
          ) : null,
        )}
      </g>
      <g aria-hidden="true">
        {buckets.map((b, i) => (
          <g key={b.key} data-bucket={b.key}>
            <rect class="bar-earned" x={cx(i) - bar / 2} width={bar} y={ym(b.earnedMinor)} height={bottom - ym(b.earnedMinor)} />
            <rect
              class="bar-pending"
              x={cx(i) - bar / 2}
              width={bar}
              y={ym(b.earnedMinor + b.pendingMinor)}
              height={ym(b.earnedMinor) - ym(b.earnedMinor + b.pendingMinor)}
            />
          </g>
        ))}
        {linePoints.length > 1 ? <polyline class="rate-line" points={linePoints.join(' ')} /> : null}
        {buckets.map((b, i) =>
          b.trueRate === null ? null : <circle key={`d${b.key}`} class="rate-dot" cx={cx(i)} cy={yr(b.trueRate)} r={3} />,
        )}
      </g>
    </ChartFrame>
  );
}
