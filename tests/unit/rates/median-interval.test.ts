import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianInterval } from '@/lib/rates/median-interval';

/** Exact P(k <= B <= n-k), B ~ Binomial(n, 1/2), from BigInt binomial coefficients. */
function exactCoverage(n: number, k: number): number {
  let c = 1n; // C(n, 0)
  let inside = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k && i <= n - k) inside += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  // Scale before converting so the ratio keeps ~15 significant digits.
  return Number((inside * 10n ** 15n) / 2n ** BigInt(n)) / 1e15;
}

/** The largest k (narrowest interval) with exact coverage >= level, by brute force. */
function bruteK(n: number, level: number): number {
  let best = 1;
  for (let k = 1; k <= Math.floor(n / 2); k++) if (exactCoverage(n, k) >= level) best = k;
  return best;
}

/** 1..n in a fixed scrambled order (Fisher-Yates with a small LCG), so sorting is exercised. */
function shuffled(n: number): number[] {
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  let seed = 12345;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

describe('medianInterval', () => {
  it('n = 3 reaches only 0.75: [min, max] with its true coverage', () => {
    const r = medianInterval([5, 1, 3]);
    expect(r).toEqual({ median: 3, low: 1, high: 5, coverage: 0.75, n: 3 });
  });

  it('n = 10 at 90%: k = 2, coverage 1 - 22/1024 = 0.978515625', () => {
    const r = medianInterval(shuffled(10))!;
    expect(r.n).toBe(10);
    expect(r.median).toBe(5.5);
    expect([r.low, r.high]).toEqual([2, 9]);
    expect(r.coverage).toBeCloseTo(1 - 22 / 1024, 12);
    expect(exactCoverage(10, 2)).toBeCloseTo(r.coverage, 12);
    // k = 3 would cover only 0.890625 < 0.9
    expect(exactCoverage(10, 3)).toBeLessThan(0.9);
  });

  it('n = 100 at 90%: the k found by exact BigInt binomials', () => {
    const r = medianInterval(shuffled(100))!;
    const k = bruteK(100, 0.9);
    expect([r.low, r.high]).toEqual([k, 101 - k]);
    expect(r.coverage).toBeCloseTo(exactCoverage(100, k), 12);
    expect(r.coverage).toBeGreaterThanOrEqual(0.9);
    expect(exactCoverage(100, k + 1)).toBeLessThan(0.9);
    expect(r.median).toBe(50.5);
  });

  it('n = 100 at 95% and 99% too', () => {
    for (const level of [0.95, 0.99]) {
      const r = medianInterval(shuffled(100), level)!;
      const k = bruteK(100, level);
      expect([r.low, r.high]).toEqual([k, 101 - k]);
      expect(r.coverage).toBeCloseTo(exactCoverage(100, k), 12);
    }
  });

  it('agrees with the exact computation for every n up to 80', () => {
    for (let n = 2; n <= 80; n++) {
      const r = medianInterval(shuffled(n))!;
      const k = bruteK(n, 0.9);
      expect([n, r.low, r.high]).toEqual([n, k, n + 1 - k]);
      expect(r.coverage).toBeCloseTo(exactCoverage(n, k), 12);
    }
  });

  it('does not underflow for large n', () => {
    const r = medianInterval(shuffled(20_000))!;
    expect(r.coverage).toBeGreaterThanOrEqual(0.9);
    expect(r.coverage).toBeLessThan(0.91);
    // ~ n/2 -/+ 1.645 sqrt(n)/2
    expect(Math.abs(r.low - (10_000 - 1.645 * Math.sqrt(20_000) / 2))).toBeLessThan(3);
  });

  it('edge cases: empty, one value, two values, non-finite values ignored', () => {
    expect(medianInterval([])).toBeNull();
    expect(medianInterval([Number.NaN])).toBeNull();
    expect(medianInterval([4])).toEqual({ median: 4, low: 4, high: 4, coverage: 0, n: 1 });
    expect(medianInterval([4, 2, Number.POSITIVE_INFINITY])).toEqual({ median: 3, low: 2, high: 4, coverage: 0.5, n: 2 });
  });

  it('always brackets the median with order statistics of the data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const r = medianInterval(xs)!;
        expect(r.n).toBe(xs.length);
        expect(r.low).toBeLessThanOrEqual(r.median);
        expect(r.median).toBeLessThanOrEqual(r.high);
        expect(xs).toContain(r.low);
        expect(xs).toContain(r.high);
        expect(r.coverage).toBeGreaterThanOrEqual(0);
        expect(r.coverage).toBeLessThanOrEqual(1);
      }),
    );
  });
});
