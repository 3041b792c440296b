import { formatRate } from '../format-rate';
import { plural } from '../i18n/plural';
import type { Translate } from '../i18n/translate';
import type { AdvertisedKind } from '../model/advertised-kind';
import type { Money } from '../model/money';
import type { PlatformId } from '../model/platform-id';
import type { RateTask, TaskStatus } from '../model/records';
import { groupKeyOf, groupStats } from '../rates/group-stats';
import { hourlyRate } from '../rates/hourly-rate';
import { isFinished, statusClass } from '../rates/status-class';
import { advertisedMsOf } from '../rates/task-rates';
import type { HourlyRate, MedianInterval } from '../rates/types';
import type { Settings } from '../settings';
import type { CollectiveIndex } from '../share/collective-index';
import { collectiveLine, type CollectiveLine } from './collective-line';

/**
 * What a badge beside an offer on a platform's own list or preview page shows, computed in the
 * background from the worker's own history. The content script that draws it gets this plain
 * object and sets its strings as text: everything is formatted here, in the worker's language, so
 * the badge needs neither lib/rates nor a translator of its own.
 */
export interface OfferBadge {
  groupId: string;
  /** How the worker's history of this offer compares with their minimum (see badgeTone). */
  tone: BadgeTone;
  /** The tone as a shape, so that colour never carries the meaning alone. */
  mark: BadgeMark;
  /** One short line: "You: $5.10/h · n = 14 · 2.3× advertised time", or "No history yet · …". */
  text: string;
  /** The requester's figures in one short line; null when the worker has no history with them. */
  requesterText: string | null;
  /** Short facts: "Done 3 times", "Seen 5 times", "Returned 2 of 9", a flag in words. */
  marks: string[];
  /**
   * What the badge shows beside its line, never cut off: "Done ×3" (repeating a task can get it
   * rejected), else "Seen ×5" from the second sighting on.
   */
  chip: string | null;
  /** Everything above as full sentences, for screen readers (and a tooltip). */
  label: string;
  /**
   * The collective's figure for the group (else its requester) from the feeds the worker
   * subscribes to, with n, workers, the feed's name and date, and the worker's pace; null without one.
   */
  collective: CollectiveLine | null;
}

export type BadgeTone = 'good' | 'warn' | 'bad' | 'none';
export type BadgeMark = '✓' | '!' | '✗' | '–' | '?';
export type BadgeFlag = 'longer-than-advertised' | 'below-minimum';

const MARK: Readonly<Record<BadgeTone, BadgeMark>> = { good: '✓', warn: '!', bad: '✗', none: '?' };
/** A history without a verdict (no minimum in that currency, or too few tasks): figures, not a question. */
const NO_VERDICT: BadgeMark = '–';

/**
 * What a badge needs of an offer: a stored OfferRecord fits, and so does a group that only the
 * page's own address names (a preview page of a group no list showed: seenCount 0, nothing
 * advertised). requesterId is the requester TrueRate recorded for the group, not the page's word.
 */
export interface BadgeOffer {
  groupId: string;
  requesterId: string | null;
  reward: Money | null;
  advertisedSeconds: number | null;
  advertisedKind: AdvertisedKind | null;
  seenCount: number;
}

/** The worker's history of one task group or one requester, in the badge's currency. */
export interface ScopeFigures {
  /** Finished tasks (every status but previewed and accepted). */
  n: number;
  /**
   * Median true rate over the finished tasks paid in the badge's currency that have a true rate
   * (groupStats' rule: unpaid ones count at what they paid, usually 0), and its exact interval,
   * whose n is the number of those tasks. Null when none has one.
   */
  rate: HourlyRate | null;
  rateInterval: MedianInterval | null;
  /** Median counted / advertised time over the finished tasks with an advertised time, any currency. */
  ratio: MedianInterval | null;
  /**
   * groupStats' flags: longer than advertised over groupMinN tasks with an advertised time; below
   * the minimum, here only over groupMinN tasks with a true rate, like the tone.
   */
  flags: BadgeFlag[];
  /** Finished tasks of any unpaid status (returned, rejected, expired, timed out, screened out). */
  unpaid: number;
  returned: number;
  rejected: number;
}

