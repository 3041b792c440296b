import type { SegmentRecord, TaskRecord } from '../model/records';
import { formatDuration, formatMoney, formatRoughDuration } from '../format';
import { formatRate } from '../format-rate';
import type { Translate } from '../i18n/translate';
import type { Settings } from '../settings';
import { mulDivCeil } from './hourly-rate';
import { isRateSpan, MIN_RATE_SPAN_MS } from './measured-rate';
import { isOpen, statusClass } from './status-class';
import { advertisedMsOf, earnedInRewardCurrency, taskRates } from './task-rates';
import type { HourlyRate, NoRateReason } from './types';

/**
 * Plain text the worker can copy or save as evidence of the time a task took: what the task was,
 * what it advertised, every segment of measured time (excluded ones shown and marked), the rates,
 * the worker's minimum and how time is counted. An open task says so, and gives no true rate until it
 * ends; a task under MIN_RATE_SPAN_MS of counted time says it is too short to tell. Times are shown in `timeZone` (default: the
 * environment's, i.e. the worker's), which the text names. Page text (title, requester name) is
 * copied as is: this is plain text, never HTML.
 */
export function evidenceSummary(
  task: TaskRecord,
  segments: readonly SegmentRecord[],
  settings: Settings,
  t: Translate,
  locale: string,
  timeZone?: string,
): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const full = new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const clock = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const rates = taskRates(task, settings);
  const unknown = t('evidence_unknown');
  const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency }, locale);

  const lines: string[] = [t('evidence_title'), ''];
  lines.push(t('evidence_task', task.title ?? t('evidence_untitled')));
  lines.push(t('evidence_platform', t(`platform_${task.platform}`)));
  lines.push(t('evidence_requester', requesterText(task) ?? unknown));
  lines.push(t('evidence_task_id', task.externalId));
  lines.push(t('evidence_status', t(`status_${task.status.replace(/-/g, '_')}`)));
  lines.push(t('evidence_accepted', full.format(task.acceptedAt)));
  if (task.endedAt !== null) lines.push(t('evidence_ended', full.format(task.endedAt)));
  lines.push(t('evidence_time_zone', zone));
  lines.push(t('evidence_reward', task.reward ? money(task.reward.amountMinor, task.reward.currency) : unknown));
  if (task.bonuses.length > 0) lines.push(t('evidence_bonuses', task.bonuses.map((b) => money(b.amountMinor, b.currency)).join(', ')));
  if (task.completionCode) lines.push(t('evidence_completion_code', task.completionCode));
  lines.push('');

  const advertisedMs = advertisedMsOf(task);
  lines.push(t('evidence_advertised_time', advertisedMs !== null ? formatRoughDuration(advertisedMs) : unknown));
  const active = `${formatDuration(rates.countedMs)} (${formatRoughDuration(rates.countedMs)})`;
  const ratio = rates.timeRatio !== null ? `, ${t('evidence_ratio', formatRatio(rates.timeRatio, locale))}` : '';
  lines.push(t('evidence_active_time', active) + ratio);

  const own = segments.filter((s) => s.taskId === task.id).sort((a, b) => a.start - b.start);
  if (own.length === 0) lines.push(t('evidence_segments_none'));
  else {
    lines.push(t('evidence_segments', String(own.length)));
    for (const s of own) {
      const end = dayOf.format(s.start) === dayOf.format(s.end) ? clock.format(s.end) : full.format(s.end);
      const source = t(`evidence_source_${s.source.replace(/-/g, '_')}`);
      const excluded = s.excluded ? ` (${t('evidence_excluded')})` : '';
      lines.push(`  ${full.format(s.start)} – ${end}  ${formatDuration(s.end - s.start)}  ${source}${excluded}`);
    }
  }
  lines.push('');

  if (rates.open) lines.push(t('evidence_open'));
  lines.push(t('evidence_true_rate', trueRateText(rates.trueRate, rates.noTrueRate, t, locale)));
  lines.push(t('evidence_advertised_rate', rates.advertisedRate ? formatRate(rates.advertisedRate, locale) : unknown));
  const currency = task.reward?.currency;
  const minimum = currency !== undefined ? settings.minHourlyMinor[currency] : undefined;
  lines.push(currency !== undefined && minimum !== undefined ? t('evidence_minimum', formatRate({ minorPerHour: minimum, currency }, locale)) : t('evidence_minimum_none'));
  lines.push(t('evidence_idle_threshold', String(task.idleThresholdS)));
  lines.push(t('evidence_how', String(task.idleThresholdS)));
  return lines.join('\n');
}

/**
 * The bonus that would bring a task's pay to its advertised hourly rate, in the reward's minor
 * units: reward x counted / advertised time (exact, rounded up), minus what the task already paid in
 * that currency. Null when nothing is owed or it cannot be known (no reward, no advertised time, no
 * counted time, or less than MIN_RATE_SPAN_MS of it: the message cites the task's true rate, which it
 * then has not), and for tasks that did not end in pay: accepted (open, not done), previewed,
 * returned, rejected, expired, timed out, screened out.
 */
export function bonusOwed(task: TaskRecord): number | null {
  const advertisedMs = advertisedMsOf(task);
  if (!task.reward || advertisedMs === null || !isRateSpan(task.activeMs)) return null;
  if (statusClass(task.status) !== 'earning' || isOpen(task.status)) return null;
  const worth = mulDivCeil(task.reward.amountMinor, task.activeMs, advertisedMs);
  const owed = worth - (earnedInRewardCurrency(task) ?? 0);
  return owed > 0 ? owed : null;
}

/**
 * A short, polite message asking the requester for the bonus computed by bonusOwed, or null when
 * there is nothing to ask for.
 */
export function bonusRequestMessage(task: TaskRecord, settings: Settings, t: Translate, locale: string): string | null {
  const owed = bonusOwed(task);
  const reward = task.reward;
  if (owed === null || !reward) return null;
  const rates = taskRates(task, settings);
  const advertisedMs = advertisedMsOf(task) ?? 0;
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: reward.currency }, locale);
  const name = task.requesterName ?? null;
  return [
    name ? t('evidence_bonus_greeting', name) : t('evidence_bonus_greeting_anonymous'),
    '',
    t('evidence_bonus_body', [
      task.title ?? t('evidence_untitled'),
      task.externalId,
      formatRoughDuration(advertisedMs),
      money(reward.amountMinor),
      rates.advertisedRate ? formatRate(rates.advertisedRate, locale) : '',
      formatRoughDuration(task.activeMs),
      rates.trueRate ? formatRate(rates.trueRate, locale) : '',
    ]),
    t('evidence_bonus_ask', money(owed)),
    '',
    t('evidence_bonus_thanks'),
  ].join('\n');
}

/** A true rate for plain text, or why there is none, in words ("unknown" when nothing more is known). */
export function trueRateText(rate: HourlyRate | null, why: NoRateReason | null, t: Translate, locale: string): string {
  if (rate) return formatRate(rate, locale);
  if (why === 'too-short') return t('evidence_too_short', String(MIN_RATE_SPAN_MS / 1000));
  if (why === 'open') return t('rate_open');
  return t('evidence_unknown');
}

function requesterText(task: TaskRecord): string | null {
  if (task.requesterName && task.requesterId) return `${task.requesterName} (${task.requesterId})`;
  return task.requesterName ?? task.requesterId;
}

function formatRatio(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(ratio);
}
