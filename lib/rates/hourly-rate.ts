import type { HourlyRate } from './types';

const MS_PER_HOUR = 3_600_000;

/**
 * An amount earned over `ms` of counted time, as integer minor units per hour: the exact quotient
 * amountMinor * 3,600,000 / ms rounded half up once (design: "Money and rates"). Null when there is
 * no time to divide by. Past 2^53 the arithmetic goes through BigInt so large sums stay exact.
 * A fractional ms or amount (never stored, but a caller may compute one) is rounded first.
 */
export function hourlyRate(amountMinor: number, ms: number, currency: string): HourlyRate | null {
  if (!Number.isFinite(ms) || !Number.isFinite(amountMinor)) return null;
  const wholeMs = Math.round(ms);
  if (wholeMs <= 0) return null;
  return { minorPerHour: divRoundHalfUp(Math.round(amountMinor) * MS_PER_HOUR, wholeMs, Math.round(amountMinor)), currency };
}

/**
 * round-half-up(amount * 3.6e6 / d) for d > 0 as floor((2n + d) / 2d). The float quotient is never
 * floored directly: it can land on the next integer when the true value sits just below it.
 */
function divRoundHalfUp(product: number, d: number, amount: number): number {
  const x = 2 * product + d;
  const y = 2 * d;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(x) && Number.isSafeInteger(y)) {
    const rem = x % y; // exact for integers (fmod); negative when x is
    const q = (x - rem) / y; // an exact multiple of y, so the division is exact
    return rem < 0 ? q - 1 : q;
  }
  const bx = 2n * BigInt(amount) * BigInt(MS_PER_HOUR) + BigInt(d);
  const by = 2n * BigInt(d);
  const q = bx / by; // truncates toward zero
  return Number(bx % by < 0n ? q - 1n : q);
}

/**
 * ceil(a * b / c) for non-negative integers a, b and c > 0, exactly (BigInt past 2^53). Money owed
 * at a rate is never rounded in the payer's favour.
 */
export function mulDivCeil(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    const rem = product % c;
    return (product - rem) / c + (rem > 0 ? 1 : 0);
  }
  const p = BigInt(a) * BigInt(b);
  const bc = BigInt(c);
  return Number(p / bc + (p % bc > 0n ? 1n : 0n));
}