export interface OfferFigures {
  /** The offer's reward currency; else the main currency of the history; null when none is known. */
  currency: string | null;
  /** Null when the worker has finished no task of the group (or of the requester). */
  group: ScopeFigures | null;
  requester: ScopeFigures | null;
  /** Whose rate the tone rests on: the group's when it has enough tasks, else the requester's. */
  basis: 'group' | 'requester' | null;
  /** The worker's minimum in `currency`, minor units per hour; null when none is set. */
  minimum: number | null;
  tone: BadgeTone;
  /** Tasks of this group the worker handed in: submitted, approved, rejected or paid. */
  done: number;
  /** How many times the worker saw the offer on a list. */
  seen: number;
  /** Reward / advertised time; null when either is unknown (a deadline is never an estimate). */
  advertisedRate: HourlyRate | null;
}

export interface BadgeOptions {
  /** The platform of the page: the offer's group and requester keys are on it. */
  platform: PlatformId;
  /**
   * Figures already computed (newFigureCache): the offers of a list share a few requesters, whose
   * thousands of tasks are then gone through once, not once per offer, and a page loaded again
   * with nothing changed computes nothing. An entry holds while the same task list (the same
   * array: the reader hands the same one back while a scope's record is unchanged) and the same
   * settings ask for it.
   */
  cache?: FigureCache;
  /** The subscribed collectives' figures (lib/share/collective-index.ts) and the time to judge their expiry by. */
  collective?: { index: CollectiveIndex; now: number };
}

interface Cached<T> {
  tasks: readonly RateTask[];
  settings: string;
  value: T;
}

/** Scope figures and main currencies by scope, key and currency. */
export interface FigureCache {
  scopes: Map<string, Cached<ScopeFigures | null>>;
  currencies: Map<string, Cached<string | null>>;
}

/** Entries kept at most, per kind: a long session over many lists forgets its oldest. */
const CACHE_MAX = 2000;

export const newFigureCache = (): FigureCache => ({ scopes: new Map(), currencies: new Map() });

function cached<T>(map: Map<string, Cached<T>> | undefined, key: string, tasks: readonly RateTask[], settings: Settings, make: () => T): T {
  if (!map) return make();
  const settingsKey = JSON.stringify(settings);
  const hit = map.get(key);
  if (hit && hit.tasks === tasks && hit.settings === settingsKey) return hit.value;
  const value = make();
  if (map.size >= CACHE_MAX) map.delete(map.keys().next().value!);
  map.set(key, { tasks, settings: settingsKey, value });
  return value;
}

/** Statuses of work the worker handed in, whatever became of it. */
const HANDED_IN: ReadonlySet<TaskStatus> = new Set(['submitted', 'approved', 'rejected', 'paid']);

/**
 * The tone of a badge: the lower end of the exact 90% interval of the median true rate against the
 * worker's minimum for that currency. Low end at or above the minimum: good. Median at or above it
 * but the low end below: warn. Median below: bad. No minimum set in that currency, or fewer than
 * groupMinN tasks with a true rate behind the median: none. Why the low end: a median over a
 * handful of tasks moves a lot, and "good" should mean the history leaves little doubt.
 */
export function badgeTone(interval: MedianInterval | null, minimum: number | null, minN: number): BadgeTone {
  if (interval === null || minimum === null || interval.n < minN) return 'none';
  if (interval.low >= minimum) return 'good';
  return interval.median >= minimum ? 'warn' : 'bad';
}

