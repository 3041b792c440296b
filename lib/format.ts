import type { Money } from './model/money';
import { currencyExponent } from './model/money';

// Making an Intl formatter costs far more than using one (a page of 100 badges made a thousand):
// each is made once per locale and currency.
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Money in the worker's locale, from integer minor units (division only at display time). */
export function formatMoney(money: Money, locale: string): string {
  const exponent = currencyExponent(money.currency);
  const key = `${locale} ${money.currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    moneyFormats.set(key, format);
  }
  return format.format(money.amountMinor / 10 ** exponent);
}

export function formatDateTime(epochMs: number, locale: string): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(epochMs));
}

/** A duration as the worker reads a stopwatch: 0:42, 12:05, 1:02:09. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** A rough duration in words' place: "45 s", "3 min", "1 h 5 min" (units are the same in en and fr). */
export function formatRoughDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return min % 60 === 0 ? `${min / 60} h` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A day, as a feed's date is shown: "24 Nov 2026". */
export function formatDate(epochMs: number, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(epochMs));
}
