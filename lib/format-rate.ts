import { formatMoney } from './format';
import type { HourlyRate } from './rates/types';

/**
 * An hourly rate in the worker's locale: "$12.40/h", "12,40 $US/h". "/h" reads the same in
 * English and French, so it is not a translated string.
 */
export function formatRate(rate: HourlyRate, locale: string): string {
  return `${formatMoney({ amountMinor: rate.minorPerHour, currency: rate.currency }, locale)}/h`;
}