function scopeFigures(
  tasks: readonly RateTask[],
  by: 'group' | 'requester',
  key: string,
  currency: string | null,
  settings: Settings,
): ScopeFigures | null {
  const mine = tasks.filter((task) => groupKeyOf(task, by) === key);
  const all = groupStats(mine, by, settings).find((g) => g.key === key);
  if (!all) return null;
  // The rate in the badge's currency only: money is never mixed, and the offer is paid in it.
  const paid = currency === null ? undefined : groupStats(mine.filter((task) => task.reward?.currency === currency), by, settings).find((g) => g.key === key);
  const finished = mine.filter((task) => isFinished(task.status));
  return {
    n: all.n,
    rate: paid?.medianTrueRate ?? null,
    rateInterval: paid?.trueRateInterval ?? null,
    ratio: all.ratio,
    // "Below your minimum" over as many tasks as the tone needs, so a badge never flags a rate that
    // it calls too thin to judge (groupStats raises it from one task, with n beside it).
    flags: [
      ...all.flags.filter((f) => f === 'longer-than-advertised'),
      ...((paid?.trueRateInterval?.n ?? 0) >= settings.flagThresholds.groupMinN ? (paid?.flags.filter((f) => f === 'below-minimum') ?? []) : []),
    ],
    unpaid: finished.filter((task) => statusClass(task.status) === 'unpaid').length,
    returned: finished.filter((task) => task.status === 'returned').length,
    rejected: finished.filter((task) => task.status === 'rejected').length,
  };
}

/** The main currency of some tasks as groupStats picks it (most tasks; ties to the first code). */
function mainCurrency(tasks: readonly RateTask[], by: 'group' | 'requester', key: string, settings: Settings): string | null {
  return groupStats(tasks.filter((task) => groupKeyOf(task, by) === key), by, settings)[0]?.medianTrueRate?.currency ?? null;
}

/**
 * The figures behind a badge, all from lib/rates over the worker's own tasks: for the task group
 * and for its requester, the median true rate with its interval and the median time ratio with its
 * interval, the flags, and how much of the work went unpaid; how many times the worker did this
 * group and saw this offer; the advertised rate. Figures are in the offer's reward currency (tasks
 * paid in another one are left out of the rate, not converted).
 */
export function offerFigures(
  offer: BadgeOffer,
  groupTasks: readonly RateTask[],
  requesterTasks: readonly RateTask[],
  settings: Settings,
  opts: BadgeOptions,
): OfferFigures {
  const groupKey = `${opts.platform}:${offer.groupId}`;
  const requesterKey = offer.requesterId ? `${opts.platform}:${offer.requesterId}` : null;
  const { scopes, currencies } = opts.cache ?? {};
  const currency =
    offer.reward?.currency ??
    cached(currencies, `group ${groupKey}`, groupTasks, settings, () => mainCurrency(groupTasks, 'group', groupKey, settings)) ??
    (requesterKey ? cached(currencies, `requester ${requesterKey}`, requesterTasks, settings, () => mainCurrency(requesterTasks, 'requester', requesterKey, settings)) : null);
  const group = cached(scopes, `group ${groupKey} ${currency}`, groupTasks, settings, () => scopeFigures(groupTasks, 'group', groupKey, currency, settings));
  const requester = requesterKey
    ? cached(scopes, `requester ${requesterKey} ${currency}`, requesterTasks, settings, () => scopeFigures(requesterTasks, 'requester', requesterKey, currency, settings))
    : null;

  const minN = settings.flagThresholds.groupMinN;
  const enough = (s: ScopeFigures | null) => s !== null && s.rateInterval !== null && s.rateInterval.n >= minN;
  const basis = enough(group) ? 'group' : enough(requester) ? 'requester' : null;
  const minimum = currency === null ? null : (settings.minHourlyMinor[currency] ?? null);
  const judged = basis === 'group' ? group : basis === 'requester' ? requester : null;

  const advertisedMs = advertisedMsOf(offer);
  const advertisedRate = offer.reward && advertisedMs !== null ? hourlyRate(offer.reward.amountMinor, advertisedMs, offer.reward.currency) : null;
  const done = groupTasks.filter((task) => groupKeyOf(task, 'group') === groupKey && HANDED_IN.has(task.status)).length;

  return {
    currency,
    group,
    requester,
    basis,
    minimum,
    tone: badgeTone(judged?.rateInterval ?? null, minimum, minN),
    done,
    seen: offer.seenCount,
    advertisedRate,
  };
}

