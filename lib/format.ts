import type { Money } from './rates/money';
import { currencyExponent } from './rates/money';

/** Money in the worker's locale, from integer minor units (division only at display time). */
export function formatMoney(money: Money, locale: string): string {
  const exponent = currencyExponent(money.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(money.amountMinor / 10 ** exponent);
}

export function formatDateTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(epochMs),
  );
}
