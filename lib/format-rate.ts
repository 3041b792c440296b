import { formatMoney } from './format';
import type { Translate } from './i18n/translate';
import { MIN_RATE_SPAN_MS } from './rates/measured-rate';
import type { HourlyRate, NoRateReason } from './rates/types';

/**
 * An hourly rate in the worker's locale: "$12.40/h", "12,40 $US/h". "/h" reads the same in
 * English and French, so it is not a translated string.
 */
export function formatRate(rate: HourlyRate, locale: string): string {
  return `${formatMoney({ amountMinor: rate.minorPerHour, currency: rate.currency }, locale)}/h`;
}

/**
 * A rate, or in words why lib/rates gave none where the reason tells the worker something: "too
 * short to tell", or "after the task ends" for an open task. Null for the plain cases (unknown, no
 * time), where each view keeps its own mark ("—", "not yet", "unknown").
 */
export function formatRateOr(rate: HourlyRate | null, why: NoRateReason | null, t: Translate, locale: string): string | null {
  if (rate) return formatRate(rate, locale);
  if (why === 'too-short') return t('rate_tooShort');
  if (why === 'open') return t('rate_open');
  return null;
}

/** A tooltip for a rate that is too short to tell: how short, in words. Undefined otherwise. */
export function rateHint(why: NoRateReason | null, t: Translate): string | undefined {
  return why === 'too-short' ? t('rate_tooShortHint', String(MIN_RATE_SPAN_MS / 1000)) : undefined;
}
