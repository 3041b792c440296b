import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import { formatCount, formatRate } from '@/components/dashboard/format-rate';
import { ChartFrame, LegendItem } from './ChartFrame';
import { linearScale, logScale } from './chart-scale';

export interface ScatterPoint {
  id: string;
  /** Task title (page text: rendered as text). */
  name: string;
  /** Advertised rate, minor units per hour. */
  x: number;
  /** True rate, minor units per hour. */
  y: number;
  flagged: boolean;
}

interface Props {
  points: ScatterPoint[];
  currency: string;
  /** Tasks of the period with both rates in this currency (points may be fewer: see maxPoints). */
  total: number;
  scale: 'log' | 'linear';
  locale: string;
  t: Translate;
  onPick?: (id: string) => void;
}

const W = 560;
const H = 420;
const M = { left: 78, right: 16, top: 12, bottom: 46 };
const SIZE = Math.min(W - M.left - M.right, H - M.top - M.bottom);

/**
 * True rate (y) against advertised rate (x), one point per task, with the diagonal y = x: points
 * under it paid less per hour than advertised. Flagged tasks are triangles in another colour (shape
 * too, never colour alone). Both axes share one scale so the diagonal is the real y = x.
 */
export function ScatterChart({ points, currency, total, scale, locale, t, onPick }: Props) {
  const rate = (minorPerHour: number) => formatRate({ minorPerHour, currency }, locale);
  const values = points.flatMap((p) => [p.x, p.y]);
  const positive = values.filter((v) => v > 0);
  const max = Math.max(1, ...values);
  const x0 = M.left;
  const y0 = M.top + SIZE;
  const sx = scale === 'log' ? logScale(Math.min(...positive, max), max, x0, x0 + SIZE) : linearScale(max, x0, x0 + SIZE);
  const sy = scale === 'log' ? logScale(Math.min(...positive, max), max, y0, M.top) : linearScale(max, y0, M.top);
  const ticks = sx.ticks;
  const first = ticks[0] ?? 0;
  const last = ticks[ticks.length - 1] ?? max;
  const below = points.filter((p) => p.y < p.x).length;
  // Both sentences end "… 80 of 120 tasks": the noun follows the count of tasks (all drawn, or all
  // of the period), so that count picks the form and the other number stands alone.
  const description = plural(t, locale, 'dash_scatter_desc', points.length, [formatCount(points.length, locale), formatCount(below, locale)]);
  const capped = plural(t, locale, 'dash_scatter_capped', total, [formatCount(points.length, locale), formatCount(total, locale)]);

  return (
    <ChartFrame
      title={t('dash_scatter_title', currency)}
      description={points.length < total ? `${description} ${capped}` : description}
      width={W}
      height={H}
      legend={
        <>
          <LegendItem swatch="swatch-point" label={t('dash_scatter_legend_task')} />
          <LegendItem swatch="swatch-flagged" label={t('dash_scatter_legend_flagged')} />
          <LegendItem swatch="swatch-diagonal" label={t('dash_scatter_legend_diagonal')} />
        </>
      }
      table={
        <table>
          <caption>{t('dash_scatter_title', currency)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash_col_title')}</th>
              <th scope="col">{t('dash_col_advertised_rate')}</th>
              <th scope="col">{t('dash_col_true_rate')}</th>
              <th scope="col">{t('dash_col_flags')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{rate(p.x)}</td>
                <td>{rate(p.y)}</td>
                <td>{p.flagged ? t('dash_flagged') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g class="axis" aria-hidden="true">
        {ticks.map((tick) => (
          <g key={`x${tick}`}>
            <line class="grid" x1={sx(tick)} x2={sx(tick)} y1={M.top} y2={y0} />
            <text class="tick" x={sx(tick)} y={y0 + 16} text-anchor="middle">
              {rate(tick)}
            </text>
          </g>
        ))}
        {sy.ticks.map((tick) => (
          <g key={`y${tick}`}>
            <line class="grid" x1={x0} x2={x0 + SIZE} y1={sy(tick)} y2={sy(tick)} />
            <text class="tick" x={x0 - 6} y={sy(tick) + 4} text-anchor="end">
              {rate(tick)}
            </text>
          </g>
        ))}
        <text class="axis-label" x={x0 + SIZE / 2} y={H - 6} text-anchor="middle">
          {t('dash_col_advertised_rate')}
        </text>
        <text class="axis-label" transform={`translate(14 ${M.top + SIZE / 2}) rotate(-90)`} text-anchor="middle">
          {t('dash_col_true_rate')}
        </text>
      </g>
      <line
        class="diagonal"
        data-diagonal=""
        x1={sx(first)}
        y1={sy(first)}
        x2={sx(last)}
        y2={sy(last)}
        role="img"
        aria-label={t('dash_scatter_legend_diagonal')}
      />
      <g class="points">
        {points.map((p) => {
          const cx = sx(p.x);
          const cy = sy(p.y);
          const label = `${p.name}: ${t('dash_point_label', [rate(p.x), rate(p.y)])}${p.flagged ? ` (${t('dash_flagged')})` : ''}`;
          const common = {
            'data-point': p.id,
            role: 'img' as const,
            'aria-label': label,
            onClick: onPick ? () => onPick(p.id) : undefined,
          };
          return p.flagged ? (
            <path key={p.id} class="point flagged" d={`M${cx} ${cy - 5.5}L${cx + 5} ${cy + 3.5}L${cx - 5} ${cy + 3.5}Z`} {...common}>
              <title>{label}</title>
            </path>
          ) : (
            <circle key={p.id} class="point" cx={cx} cy={cy} r={3.5} {...common}>
              <title>{label}</title>
            </circle>
          );
        })}
      </g>
    </ChartFrame>
  );
}
