import { medianRank } from '../rates/median-interval';
import { MIN_RATE_SPAN_MS } from '../rates/measured-rate';
import type { ContributedTask } from './contribution';

/**
 * A collective's figures from its members' contributions, per platform and requester and per
 * platform and task group, per currency. Medians of per-task rates, never total money over total
 * time (long tasks would outweigh short ones). What is published must not tell any one member's
 * work: a group needs at least k distinct contributors, none of whom makes up more than half of
 * its tasks; minimum and maximum are never published; an interval whose ends would be the
 * extremes becomes a coarse band. Adding contributions in any order gives the same figures.
 */
export const DEFAULT_K = 10;
export const MIN_K = 5;
/** No contributor may make up more than this share of a published group's tasks. */
export const MAX_CONTRIBUTOR_SHARE = 0.5;
/** A band of time ratios is this wide where the interval's ends would be the minimum and maximum. */
export const RATIO_BAND = 0.25;

export interface PublishedGroup {
  platform: string;
  by: 'requester' | 'group';
  id: string;
  currency: string;
  tasks: number;
  contributors: number;
  /** Median, 25th and 75th percentiles of the tasks' true rates, minor units per hour. */
  rate: { median: number; p25: number; p75: number; n: number } | null;
  /** Median of active / advertised time with its exact interval, or a coarse band when n is small. */
  ratio: { median: number; low: number; high: number; coverage: number; n: number } | { band: [number, number]; n: number } | null;
  rejectedShare: number;
  returnedShare: number;
}

interface Gather {
  perContributor: Map<string, number>;
  rates: number[];
  ratios: number[];
  rejected: number;
  returned: number;
  tasks: number;
}

/** A task's true rate as lib/rates counts it: a rejected task earns nothing, unpaid ones their bonus. */
function rateOf(task: ContributedTask): number | null {
  if (!task.reward || task.activeSeconds * 1000 < MIN_RATE_SPAN_MS) return null;
  const earning = task.outcome === 'paid' || task.outcome === 'pending';
  const minor = task.outcome === 'rejected' ? 0 : (earning ? task.reward.amountMinor : 0) + task.bonusMinor;
  return (minor * 3600) / task.activeSeconds;
}

/** Nearest-rank percentile of sorted values (1-based rank ceil(p·n)). */
const percentile = (sorted: readonly number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

const median = (sorted: readonly number[]) => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Aggregator {
  /** One contributor's task records (of one file, or several: duplicates are dropped). */
  add(contributor: string, tasks: Iterable<ContributedTask>): void;
  result(): PublishedGroup[];
}

/**
 * Duplicates: a contributor who sends a file again, or a newer file that repeats older weeks,
 * must not count twice. Records are kept per contributor as a count per identical record, the
 * largest count any one file gave: two identical tasks in one file are two tasks, the same file
 * sent twice is one.
 */
export function createAggregator(options: { k?: number } = {}): Aggregator {
  const k = options.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < MIN_K) throw new Error(`k must be an integer of at least ${MIN_K}, not ${k}`);
  const records = new Map<string, Map<string, number>>();
  return {
    add(contributor, tasks) {
      const counts = new Map<string, number>();
      for (const task of tasks) {
        const line = JSON.stringify(task);
        counts.set(line, (counts.get(line) ?? 0) + 1);
      }
      let mine = records.get(contributor);
      if (!mine) records.set(contributor, (mine = new Map()));
      for (const [line, n] of counts) mine.set(line, Math.max(mine.get(line) ?? 0, n));
    },
    result() {
      const groups = new Map<string, Gather>();
      for (const [contributor, mine] of records) {
        for (const [line, count] of mine) {
          const task = JSON.parse(line) as ContributedTask;
          if (!task.reward) continue;
          const scopes: ['requester' | 'group', string | null][] = [['requester', task.requesterId], ['group', task.groupId]];
          for (const [by, id] of scopes) {
            if (!id) continue;
            const key = JSON.stringify([task.platform, by, id, task.reward.currency]);
            let g = groups.get(key);
            if (!g) groups.set(key, (g = { perContributor: new Map(), rates: [], ratios: [], rejected: 0, returned: 0, tasks: 0 }));
            for (let i = 0; i < count; i++) {
              g.tasks += 1;
              g.perContributor.set(contributor, (g.perContributor.get(contributor) ?? 0) + 1);
              const rate = rateOf(task);
              if (rate !== null) g.rates.push(rate);
              if (task.advertisedSeconds) g.ratios.push(task.activeSeconds / task.advertisedSeconds);
              if (task.outcome === 'rejected') g.rejected += 1;
              if (task.outcome === 'returned') g.returned += 1;
            }
          }
        }
      }
      const published: PublishedGroup[] = [];
      for (const [key, g] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (g.perContributor.size < k) continue;
        if (Math.max(...g.perContributor.values()) > MAX_CONTRIBUTOR_SHARE * g.tasks) continue;
        const [platform, by, id, currency] = JSON.parse(key) as [string, 'requester' | 'group', string, string];
        const rates = [...g.rates].sort((a, b) => a - b);
        const ratios = [...g.ratios].sort((a, b) => a - b);
        published.push({
          platform,
          by,
          id,
          currency,
          tasks: g.tasks,
          contributors: g.perContributor.size,
          rate: rates.length >= MIN_K ? { median: Math.round(median(rates)), p25: Math.round(percentile(rates, 0.25)), p75: Math.round(percentile(rates, 0.75)), n: rates.length } : null,
          ratio: ratioFigure(ratios),
          rejectedShare: g.rejected / g.tasks,
          returnedShare: g.returned / g.tasks,
        });
      }
      return published;
    },
  };
}

function ratioFigure(sorted: readonly number[]): PublishedGroup['ratio'] {
  const n = sorted.length;
  if (n < MIN_K) return null;
  const { k, coverage } = medianRank(n);
  const m = median(sorted);
  // Ends at the first and last order statistics would be the minimum and the maximum: a band.
  if (k === 1) return { band: [Math.floor(m / RATIO_BAND) * RATIO_BAND, (Math.floor(m / RATIO_BAND) + 1) * RATIO_BAND], n };
  return { median: m, low: sorted[k - 1]!, high: sorted[n - k]!, coverage, n };
}
