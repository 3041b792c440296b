import type { MedianInterval } from './types';

/**
 * Coverage of [x(k), x(n+1-k)] as an interval of the median: P(k <= B <= n-k) = 1 - 2 P(B <= k-1)
 * for B ~ Binomial(n, 1/2). This holds for any continuous distribution (no assumption on shape).
 * Returns the coverage for every k from 1 to floor(n/2) (index k-1), stopping early once it falls
 * below `stopBelow`. Computed in log space so n in the tens of thousands does not underflow.
 */
function coverages(n: number, stopBelow: number): number[] {
  const out: number[] = [];
  const ln2n = n * Math.LN2;
  let logChoose = 0; // ln C(n, i), starting at i = 0
  let cdf = 0; // P(B <= i)
  for (let k = 1; k <= Math.floor(n / 2); k++) {
    const i = k - 1;
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    cdf += Math.exp(logChoose - ln2n);
    const coverage = 1 - 2 * cdf;
    out.push(coverage);
    if (coverage < stopBelow) break;
  }
  return out;
}

// Exact coverages are dyadic fractions; the tolerance only absorbs float rounding in the sum.
const EPS = 1e-12;

/**
 * The median of `values` with an exact distribution-free confidence interval: the narrowest
 * symmetric pair of order statistics [x(k), x(n+1-k)] whose coverage is >= `level`. When n is too
 * small to reach the level (n = 3 reaches only 0.75 with [min, max]), the interval is [min, max]
 * and `coverage` says what it really is. n = 1 gives a point with coverage 0. Non-finite values are
 * ignored; null when none is left.
 */
export function medianInterval(values: readonly number[], level = 0.9): MedianInterval | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return null;
  const mid = n >> 1;
  const median = n % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  const { k, coverage } = medianRank(n, level);
  return { median, low: xs[k - 1]!, high: xs[n - k]!, coverage, n };
}

/**
 * Which order statistics bound the median's interval among n sorted values: [x(k), x(n+1-k)]
 * (1-based), with its exact coverage, by the rule of medianInterval. Apart so that values that
 * are not plain numbers (a true rate is an exact fraction, money over time) take the same
 * interval. n = 1 gives k = 1 with coverage 0; n must be at least 1.
 */
export function medianRank(n: number, level = 0.9): { k: number; coverage: number } {
  if (n <= 1) return { k: 1, coverage: 0 };
  const cov = coverages(n, level - EPS);
  // cov is decreasing in k; the last k whose coverage reaches the level is the narrowest.
  let k = 1;
  while (k < cov.length && cov[k]! >= level - EPS) k++;
  return { k, coverage: cov[k - 1]! };
}
