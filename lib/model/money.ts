/**
 * Money is an integer of minor units with an ISO 4217 currency, never a float
 * (docs/rates.md#money).
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

// ISO 4217 exponents that differ from 2; everything else TrueRate meets (USD, GBP, EUR) has 2.
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENT_EXCEPTIONS[currency.toUpperCase()] ?? 2;
}

const DECIMAL = /^\s*(\d{1,12})(?:[.,](\d+))?\s*$/;

/**
 * Converts a decimal amount as a platform writes it ("0.50", 0.5, "1,25") to minor units by string
 * arithmetic, so 0.29 never becomes 28.999999. Returns null for anything that is not a plain
 * non-negative decimal, or that has more precision than the currency allows.
 */
export function decimalToMinor(value: string | number, currency: string): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    // toFixed(6) avoids exponent notation for tiny values; trailing zeros are trimmed below.
    text = value.toFixed(6);
  } else {
    text = value;
  }
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code);
}
