import type { Bonus, TaskRecord } from '../model/records';
import type { Settings } from '../settings';
import { hourlyRate } from './hourly-rate';
import type { Money } from '../model/money';
import { measuredRate } from './measured-rate';
import { isFinished, isOpen, isPending, statusClass } from './status-class';
import type { NoRateReason, TaskFlag, TaskRates } from './types';

/**
 * Money a task brought in, per currency, sorted by currency code. The reward counts while the task
 * can earn (pending included; `pending` tells which). Bonuses count whatever the status (a
 * screen-out compensation is paid on a screened-out study) except for a rejected task, which earns
 * nothing. An unknown reward adds nothing, but the task's bonuses still count.
 */
export function taskEarnings(task: TaskRecord): Money[] {
  if (task.status === 'rejected') return [];
  const sums = new Map<string, number>();
  if (task.reward && statusClass(task.status) === 'earning' && task.reward.amountMinor > 0) {
    sums.set(task.reward.currency, task.reward.amountMinor);
  }
  for (const b of task.bonuses) sums.set(b.currency, (sums.get(b.currency) ?? 0) + b.amountMinor);
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** What the task brought in the reward's currency (reward if it can earn, plus those bonuses). */
export function earnedInRewardCurrency(task: Pick<TaskRecord, 'reward' | 'status'> & { bonuses: readonly Pick<Bonus, 'amountMinor' | 'currency'>[] }): number | null {
  if (!task.reward) return null;
  if (task.status === 'rejected') return 0;
  // Same rules as taskEarnings, without its allocations: groupStats calls this for every task.
  const currency = task.reward.currency;
  let sum = statusClass(task.status) === 'earning' ? task.reward.amountMinor : 0;
  for (const b of task.bonuses) if (b.currency === currency) sum += b.amountMinor;
  return sum;
}

/**
 * The platform's estimate of the work in ms, or null when unknown. Only advertisedSeconds is an
 * estimate: MTurk's allotted time (allottedSeconds) is a deadline and never stands in for one, and
 * a record whose advertised kind says "allotted" is refused the same way. Offers carry the same
 * two fields, so an offer's advertised time is read here too.
 */
export function advertisedMsOf(task: Pick<TaskRecord, 'advertisedSeconds' | 'advertisedKind'>): number | null {
  const s = task.advertisedSeconds;
  if (s === null || !(s > 0) || task.advertisedKind === 'allotted') return null;
  return s * 1000;
}

/**
 * A task's rates and flags (lib/rates/types.ts). Decisions beyond the design:
 * - The true rate is what the task actually brought, in the reward's currency, over counted time:
 *   0 for a rejected task, bonuses only for a returned or screened-out one; null for a preview.
 * - An open task (accepted) has no true rate yet: a few seconds in, its reward over its time means
 *   nothing. Its reward over the time so far is kept apart as rateSoFar.
 * - No true rate under MIN_RATE_SPAN_MS of counted time (measured-rate.ts).
 * - "Longer than advertised" is raised only once work is over (every status but previewed and
 *   accepted): while a task is open the ratio is still growing and the popup shows it live.
 * - "Below your minimum" is raised only for tasks that can earn (accepted, submitted, approved,
 *   paid); for returned, rejected... tasks "unpaid work" says more, and a few seconds of a returned
 *   task are not a rate. For an open task it rests on rateSoFar, which only falls as work goes on:
 *   once under the minimum, the task will end under it (unless a bonus comes).
 * - "Unpaid work" needs real time: counted time > 0 and >= flagThresholds.unpaidMinS.
 */
export function taskRates(task: TaskRecord, settings: Settings): TaskRates {
  const countedMs = task.activeMs;
  const klass = statusClass(task.status);
  const open = isOpen(task.status);
  const reward = task.reward;
  const advertisedMs = advertisedMsOf(task);

  const advertisedRate = reward && advertisedMs !== null ? hourlyRate(reward.amountMinor, advertisedMs, reward.currency) : null;
  const own = earnedInRewardCurrency(task);
  const measured = reward && own !== null && klass !== 'preview' ? measuredRate(own, countedMs, reward.currency) : null;
  const trueRate = open ? null : (measured?.rate ?? null);
  const rateSoFar = open ? (measured?.rate ?? null) : null;
  const noTrueRate: NoRateReason | null = trueRate ? null : klass === 'preview' ? 'unknown' : open ? 'open' : (measured?.why ?? 'unknown');
  const timeRatio = advertisedMs !== null ? countedMs / advertisedMs : null;

  const flags: TaskFlag[] = [];
  const { longerRatio, unpaidMinS } = settings.flagThresholds;
  if (timeRatio !== null && isFinished(task.status) && timeRatio >= longerRatio) flags.push('longer-than-advertised');
  const judged = trueRate ?? rateSoFar;
  const minimum = judged ? settings.minHourlyMinor[judged.currency] : undefined;
  if (judged && klass === 'earning' && minimum !== undefined && judged.minorPerHour < minimum) flags.push('below-minimum');
  if (klass === 'unpaid' && countedMs > 0 && countedMs >= unpaidMinS * 1000) flags.push('unpaid-work');

  return {
    countedMs,
    earned: taskEarnings(task),
    pending: isPending(task.status),
    open,
    advertisedRate,
    trueRate,
    noTrueRate,
    rateSoFar,
    timeRatio,
    flags,
  };
}
