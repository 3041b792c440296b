import { hourlyRate } from './hourly-rate';
import type { HourlyRate, TimeSplit } from './types';

/**
 * The shortest counted time a rate is given over: 10 s, for one task or for a period's summed time.
 *
 * Why 10 s: counted time is measured from signs of activity that arrive at most once a second, and
 * a scripted task measures within half a second of the truth (README, "Figures"). Call it one second
 * of error: over 10 s that is a tenth of the rate, over 3 s a third, and $0.35 over 3 s reads as
 * $420/h, a wage nobody earns. Going higher would hide real work: MTurk HITs of 15 to 30 s exist,
 * and a worker who does them must still see each one's rate, so the floor stays below 15 s.
 *
 * The same floor applies to a period's summed time (a day, a requester): a rate is money over
 * counted time whichever tasks the time came from, and a day of 8 s is as unreadable as a task of
 * 8 s. Above the floor a sum only grows, and with it the precision.
 */
export const MIN_RATE_SPAN_MS = 10_000;

/** True when `ms` of counted time is enough for a rate. */
export function isRateSpan(ms: number): boolean {
  return Math.round(ms) >= MIN_RATE_SPAN_MS;
}

export type MeasuredRate = { rate: HourlyRate; why: null } | { rate: null; why: 'no-time' | 'too-short' };

/**
 * An amount over measured (counted) time, as a rate, or why there is none: no time at all, or less
 * than MIN_RATE_SPAN_MS of it. Every rate over counted time goes through here (a task's true rate,
 * a period's true and all-in rates, a group's median), so the floor is applied once.
 */
export function measuredRate(amountMinor: number, ms: number, currency: string): MeasuredRate {
  if (!(Math.round(ms) > 0)) return { rate: null, why: 'no-time' };
  if (!isRateSpan(ms)) return { rate: null, why: 'too-short' };
  const rate = hourlyRate(amountMinor, ms, currency);
  return rate ? { rate, why: null } : { rate: null, why: 'no-time' };
}

/**
 * A period's two rates from its money (earned + pending) and its time split: true rate over task
 * time, all-in rate over task time, overhead and unpaid time. Open tasks' time (openMs) is in
 * neither: it joins when the task ends.
 */
export function periodRates(moneyMinor: number, split: Pick<TimeSplit, 'taskMs' | 'overheadMs' | 'unpaidMs'>, currency: string) {
  const trueRate = measuredRate(moneyMinor, split.taskMs, currency);
  const allIn = measuredRate(moneyMinor, split.taskMs + split.overheadMs + split.unpaidMs, currency);
  return { trueRate: trueRate.rate, noTrueRate: trueRate.why, allInRate: allIn.rate, noAllInRate: allIn.why };
}
