import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { TASK_STATUSES, type TaskRecord, type TaskStatus } from '@/lib/model/records';
import { formatDateTime, formatDuration, formatMoney } from '@/lib/format';
import { formatRate, formatRateOr, rateHint } from '@/lib/format-rate';
import type { Translate } from '@/lib/i18n/translate';
import type { Settings } from '@/lib/settings';
import type { TaskRates } from '@/lib/rates/types';

interface FactsProps {
  task: TaskRecord;
  rates: TaskRates;
  t: Translate;
  locale: string;
  busy: boolean;
  onStatus: (status: TaskStatus) => void;
  onRemoveBonus: (index: number) => void;
}

const statusName = (t: Translate, status: TaskStatus) => t(`status_${status.replace('-', '_')}`);

export function formatRatio(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ratio);
}

/** What TrueRate knows of one task. Every page-read value (title, names, ids) is rendered as text. */
export function TaskFacts({ task, rates, t, locale, busy, onStatus, onRemoveBonus }: FactsProps) {
  const statusId = useId();
  const unknown = t('detail_unknown');
  const fact = (label: string, value: ComponentChildren, cls?: string) => (
    <div class={cls ? `fact ${cls}` : 'fact'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl class="task-facts">
      <div class="fact fact-status">
        <dt>
          <label for={statusId}>{t('detail_status')}</label>
        </dt>
        <dd>
          <select id={statusId} value={task.status} disabled={busy} onChange={(e) => onStatus(e.currentTarget.value as TaskStatus)}>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(t, s)}
              </option>
            ))}
          </select>
        </dd>
      </div>
      {fact(t('detail_platform'), t(`platform_${task.platform}`))}
      {fact(
        t('detail_requester'),
        task.requesterName || task.requesterId ? (
          <>
            {task.requesterName ?? ''}
            {task.requesterId ? <span class="muted-id"> {task.requesterId}</span> : null}
          </>
        ) : (
          unknown
        ),
      )}
      {fact(t('detail_task_id'), <span class="muted-id">{task.externalId}</span>)}
      {task.groupId ? fact(t('detail_group_id'), <span class="muted-id">{task.groupId}</span>) : null}
      {task.completionCode ? fact(t('detail_completion_code'), <span class="muted-id">{task.completionCode}</span>) : null}
      {fact(t('detail_reward'), task.reward ? formatMoney(task.reward, locale) : t('rewardUnknown'))}
      {fact(
        t('detail_bonuses'),
        task.bonuses.length === 0 ? (
          t('detail_no_bonus')
        ) : (
          <ul class="bonus-list">
            {task.bonuses.map((b, i) => (
              <li key={`${b.at}-${i}`}>
                {formatMoney(b, locale)}{' '}
                <span class="hint">{t(b.source === 'manual' ? 'detail_bonus_manual' : 'detail_bonus_platform')}</span>{' '}
                <button type="button" class="link-button" disabled={busy} onClick={() => onRemoveBonus(i)}
                  aria-label={t('detail_bonus_remove_label', formatMoney(b, locale))}>
                  {t('detail_bonus_remove')}
                </button>
              </li>
            ))}
          </ul>
        ),
      )}
      {fact(
        t('detail_advertised_time'),
        task.advertisedSeconds !== null
          ? t('detail_advertised_value', [formatDuration(task.advertisedSeconds * 1000), task.advertisedKind ? t(`detail_kind_${task.advertisedKind}`) : unknown])
          : unknown,
      )}
      {fact(t('detail_active_time'), <span class="detail-active" data-active-ms={task.activeMs}>{formatDuration(rates.countedMs)}</span>, 'fact-strong')}
      {fact(t('detail_wall_time'), task.endedAt !== null ? formatDuration(task.wallMs) : t('detail_still_open'))}
      {fact(
        t('detail_true_rate'),
        <span title={rateHint(rates.noTrueRate, t)}>{formatRateOr(rates.trueRate, rates.noTrueRate, t, locale) ?? unknown}</span>,
        'fact-strong',
      )}
      {fact(t('detail_advertised_rate'), rates.advertisedRate ? formatRate(rates.advertisedRate, locale) : unknown)}
      {fact(t('detail_ratio'), rates.timeRatio !== null ? t('detail_ratio_value', formatRatio(rates.timeRatio, locale)) : unknown)}
      {fact(t('detail_accepted_at'), formatDateTime(task.acceptedAt, locale))}
      {task.endedAt !== null ? fact(t('detail_ended_at'), formatDateTime(task.endedAt, locale)) : null}
      {fact(t('detail_idle_threshold'), t('detail_seconds', String(task.idleThresholdS)))}
    </dl>
  );
}

interface FlagProps {
  task: TaskRecord;
  rates: TaskRates;
  settings: Settings;
  t: Translate;
  locale: string;
}

/** Each flag in words with the figures behind it, never a bare verdict. */
export function FlagExplanations({ task, rates, settings, t, locale }: FlagProps) {
  if (rates.flags.length === 0) return <p class="hint">{t('detail_no_flags')}</p>;
  const explain = (flag: (typeof rates.flags)[number]): string => {
    if (flag === 'longer-than-advertised') {
      return t('detail_flag_longer_why', [
        formatDuration(rates.countedMs),
        formatDuration((task.advertisedSeconds ?? 0) * 1000),
        formatRatio(rates.timeRatio ?? 0, locale),
        formatRatio(settings.flagThresholds.longerRatio, locale),
      ]);
    }
    if (flag === 'below-minimum') {
      // An open task is judged on its rate so far (lib/rates: it only falls as work goes on).
      const rate = rates.trueRate ?? rates.rateSoFar;
      const minimum = rate ? settings.minHourlyMinor[rate.currency] : undefined;
      return t('detail_flag_below_why', [
        rate ? formatRate(rate, locale) : '',
        rate && minimum !== undefined ? formatRate({ minorPerHour: minimum, currency: rate.currency }, locale) : '',
      ]);
    }
    return t('detail_flag_unpaid_why', [formatDuration(rates.countedMs), statusName(t, task.status)]);
  };
  const title = { 'longer-than-advertised': 'detail_flag_longer', 'below-minimum': 'detail_flag_below', 'unpaid-work': 'detail_flag_unpaid' } as const;
  return (
    <ul class="flag-list">
      {rates.flags.map((flag) => (
        <li key={flag} class={`flag flag-${flag}`}>
          <strong>{t(title[flag])}</strong> <span>{explain(flag)}</span>
        </li>
      ))}
    </ul>
  );
}
