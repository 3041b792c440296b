import type { Translate } from '@/lib/i18n/translate';
import { plural } from '@/lib/i18n/plural';
import { formatDuration, formatMoney } from '@/lib/format';
import { formatRateOr, rateHint } from '@/lib/format-rate';
import type { CurrencyTotals } from '@/lib/dashboard/overview-data';
import { formatCount, formatHours } from './format-rate';

interface Props {
  totals: CurrencyTotals[];
  unattributedOverheadMs: number;
  locale: string;
  t: Translate;
}

/**
 * One card per currency: money is never added across currencies. Tasks still open are in no
 * figure of the card (lib/rates counts them apart): a line says how many and their time so far.
 */
export function CurrencyCards({ totals, unattributedOverheadMs, locale, t }: Props) {
  return (
    <div class="cards">
      {totals.map((c) => (
        <section key={c.currency} class="card" aria-labelledby={`card-${c.currency}`} data-currency={c.currency}>
          <h3 id={`card-${c.currency}`}>{plural(t, locale, 'dash_card_title', c.tasks, [c.currency, formatCount(c.tasks, locale)])}</h3>
          <dl>
            <div class="stat stat-main">
              <dt>{t('dash_earned')}</dt>
              <dd data-stat="earned">{formatMoney({ amountMinor: c.earnedMinor, currency: c.currency }, locale)}</dd>
            </div>
            <div class="stat">
              <dt>{t('dash_pending')}</dt>
              <dd data-stat="pending">{formatMoney({ amountMinor: c.pendingMinor, currency: c.currency }, locale)}</dd>
            </div>
            <div class="stat stat-main">
              <dt>{t('dash_true_rate')}</dt>
              <dd data-stat="true-rate" title={rateHint(c.noTrueRate, t)}>
                {formatRateOr(c.trueRate, c.noTrueRate, t, locale) ?? '—'}
              </dd>
            </div>
            <div class="stat">
              <dt>{t('dash_all_in_rate')}</dt>
              <dd data-stat="all-in-rate" title={rateHint(c.noAllInRate, t)}>
                {formatRateOr(c.allInRate, c.noAllInRate, t, locale) ?? '—'}
              </dd>
            </div>
            <div class="stat">
              <dt>{t('dash_active_time')}</dt>
              <dd data-stat="active">{formatHours(c.taskMs)}</dd>
            </div>
            <div class="stat">
              <dt>{t('dash_unpaid_time')}</dt>
              <dd data-stat="unpaid">{formatHours(c.unpaidMs)}</dd>
            </div>
            <div class="stat">
              <dt>{t('dash_overhead')}</dt>
              <dd data-stat="overhead">{formatHours(c.overheadMs)}</dd>
            </div>
          </dl>
          {c.openTasks > 0 ? (
            <p class="hint card-open" data-open-ms={c.openMs}>
              {plural(t, locale, 'dash_in_progress', c.openTasks, [formatCount(c.openTasks, locale), formatDuration(c.openMs)])}
            </p>
          ) : null}
        </section>
      ))}
      {unattributedOverheadMs > 0 ? (
        <p class="hint cards-note">{t('dash_unattributed_overhead', formatHours(unattributedOverheadMs))}</p>
      ) : null}
    </div>
  );
}
