import { formatDate } from '@/lib/format';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { CollectiveFigure } from '@/lib/share/collective-index';
import { formatCount, formatRate } from './format-rate';

/**
 * A collective's figure in the requester table: its median true rate (with the middle half of its
 * tasks' rates), always with n, the number of workers, and the feed's name and date. The feed's
 * name is the collective's text, shown as text.
 */
export function CollectiveCell({ figure, t, locale }: { figure: CollectiveFigure | null; t: Translate; locale: string }) {
  if (!figure) return <td class="collective">—</td>;
  const g = figure.group;
  const rate = (minorPerHour: number) => formatRate({ minorPerHour, currency: g.currency }, locale);
  return (
    <td class="collective" data-collective={figure.feedName}>
      <span class="collective-rate">{g.rate ? rate(g.rate.median) : t('collective_no_rate')}</span>
      {' · '}
      {t('collective_n', formatCount(g.tasks, locale))}
      {' · '}
      {plural(t, locale, 'collective_workers', g.contributors, formatCount(g.contributors, locale))}
      {g.rate ? <span class="collective-spread">{t('dash_collective_spread', [rate(g.rate.p25), rate(g.rate.p75)])}</span> : null}
      <span class="collective-feed">{t('collective_feed_group', [figure.feedName, formatDate(figure.publishedAt, locale)])}</span>
    </td>
  );
}
