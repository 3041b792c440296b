import type { MedianInterval } from '@/lib/rates/types';

// One formatter of rates for the popup and the dashboard ("$12.40/h").
export { formatRate } from '@/lib/format-rate';

/** A time ratio: "2.3×" (one decimal, the locale's separator). */
export function formatRatio(ratio: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio)}×`;
}

/** "2.3× (1.6–3.1, n = 14)": the median with its interval and how many tasks it rests on. */
export function formatRatioInterval(interval: MedianInterval, locale: string): string {
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale).format(interval.n);
  return `${one.format(interval.median)}× (${one.format(interval.low)}–${one.format(interval.high)}, n = ${count})`;
}

/**
 * Hours and minutes of a total, "12 h 05 min", for time that can run to hundreds of hours; under a
 * minute, seconds ("34 s"), as the popup says it, so a short day does not read "0 min".
 */
export function formatHours(ms: number): string {
  if (ms > 0 && ms < 59_500) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
