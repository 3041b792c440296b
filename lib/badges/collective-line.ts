import { formatRate } from '../format-rate';
import { formatDate } from '../format';
import { plural } from '../i18n/plural';
import type { Translate } from '../i18n/translate';
import type { RateTask } from '../model/records';
import type { CollectiveFigure, CollectiveIndex } from '../share/collective-index';
import { paceFor, type Pace } from '../share/pace';

/** A collective's figure as a badge shows it: one short line and its sentences. */
export interface CollectiveLine {
  /** "$6.10/h · n = 420 · 37 workers · Turkers United, 24 Nov 2026", or the rate at the worker's pace. */
  text: string;
  /** Everything in sentences: the feed, n and contributors, the spread, the time, the pace. */
  label: string;
  /** Whose figure: the task group's, or (a group the collective has too few workers on) its requester's. */
  scope: 'group' | 'requester';
  /** The worker's pace against the collective's median time, when both know the group. */
  pace: { factor: number; n: number } | null;
}

/**
 * The collective's figure beside an offer: the task group's when a feed publishes it in the offer's
 * currency, else the requester's. Always with n, the number of workers and the feed's name and
 * date (a figure without them cannot be weighed). Where the worker has their own times on the
 * group, the rate is also given at their pace (lib/share/pace.ts), saying so.
 */
export function collectiveLine(
  index: CollectiveIndex,
  key: { platform: string; groupId: string; requesterId: string | null; currency: string | null },
  ownGroupTasks: readonly RateTask[],
  t: Translate,
  locale: string,
  now: number,
): CollectiveLine | null {
  if (key.currency === null) return null;
  const group = index.figure(key.platform, 'group', key.groupId, key.currency);
  const found: CollectiveFigure | null = group ?? (key.requesterId ? index.figure(key.platform, 'requester', key.requesterId, key.currency) : null);
  if (!found || found.expiresAt <= now) return null;
  const scope = group ? 'group' : 'requester';
  const g = found.group;
  const count = new Intl.NumberFormat(locale);
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const rate = (minorPerHour: number) => formatRate({ minorPerHour, currency: g.currency }, locale);
  const pace: Pace | null = scope === 'group' ? paceFor(ownGroupTasks, g) : null;
  const date = formatDate(found.publishedAt, locale);
  const who = t(scope === 'group' ? 'collective_feed_group' : 'collective_feed_requester', [found.feedName, date]);
  const workers = plural(t, locale, 'collective_workers', g.contributors, count.format(g.contributors));

  const shortParts: string[] = [];
  if (g.rate) {
    shortParts.push(
      pace?.scaledRateMinor != null
        ? t('collective_rate_at_pace', [rate(pace.scaledRateMinor), `${one.format(pace.factor)}×`])
        : rate(g.rate.median),
    );
  } else shortParts.push(t('collective_no_rate'));
  shortParts.push(t('collective_n', count.format(g.tasks)), workers);
  // The figure first, then whose it is: cut off at the badge's end, the rate still shows.
  const text = [...shortParts, who].join(' · ');

  const sentences: string[] = [plural(t, locale, 'collective_label_intro', g.tasks, [found.feedName, date, count.format(g.tasks), workers])];
  if (g.rate) sentences.push(t('collective_label_rate', [rate(g.rate.median), rate(g.rate.p25), rate(g.rate.p75)]));
  if (g.ratio && 'median' in g.ratio) {
    sentences.push(t('collective_label_ratio', [`${one.format(g.ratio.median)}×`, `${one.format(g.ratio.low)}×`, `${one.format(g.ratio.high)}×`, percent.format(g.ratio.coverage)]));
  } else if (g.ratio) {
    sentences.push(t('collective_label_ratio_band', [`${one.format(g.ratio.band[0])}×`, `${one.format(g.ratio.band[1])}×`]));
  }
  sentences.push(t('collective_label_unpaid', [percent.format(g.rejectedShare), percent.format(g.returnedShare)]));
  if (pace?.scaledRateMinor != null) {
    sentences.push(plural(t, locale, 'collective_label_pace', pace.n, [`${one.format(pace.factor)}×`, count.format(pace.n), rate(pace.scaledRateMinor)]));
  }
  if (scope === 'requester') sentences.push(t('collective_label_requester'));
  return { text, label: sentences.join(' '), scope, pace: pace ? { factor: pace.factor, n: pace.n } : null };
}
