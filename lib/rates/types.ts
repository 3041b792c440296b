/**
 * The contract of lib/rates (issue #5): what the popup, the dashboard, CSV export and evidence read.
 * Definitions: ../shared/design.md, "Money and rates". Everything here is plain data; money is
 * integer minor units, sums only within one currency, and rates are integer minor units per hour
 * (rounded half up once, from exact integer sums).
 */
import type { Money } from '../model/money';

export interface HourlyRate {
  /** Minor units per hour, e.g. { minorPerHour: 1200, currency: 'USD' } is $12.00/h. */
  minorPerHour: number;
  currency: string;
}

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
  /** Reward / advertised time; null when either is unknown. */
  advertisedRate: HourlyRate | null;
  /** (Reward + bonuses in the reward's currency) / counted time; null when unknown or no time. */
  trueRate: HourlyRate | null;
  /** Counted time / advertised time; null when advertised time is unknown. */
  timeRatio: number | null;
  flags: TaskFlag[];
}

/** Where a period's time went, in ms (design: all-in rate counts all of it). */
export interface TimeSplit {
  /** Counted time in tasks that can earn (accepted, submitted, approved, paid). */
  taskMs: number;
  /**
   * Time on platform pages with no task open, given to this currency (summarize explains how);
   * previews and tasks with no known money count here too.
   */
  overheadMs: number;
  /** Counted time in returned, rejected, expired, timed-out and screened-out tasks. */
  unpaidMs: number;
}

/** Totals of one group (a day, a requester, a platform…) in one currency. */
export interface CurrencySummary extends TimeSplit {
  currency: string;
  /** Approved and paid money, plus bonuses. */
  earnedMinor: number;
  /** Accepted or submitted, not yet approved. */
  pendingMinor: number;
  tasks: number;
  /** (earned + pending) / taskMs. */
  trueRate: HourlyRate | null;
  /** (earned + pending) / (taskMs + overheadMs + unpaidMs). */
  allInRate: HourlyRate | null;
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

/** A requester or a task group, over its finished tasks. */
export interface GroupStats {
  /** "platform:requesterId" or "platform:groupId". */
  key: string;
  label: string | null;
  n: number;
  /** Median true rate per currency (a requester may pay in one currency in practice). */
  medianTrueRate: HourlyRate | null;
  /** Median of counted/advertised over tasks with an advertised time, with its interval. */
  ratio: MedianInterval | null;
  flags: ('longer-than-advertised' | 'below-minimum')[];
}

/** Today's totals for the popup: a day's GroupSummary plus where all of the day's time went. */
export interface TodaySummary extends GroupSummary {
  /** Sums over currencies; overheadMs includes the unattributed overhead. */
  time: TimeSplit;
}
