import type { Translate } from '@/lib/i18n/translate';
import { plural } from '@/lib/i18n/plural';
import { formatMoney } from '@/lib/format';
import type { CurrencyTotals } from '@/lib/dashboard/overview-data';
import { formatCount, formatHours, formatRate } from './format-rate';

interface Props {
  totals: CurrencyTotals[];
  unattributedOverheadMs: number;
  locale: string;
  t: Translate;
}

/** One card per currency: money is never added across currencies. */
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
              <dd data-stat="true-rate">{c.trueRate ? formatRate(c.trueRate, locale) : '—'}</dd>
            </div>
            <div class="stat">
              <dt>{t('dash_all_in_rate')}</dt>
              <dd data-stat="all-in-rate">{c.allInRate ? formatRate(c.allInRate, locale) : '—'}</dd>
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
        </section>
      ))}
      {unattributedOverheadMs > 0 ? (
        <p class="hint cards-note">{t('dash_unattributed_overhead', formatHours(unattributedOverheadMs))}</p>
      ) : null}
    </div>
  );
}