/**
 * The badge of one offer, in the worker's language (`t`, `locale`): offerFigures put in words. The
 * short text gives the group's figure; the requester's has its own line; the label says it all in
 * sentences, with n and the intervals, never a bare verdict.
 */
export function offerBadge(
  offer: BadgeOffer,
  groupTasks: readonly RateTask[],
  requesterTasks: readonly RateTask[],
  settings: Settings,
  t: Translate,
  locale: string,
  opts: BadgeOptions,
): OfferBadge {
  const f = offerFigures(offer, groupTasks, requesterTasks, settings, opts);
  const words = badgeWords(locale);

  const short = (s: ScopeFigures) => {
    const parts = [s.rate ? t('badge_rate_n', [formatRate(s.rate, locale), words.count(s.rateInterval?.n ?? s.n)]) : t('badge_no_rate_n', words.count(s.n))];
    if (s.ratio) parts.push(t('badge_ratio', words.ratio(s.ratio.median)));
    return parts.join(' · ');
  };
  const requesterText = f.requester ? t('badge_requester', short(f.requester)) : null;
  // The short line says what the tone rests on: the group's figure, else (a group new to the
  // worker) the requester's, else that there is no history, with the advertised rate if known.
  const advertised = f.advertisedRate ? [t('badge_advertised', formatRate(f.advertisedRate, locale))] : [];
  const text = f.group
    ? t('badge_you', short(f.group))
    : requesterText
      ? [t('badge_new_group'), requesterText].join(' · ')
      : [t('badge_no_history'), ...advertised].join(' · ');

  const marks: string[] = [];
  const flagged = (flag: BadgeFlag) => f.group?.flags.includes(flag) || f.requester?.flags.includes(flag);
  if (flagged('longer-than-advertised')) marks.push(t('badge_flag_longer'));
  if (flagged('below-minimum')) marks.push(t('badge_flag_below'));
  // The share of unpaid work is the requester's; on a platform that names no requester, the group's.
  const unpaidOf = f.requester ?? f.group;
  if (unpaidOf && unpaidOf.returned > 0) marks.push(plural(t, locale, 'badge_returned', unpaidOf.returned, [words.count(unpaidOf.returned), words.count(unpaidOf.n)]));
  if (unpaidOf && unpaidOf.rejected > 0) marks.push(plural(t, locale, 'badge_rejected', unpaidOf.rejected, [words.count(unpaidOf.rejected), words.count(unpaidOf.n)]));
  if (f.done > 0) marks.push(plural(t, locale, 'badge_done', f.done));
  // Every offer on the page is being seen now; only a second sighting tells the worker anything.
  if (f.seen > 1) marks.push(plural(t, locale, 'badge_seen', f.seen));

  return {
    groupId: offer.groupId,
    tone: f.tone,
    mark: f.tone === 'none' && (f.group || f.requester) ? NO_VERDICT : MARK[f.tone],
    text,
    requesterText,
    marks,
    chip: f.done > 0 ? t('badge_chip_done', words.count(f.done)) : f.seen > 1 ? t('badge_chip_seen', words.count(f.seen)) : null,
    label: badgeLabel(f, t, locale, settings, words, unpaidOf === f.requester ? 'requester' : 'group'),
    collective: opts.collective
      ? collectiveLine(opts.collective.index, { platform: opts.platform, groupId: offer.groupId, requesterId: offer.requesterId, currency: f.currency }, groupTasks.filter((task) => groupKeyOf(task, 'group') === `${opts.platform}:${offer.groupId}`), t, locale, opts.collective.now)
      : null,
  };
}

interface Words {
  count: (n: number) => string;
  ratio: (x: number) => string;
  percent: (x: number) => string;
  rate: (minorPerHour: number, currency: string) => string;
}

const wordsByLocale = new Map<string, Words>();

function badgeWords(locale: string): Words {
  let words = wordsByLocale.get(locale);
  if (!words) wordsByLocale.set(locale, (words = makeWords(locale)));
  return words;
}

function makeWords(locale: string): Words {
  const count = new Intl.NumberFormat(locale);
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    count: (n) => count.format(n),
    ratio: (x) => `${one.format(x)}×`,
    percent: (x) => percent.format(x),
    rate: (minorPerHour, currency) => formatRate({ minorPerHour, currency }, locale),
  };
}

