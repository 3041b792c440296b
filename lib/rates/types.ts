/**
 * The contract of lib/rates: what the popup, the dashboard, CSV export and evidence read. The rules
 * are in docs/rates.md. Everything here is plain data; money is integer minor units, sums only
 * within one currency, and rates are integer minor units per hour (rounded half up once, from exact
 * integer sums).
 *
 * Two rules hold for every rate here, so that no view needs a special case of its own:
 * - An open task (status `accepted`: see isOpen in status-class.ts) is counted apart. Its time is
 *   shown (openMs, openTasks) but neither its money nor its time is in any rate, in earned or in
 *   pending, until it ends.
 * - No rate is given over less than MIN_RATE_SPAN_MS of counted time (measured-rate.ts), for one
 *   task or for a period's summed time: the rate is null and the reason says "too short".
 */
import type { Money } from '../model/money';

export interface HourlyRate {
  /** Minor units per hour, e.g. { minorPerHour: 1200, currency: 'USD' } is $12.00/h. */
  minorPerHour: number;
  currency: string;
}

/**
 * Why a rate is null, so that the place of the rate can say it in words:
 * - `open`: the task is still open; it gets a rate when it ends.
 * - `unknown`: nothing to divide (a preview, or no known reward).
 * - `no-time`: no counted time.
 * - `too-short`: counted time above 0 but under MIN_RATE_SPAN_MS.
 * Period rates (CurrencySummary) only ever say `no-time` or `too-short`.
 */
export type NoRateReason = 'open' | 'unknown' | 'no-time' | 'too-short';

export type TaskFlag = 'longer-than-advertised' | 'below-minimum' | 'unpaid-work';
export const TASK_FLAGS: readonly TaskFlag[] = ['longer-than-advertised', 'below-minimum', 'unpaid-work'];

/** What one task paid and how it compares with what it advertised. */
export interface TaskRates {
  /** Active time that counts: the task's segments minus those the worker excluded. */
  countedMs: number;
  /**
   * Reward plus bonuses, per currency, sorted by code. The reward counts while the task can earn
   * (accepted, submitted, approved, paid); bonuses count for any status but rejected (a rejected task
   * earns nothing: empty). An unknown reward adds nothing; the task's bonuses still count.
   */
  earned: Money[];
  /** True while the platform has not approved or paid (accepted, submitted). */
  pending: boolean;
  /** True while the task is open (accepted, not ended): it has no true rate yet. */
  open: boolean;
  /**
   * Reward / advertised time; null when either is unknown. Advertised time is the platform's
   * figure, not a measurement, so the span floor does not apply to it.
   */
  advertisedRate: HourlyRate | null;
  /**
   * (Reward + bonuses in the reward's currency) / counted time, once the task has ended. Null while
   * it is open, when unknown, with no counted time or under MIN_RATE_SPAN_MS of it: noTrueRate says
   * which.
   */
  trueRate: HourlyRate | null;
  /** Why trueRate is null; null when there is a true rate. */
  noTrueRate: NoRateReason | null;
  /**
   * An open task's reward (and same-currency bonuses) over its counted time so far, from
   * MIN_RATE_SPAN_MS on; null once it has ended (trueRate then) or below the floor. It only ever
   * falls as work goes on, so it backs the "below your minimum" flag of an open task and the words
   * that explain it; it is no true rate and no view shows it as one.
   */
  rateSoFar: HourlyRate | null;
  /** Counted time / advertised time; null when advertised time is unknown. */
  timeRatio: number | null;
  flags: TaskFlag[];
}

/** Where a period's time went, in ms (the all-in rate counts all of it but the open tasks'). */
export interface TimeSplit {
  /** Counted time in ended tasks that can earn (submitted, approved, paid). */
  taskMs: number;
  /**
   * Time on platform pages with no task open, given to this currency (summarize explains how);
   * previews and tasks with no known money count here too.
   */
  overheadMs: number;
  /** Counted time in returned, rejected, expired, timed-out and screened-out tasks. */
  unpaidMs: number;
  /**
   * Counted time so far in open tasks (accepted, not ended). Shown apart ("in progress"); in no
   * rate's denominator, so that a task in progress moves neither rate until it ends.
   */
  openMs: number;
  /** How many open tasks openMs comes from. */
  openTasks: number;
}

/** Totals of one group (a day, a requester, a platform…) in one currency. */
export interface CurrencySummary extends TimeSplit {
  currency: string;
  /** Approved and paid money, plus bonuses of ended tasks (an open task's bonus waits for its end). */
  earnedMinor: number;
  /** Submitted, not yet approved. An open task's reward is not pending until the task ends. */
  pendingMinor: number;
  /** Ended tasks counted in this currency (open ones are in openTasks). */
  tasks: number;
  /** (earned + pending) / taskMs; null under MIN_RATE_SPAN_MS of taskMs (noTrueRate says why). */
  trueRate: HourlyRate | null;
  noTrueRate: 'no-time' | 'too-short' | null;
  /** (earned + pending) / (taskMs + overheadMs + unpaidMs), with the same floor on that sum. */
  allInRate: HourlyRate | null;
  noAllInRate: 'no-time' | 'too-short' | null;
}

export type GroupBy = 'day' | 'week' | 'month' | 'platform' | 'requester' | 'group' | 'task';

export interface GroupSummary {
  /**
   * Day "2026-11-28", ISO week "2026-W48", month "2026-11" (in the time zone asked for); the
   * platform id; "platform:requesterId" or "platform:groupId" (nothing after the colon when unknown);
   * or the task id.
   */
  key: string;
  /** Per currency, sorted by currency code. */
  currencies: CurrencySummary[];
  /** Overhead that could not be given to a currency (no task that period); still shown as time. */
  unattributedOverheadMs: number;
  /** Open tasks with no known money yet (no reward, no bonus), and their counted time so far. */
  unattributedOpenTasks: number;
  unattributedOpenMs: number;
}

/** An exact order-statistic confidence interval of the median (binomial, no assumption on shape). */
export interface MedianInterval {
  median: number;
  low: number;
  high: number;
  /** Actual coverage of [low, high] (>= the level asked for when n allows; at n = 3 it is 0.75). */
  coverage: number;
  n: number;
}

/** A requester or a task group, over its finished tasks (never an open one). */
export interface GroupStats {
  /** "platform:requesterId" or "platform:groupId". */
  key: string;
  label: string | null;
  n: number;
  /**
   * Median true rate in the group's main currency, over its finished tasks that have a true rate
   * (at least MIN_RATE_SPAN_MS of counted time); null when none has.
   */
  medianTrueRate: HourlyRate | null;
  /**
   * The exact 90% interval of medianTrueRate, in its currency's minor units per hour: the true
   * rates of the two tasks at the order statistics medianInterval would pick (each rounded half up
   * once), with the interval's real coverage; n is the number of tasks behind the median. Null
   * when medianTrueRate is.
   */
  trueRateInterval: MedianInterval | null;
  /** Median of counted/advertised over tasks with an advertised time, with its interval. */
  ratio: MedianInterval | null;
  flags: ('longer-than-advertised' | 'below-minimum')[];
}

/** Today's totals for the popup: a day's GroupSummary plus where all of the day's time went. */
export interface TodaySummary extends GroupSummary {
  /**
   * Sums over currencies; overheadMs includes the unattributed overhead, openMs and openTasks the
   * open tasks with no known money.
   */
  time: TimeSplit;
}
