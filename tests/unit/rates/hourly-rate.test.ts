import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hourlyRate, mulDivCeil } from '@/lib/rates/hourly-rate';

/** Independent reference: BigInt round-half-up of a * 3.6e6 / ms for a >= 0. */
function reference(a: bigint, ms: bigint): bigint {
  const num = a * 3_600_000n;
  const q = num / ms;
  return 2n * (num % ms) >= ms ? q + 1n : q;
}

describe('hourlyRate', () => {
  it('is amount over time per hour, in minor units', () => {
    expect(hourlyRate(50, 600_000, 'USD')).toEqual({ minorPerHour: 300, currency: 'USD' });
    expect(hourlyRate(150, 3_600_000, 'GBP')).toEqual({ minorPerHour: 150, currency: 'GBP' });
    expect(hourlyRate(0, 60_000, 'USD')).toEqual({ minorPerHour: 0, currency: 'USD' });
  });

  it('rounds half up once from the exact quotient', () => {
    // 1 cent over 7,200,001 ms is 0.49999... cents/h -> 0; over 7,200,000 ms exactly 0.5 -> 1.
    expect(hourlyRate(1, 7_200_001, 'USD')?.minorPerHour).toBe(0);
    expect(hourlyRate(1, 7_200_000, 'USD')?.minorPerHour).toBe(1);
    expect(hourlyRate(1, 7_199_999, 'USD')?.minorPerHour).toBe(1);
    // 10 cents over 7 minutes = 85.714... -> 86; 5 cents over 8 minutes = 37.5 -> 38.
    expect(hourlyRate(10, 420_000, 'USD')?.minorPerHour).toBe(86);
    expect(hourlyRate(5, 480_000, 'USD')?.minorPerHour).toBe(38);
  });

  it('is null with no time to divide by', () => {
    expect(hourlyRate(50, 0, 'USD')).toBeNull();
    expect(hourlyRate(50, -1, 'USD')).toBeNull();
    expect(hourlyRate(50, Number.NaN, 'USD')).toBeNull();
  });

  it('stays exact past 2^53 (BigInt path)', () => {
    const amount = 9_000_000_000_000; // 9e12 * 3.6e6 is far past 2^53
    const ms = 3_600_001;
    expect(amount * 3_600_000 > Number.MAX_SAFE_INTEGER).toBe(true);
    expect(BigInt(hourlyRate(amount, ms, 'USD')!.minorPerHour)).toBe(reference(BigInt(amount), BigInt(ms)));
  });

  it('matches a BigInt reference for any amount and time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 45 }), (a, ms) => {
        // A rate is a JS number: only results below 2^53 are representable at all.
        fc.pre(reference(BigInt(a), BigInt(ms)) <= BigInt(Number.MAX_SAFE_INTEGER));
        const rate = hourlyRate(a, ms, 'EUR');
        expect(rate?.currency).toBe('EUR');
        expect(BigInt(rate!.minorPerHour)).toBe(reference(BigInt(a), BigInt(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds half up for negative amounts too (toward +infinity at .5)', () => {
    expect(hourlyRate(-1, 7_200_000, 'USD')?.minorPerHour).toBe(0); // -0.5 -> 0
    expect(hourlyRate(-1, 7_199_999, 'USD')?.minorPerHour).toBe(-1);
  });
});

describe('mulDivCeil', () => {
  it('rounds up, exactly, with and without BigInt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (a, b, c) => {
        const p = BigInt(a) * BigInt(b);
        const expected = (p + BigInt(c) - 1n) / BigInt(c);
        fc.pre(expected <= BigInt(Number.MAX_SAFE_INTEGER));
        expect(BigInt(mulDivCeil(a, b, c))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