const TONE_SENTENCE: Readonly<Record<Exclude<BadgeTone, 'none'>, string>> = {
  good: 'badge_label_tone_good',
  warn: 'badge_label_tone_warn',
  bad: 'badge_label_tone_bad',
};

function badgeLabel(f: OfferFigures, t: Translate, locale: string, settings: Settings, w: Words, unpaidScope: 'group' | 'requester'): string {
  const sentences: string[] = [t('badge_label_intro')];
  const scopeSentences = (s: ScopeFigures, scope: string) => {
    if (s.rate && s.rateInterval) {
      const i = s.rateInterval;
      sentences.push(plural(t, locale, 'badge_label_rate', i.n, [scope, formatRate(s.rate, locale), w.count(i.n)]));
      // Its real coverage, which is below 90% under five tasks: [min, max] is all there is then.
      if (i.n > 1) sentences.push(t('badge_label_rate_interval', [w.rate(i.low, s.rate.currency), w.rate(i.high, s.rate.currency), w.percent(i.coverage)]));
    } else if (f.currency !== null) {
      sentences.push(plural(t, locale, 'badge_label_no_rate', s.n, [scope, w.count(s.n), f.currency]));
    } else {
      sentences.push(plural(t, locale, 'badge_label_no_reward', s.n, [scope, w.count(s.n)]));
    }
    if (s.ratio) {
      sentences.push(plural(t, locale, 'badge_label_ratio', s.ratio.n, [w.ratio(s.ratio.median), w.ratio(s.ratio.low), w.ratio(s.ratio.high), w.count(s.ratio.n)]));
      if (s.flags.includes('longer-than-advertised')) sentences.push(t('badge_label_longer', scope));
    }
  };
  if (f.group) scopeSentences(f.group, t('badge_scope_group'));
  else sentences.push(t('badge_label_no_history_group'));
  if (f.requester) scopeSentences(f.requester, t('badge_scope_requester'));
  // Unpaid work is in the rates above at what it paid: said once, wherever it is.
  if ((f.group?.unpaid ?? 0) > 0 || (f.requester?.unpaid ?? 0) > 0) sentences.push(t('badge_label_unpaid_counted'));

  const unpaidOf = unpaidScope === 'requester' ? f.requester : f.group;
  if (unpaidOf && (unpaidOf.returned > 0 || unpaidOf.rejected > 0)) {
    const scope = t(unpaidScope === 'requester' ? 'badge_scope_requester' : 'badge_scope_group');
    sentences.push(plural(t, locale, 'badge_label_returned_rejected', unpaidOf.n, [scope, w.count(unpaidOf.returned), w.count(unpaidOf.rejected), w.count(unpaidOf.n)]));
  }

  const judged = f.basis === 'group' ? f.group : f.basis === 'requester' ? f.requester : null;
  if (f.basis === 'requester') sentences.push(t('badge_label_basis_requester'));
  if (f.tone !== 'none' && f.currency !== null && f.minimum !== null && judged?.rateInterval) {
    const scope = t(f.basis === 'group' ? 'badge_scope_group' : 'badge_scope_requester');
    sentences.push(t(TONE_SENTENCE[f.tone], [scope, w.rate(f.minimum, f.currency), w.rate(judged.rateInterval.low, f.currency)]));
  } else if (f.currency !== null && f.minimum === null) {
    sentences.push(t('badge_label_no_minimum', f.currency));
  } else if (f.currency !== null && (f.group || f.requester)) {
    sentences.push(plural(t, locale, 'badge_label_too_few', settings.flagThresholds.groupMinN));
  }

  if (f.done > 0) sentences.push(plural(t, locale, 'badge_label_done', f.done));
  if (f.seen > 1) sentences.push(plural(t, locale, 'badge_label_seen', f.seen));
  sentences.push(f.advertisedRate ? t('badge_label_advertised', formatRate(f.advertisedRate, locale)) : t('badge_label_no_advertised'));
  return sentences.join(' ');
}
