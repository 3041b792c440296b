import type { RateTask } from '../model/records';
import type { Settings } from '../settings';
import { hourlyRate } from './hourly-rate';
import { isRateSpan } from './measured-rate';
import { medianInterval, medianRank } from './median-interval';
import { isFinished } from './status-class';
import { advertisedMsOf, earnedInRewardCurrency } from './task-rates';
import type { GroupStats, HourlyRate, MedianInterval } from './types';

interface Earned {
  minor: number;
  ms: number;
}

interface Gather {
  key: string;
  label: string | null;
  labelAt: number;
  n: number;
  /** Tasks per reward currency, to find the group's main currency. */
  perCurrency: Map<string, number>;
  /** Per currency: each task's true rate as the exact pair earned / counted ms. */
  rates: Map<string, Earned[]>;
  ratios: number[];
}

/** "platform:requesterId" or "platform:groupId"; null when the task has no such id. */
export function groupKeyOf(task: Pick<RateTask, 'platform' | 'groupId' | 'requesterId'>, by: 'requester' | 'group'): string | null {
  const id = by === 'requester' ? task.requesterId : task.groupId;
  return id === null || id === '' ? null : `${task.platform}:${id}`;
}

/**
 * Requesters or task groups over their finished tasks (every status but previewed and accepted:
 * an open task waits for its end, like everywhere else in rates).
 * Keys are "platform:requesterId" / "platform:groupId" (the same id on two platforms is two
 * requesters); tasks with no id are left out. The label is the requester's name or the group's
 * title as last seen.
 *
 * - medianTrueRate: median over the tasks paid in the group's main currency (the currency of most of
 *   its tasks; ties go to the first code) that have a true rate, i.e. at least MIN_RATE_SPAN_MS of
 *   counted time (a shorter task says nothing about the rate), rounded half up once. Rejected tasks
 *   count at 0, and returned, expired, timed-out and screened-out ones at their bonuses only
 *   (usually 0): that is what they paid for their time. n still counts every finished task, short
 *   ones included.
 * - trueRateInterval: the exact interval of that median (the same rule as ratio's), over the same
 *   tasks.
 * - ratio: median and exact 90% interval of counted / advertised time over tasks with an advertised
 *   time; n in it is that number of tasks.
 * - 'longer-than-advertised' when the median ratio >= longerRatio over at least groupMinN tasks;
 *   'below-minimum' when the median true rate is below the worker's minimum for that currency.
 * Never a bare verdict: callers show n and the interval with the flag. Sorted by key.
 */
export function groupStats(tasks: readonly RateTask[], by: 'requester' | 'group', settings: Settings): GroupStats[] {
  const groups = new Map<string, Gather>();
  for (const task of tasks) {
    if (!isFinished(task.status)) continue;
    const key = groupKeyOf(task, by);
    if (key === null) continue;
    let g = groups.get(key);
    if (!g) {
      g = { key, label: null, labelAt: -1, n: 0, perCurrency: new Map(), rates: new Map(), ratios: [] };
      groups.set(key, g);
    }
    g.n += 1;
    const label = (by === 'requester' ? task.requesterName : task.title) ?? null;
    if (label && task.acceptedAt >= g.labelAt) {
      g.label = label;
      g.labelAt = task.acceptedAt;
    }
    const advertisedMs = advertisedMsOf(task);
    if (advertisedMs !== null) g.ratios.push(task.activeMs / advertisedMs);
    if (task.reward) {
      const currency = task.reward.currency;
      g.perCurrency.set(currency, (g.perCurrency.get(currency) ?? 0) + 1);
      const earned = earnedInRewardCurrency(task);
      if (earned !== null && isRateSpan(task.activeMs)) {
        let list = g.rates.get(currency);
        if (!list) g.rates.set(currency, (list = []));
        list.push({ minor: earned, ms: task.activeMs });
      }
    }
  }

  const { longerRatio, groupMinN } = settings.flagThresholds;
  const out: GroupStats[] = [];
  for (const g of groups.values()) {
    const main = mainCurrency(g.perCurrency);
    const rates = main ? g.rates.get(main) : undefined;
    const median = main && rates && rates.length > 0 ? medianRate(rates, main) : null;
    const medianTrueRate = median?.rate ?? null;
    const trueRateInterval = median?.interval ?? null;
    const ratio = medianInterval(g.ratios, 0.9);
    const flags: GroupStats['flags'] = [];
    if (ratio && ratio.n >= groupMinN && ratio.median >= longerRatio) flags.push('longer-than-advertised');
    const minimum = medianTrueRate ? settings.minHourlyMinor[medianTrueRate.currency] : undefined;
    if (medianTrueRate && minimum !== undefined && medianTrueRate.minorPerHour < minimum) flags.push('below-minimum');
    out.push({ key: g.key, label: g.label, n: g.n, medianTrueRate, trueRateInterval, ratio, flags });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function mainCurrency(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestN = 0;
  for (const [currency, n] of counts) {
    if (n > bestN || (n === bestN && best !== null && currency < best)) {
      best = currency;
      bestN = n;
    }
  }
  return best;
}

/**
 * The median of true rates, rounded half up once from the exact value: one task's rate for an odd
 * count, the exact mean of the middle two, (a/b + c/d) / 2, for an even one. Its interval is the
 * pair of order statistics medianRank picks, each one task's own rate, so it needs no mean.
 */
function medianRate(rates: Earned[], currency: string): { rate: HourlyRate; interval: MedianInterval } | null {
  const xs = rates.sort((x, y) => x.minor / x.ms - y.minor / y.ms);
  const n = xs.length;
  const mid = n >> 1;
  const rate = n % 2 === 1 ? hourlyRate(xs[mid]!.minor, xs[mid]!.ms, currency) : meanOfTwo(xs[mid - 1]!, xs[mid]!, currency);
  const { k, coverage } = medianRank(n, 0.9);
  const low = hourlyRate(xs[k - 1]!.minor, xs[k - 1]!.ms, currency);
  const high = hourlyRate(xs[n - k]!.minor, xs[n - k]!.ms, currency);
  if (!rate || !low || !high) return null;
  return { rate, interval: { median: rate.minorPerHour, low: low.minorPerHour, high: high.minorPerHour, coverage, n } };
}

function meanOfTwo(a: Earned, b: Earned, currency: string): HourlyRate {
  // (a.minor/a.ms + b.minor/b.ms) / 2 per ms, times 3.6e6 per hour; floor((2n + d) / 2d) rounds half up.
  const n = (BigInt(a.minor) * BigInt(b.ms) + BigInt(b.minor) * BigInt(a.ms)) * 3_600_000n;
  const d = 2n * BigInt(a.ms) * BigInt(b.ms);
  return { minorPerHour: Number((2n * n + d) / (2n * d)), currency };
}
