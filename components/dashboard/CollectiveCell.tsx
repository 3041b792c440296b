import { formatDate } from '@/lib/format';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { CollectiveFigure } from '@/lib/share/collective-index';
import type { RateTask } from '@/lib/model/records';
import { paceFor } from '@/lib/share/pace';
import { formatCount, formatRate, formatRatio } from './format-rate';

/**
 * A collective's figure in the requester table: its median true rate (with the middle half of its
 * tasks' rates), always with n, the number of workers, and the feed's name and date; on a task
 * group the worker has timed too, the rate at the worker's own pace. The feed's
 * name is the collective's text, shown as text.
 */
export function CollectiveCell({ figure, own, t, locale }: { figure: CollectiveFigure | null; own: readonly RateTask[]; t: Translate; locale: string }) {
  if (!figure) return <td class="collective">—</td>;
  const g = figure.group;
  // A task group both the worker and the collective have: the worker's pace against theirs.
  const pace = g.by === 'group' ? paceFor(own, g) : null;
  const rate = (minorPerHour: number) => formatRate({ minorPerHour, currency: g.currency }, locale);
  return (
    <td class="collective" data-collective={figure.feedName}>
      <span class="collective-rate">{g.rate ? rate(g.rate.median) : t('collective_no_rate')}</span>
      {' · '}
      {t('collective_n', formatCount(g.tasks, locale))}
      {' · '}
      {plural(t, locale, 'collective_workers', g.contributors, formatCount(g.contributors, locale))}
      {g.rate ? <span class="collective-spread">{t('dash_collective_spread', [rate(g.rate.p25), rate(g.rate.p75)])}</span> : null}
      {pace?.scaledRateMinor != null ? (
        <span class="collective-pace">{plural(t, locale, 'dash_collective_pace', pace.n, [formatRatio(pace.factor, locale), formatCount(pace.n, locale), rate(pace.scaledRateMinor)])}</span>
      ) : null}
      <span class="collective-feed">{t('collective_feed_group', [figure.feedName, formatDate(figure.publishedAt, locale)])}</span>
    </td>
  );
}
