import { describe, expect, it } from 'vitest';
import { currencyExponent, decimalToMinor } from '@/lib/model/money';
import { formatMoney } from '@/lib/format';

describe('decimalToMinor', () => {
  it.each([
    ['0.01', 'USD', 1],
    [0.01, 'USD', 1],
    [0.29, 'USD', 29],
    [0.35, 'USD', 35],
    ['1.5', 'GBP', 150],
    ['1,25', 'EUR', 125],
    [12, 'USD', 1200],
    ['0', 'USD', 0],
    ['150', 'JPY', 150],
    ['1.234', 'KWD', 1234],
    // JSON numbers carry float noise (3.3000000000000003) that is not a real fraction of a cent.
    [1.1 + 2.2, 'USD', 330],
    [0.001, 'USD', null], // a real tenth of a cent is refused, not rounded away
  ] as const)('%s %s -> %s', (value, currency, expected) => {
    expect(decimalToMinor(value, currency)).toBe(expected);
  });

  it.each(['', 'abc', '-1', '1.001', '1e3', '  ', '1.2.3'])('refuses %j', (value) => {
    expect(decimalToMinor(value, 'USD')).toBeNull();
  });

  it('refuses non-finite and negative numbers', () => {
    expect(decimalToMinor(Number.NaN, 'USD')).toBeNull();
    expect(decimalToMinor(Number.POSITIVE_INFINITY, 'USD')).toBeNull();
    expect(decimalToMinor(-0.5, 'USD')).toBeNull();
  });

  it('knows zero- and three-decimal currencies', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('kwd')).toBe(3);
    expect(currencyExponent('GBP')).toBe(2);
  });
});

describe('formatMoney', () => {
  it('formats minor units in the given locale', () => {
    expect(formatMoney({ amountMinor: 35, currency: 'USD' }, 'en-US')).toBe('$0.35');
    expect(formatMoney({ amountMinor: 150, currency: 'GBP' }, 'en-GB')).toBe('£1.50');
    // fr-FR separates with a narrow no-break space and puts the symbol after.
    expect(formatMoney({ amountMinor: 125, currency: 'EUR' }, 'fr-FR')).toBe('1,25\u00a0€');
  });
});

describe('durations', () => {
  it('reads like a stopwatch', async () => {
    const { formatDuration, formatRoughDuration } = await import('@/lib/format');
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42_400)).toBe('0:42');
    expect(formatDuration(725_000)).toBe('12:05');
    expect(formatDuration(3_729_000)).toBe('1:02:09');
    expect(formatRoughDuration(9_000)).toBe('9 s');
    expect(formatRoughDuration(190_000)).toBe('3 min');
    expect(formatRoughDuration(7_200_000)).toBe('2 h');
    expect(formatRoughDuration(3_900_000)).toBe('1 h 5 min');
  });
});
