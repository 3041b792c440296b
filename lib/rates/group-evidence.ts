import type { TaskRecord } from '../model/records';
import { formatDuration } from '../format';
import { formatRate } from '../format-rate';
import { plural } from '../i18n/plural';
import type { Translate } from '../i18n/translate';
import type { Settings } from '../settings';
import { trueRateText } from './evidence';
import { groupKeyOf } from './group-stats';
import { isFinished, isOpen } from './status-class';
import { advertisedMsOf, taskRates } from './task-rates';
import type { GroupStats } from './types';

/** At most this many task lines: enough to show the pattern, short enough to paste in a message. */
const MAX_LINES = 200;

/**
 * Plain text the worker can copy or save about a requester or task group ("evidence for fair pay"):
 * who, over how many finished tasks (tasks still open are only counted, in one line: they have no
 * rate yet), the median of time taken / time advertised with
 * its exact 90 % interval and true coverage, the median true rate, the worker's minimum, how time
 * is counted, then one line per task (newest first). Never a bare verdict: n and the interval are
 * always in it. Page text (names, titles) is copied as is: plain text, never HTML.
 */
export function groupEvidenceSummary(
  stats: GroupStats,
  by: 'requester' | 'group',
  tasks: readonly TaskRecord[],
  settings: Settings,
  t: Translate,
  locale: string,
  timeZone?: string,
): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const date = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const mine = tasks
    .filter((task) => isFinished(task.status) && groupKeyOf(task, by) === stats.key)
    .sort((a, b) => b.acceptedAt - a.acceptedAt);
  const open = tasks.filter((task) => isOpen(task.status) && groupKeyOf(task, by) === stats.key).length;
  const [platform = '', ...rest] = stats.key.split(':');
  const unknown = t('evidence_unknown');

  const lines = [t(by === 'requester' ? 'evidence_group_title_requester' : 'evidence_group_title_group'), ''];
  lines.push(t(by === 'requester' ? 'evidence_group_requester' : 'evidence_group_group', [stats.label ?? unknown, rest.join(':')]));
  lines.push(t('evidence_platform', t(`platform_${platform}`)));
  lines.push(t('evidence_group_n', number.format(stats.n)));
  if (open > 0) lines.push(plural(t, locale, 'evidence_group_open', open));
  if (stats.ratio) {
    const r = stats.ratio;
    // Of its numbers only n counts things ("over 1 task"): it picks the form.
    lines.push(
      plural(t, locale, 'evidence_group_ratio', r.n, [number.format(r.median), number.format(r.low), number.format(r.high), percent.format(r.coverage), number.format(r.n)]),
    );
  } else {
    lines.push(t('evidence_group_no_ratio'));
  }
  lines.push(t('evidence_group_rate', stats.medianTrueRate ? formatRate(stats.medianTrueRate, locale) : unknown));
  const currency = stats.medianTrueRate?.currency;
  const minimum = currency ? settings.minHourlyMinor[currency] : undefined;
  if (currency && minimum !== undefined) lines.push(t('evidence_minimum', formatRate({ minorPerHour: minimum, currency }, locale)));
  lines.push(t('evidence_how', String(settings.idleThresholdS)), '', t('evidence_group_tasks'));
  for (const task of mine.slice(0, MAX_LINES)) {
    const rates = taskRates(task, settings);
    const advertised = advertisedMsOf(task);
    lines.push(
      t('evidence_group_task_line', [
        date.format(task.acceptedAt),
        task.title ?? t('evidence_untitled'),
        advertised === null ? unknown : formatDuration(advertised),
        formatDuration(rates.countedMs),
        trueRateText(rates.trueRate, rates.noTrueRate, t, locale),
        t(`status_${task.status.replace(/-/g, '_')}`),
      ]),
    );
  }
  const older = mine.length - MAX_LINES;
  if (older > 0) lines.push(plural(t, locale, 'evidence_group_more', older, number.format(older)));
  return lines.join('\n');
}
