import { formatDuration, formatMoney, formatRoughDuration } from '@/lib/format';
import { formatRateOr, rateHint } from '@/lib/format-rate';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { todaySummary } from '@/lib/rates/aggregate';
import type { CurrencySummary, HourlyRate, NoRateReason } from '@/lib/rates/types';
import './today-panel.css';

interface Props {
  t: Translate;
  locale: string;
  today: ReturnType<typeof todaySummary>;
}

/**
 * Today's figures per currency, for the 360 px popup: money, time, true and all-in rates, and the
 * time of the task in progress, which lib/rates keeps out of every figure until it ends.
 */
export function TodayPanel({ t, locale, today }: Props) {
  const empty = today.currencies.length === 0 && today.time.openTasks === 0;
  return (
    <section class="today" aria-labelledby="today-heading">
      <h2 id="today-heading">{t('today_title')}</h2>
      {empty ? <p class="today-empty">{t('today_empty')}</p> : null}
      {today.currencies.map((summary) => (
        <CurrencyCard key={summary.currency} summary={summary} t={t} locale={locale} />
      ))}
      {today.time.openTasks > 0 ? (
        <p class="today-note today-open" title={t('today_inProgressHint')} data-open-ms={today.time.openMs}>
          {plural(t, locale, 'today_inProgress', today.time.openTasks, [
            new Intl.NumberFormat(locale).format(today.time.openTasks),
            formatDuration(today.time.openMs),
          ])}
        </p>
      ) : null}
      {today.currencies.length > 1 ? (
        <p class="today-note today-all-time">
          {t('today_allTime', [
            formatRoughDuration(today.time.taskMs),
            formatRoughDuration(today.time.overheadMs),
            formatRoughDuration(today.time.unpaidMs),
          ])}
        </p>
      ) : null}
      {today.unattributedOverheadMs > 0 ? (
        <p class="today-note" data-overhead-ms={today.unattributedOverheadMs}>
          {t('today_overheadOnly', formatRoughDuration(today.unattributedOverheadMs))}
        </p>
      ) : null}
    </section>
  );
}

function CurrencyCard({ summary, t, locale }: { summary: CurrencySummary; t: Translate; locale: string }) {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: summary.currency }, locale);
  const rate = (value: HourlyRate | null, why: NoRateReason | null) => formatRateOr(value, why, t, locale) ?? t('today_noRate');
  return (
    <dl class="today-card" data-currency={summary.currency} aria-label={t('today_inCurrency', summary.currency)}>
      <div class="today-cell today-earned">
        <dt>{t('today_earned')}</dt>
        <dd>
          <span class="today-value">{money(summary.earnedMinor)}</span>
          {summary.pendingMinor > 0 ? (
            <span class="today-pending">{t('today_pending', money(summary.pendingMinor))}</span>
          ) : null}
        </dd>
      </div>
      <div class="today-cell today-true">
        <dt>{t('today_trueRate')}</dt>
        <dd class="today-value today-rate" title={rateHint(summary.noTrueRate, t)}>
          {rate(summary.trueRate, summary.noTrueRate)}
        </dd>
      </div>
      <div class="today-cell today-allin">
        <dt title={t('today_allInHint')}>{t('today_allInRate')}</dt>
        <dd class="today-value" title={rateHint(summary.noAllInRate, t)}>
          {rate(summary.allInRate, summary.noAllInRate)}
        </dd>
      </div>
      <div class="today-cell today-active">
        <dt>{t('today_active')}</dt>
        <dd>
          {formatRoughDuration(summary.taskMs)}
          <span class="today-sub">{plural(t, locale, 'today_tasks', summary.tasks)}</span>
        </dd>
      </div>
      <div class="today-cell today-overhead">
        <dt>{t('today_overhead')}</dt>
        <dd>{formatRoughDuration(summary.overheadMs)}</dd>
      </div>
      <div class={`today-cell today-unpaid${summary.unpaidMs > 0 ? ' today-warn' : ''}`}>
        <dt>{t('today_unpaid')}</dt>
        <dd>{formatRoughDuration(summary.unpaidMs)}</dd>
      </div>
    </dl>
  );
}
