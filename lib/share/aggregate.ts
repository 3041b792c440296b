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

/**
 * A growable array of numbers in a typed array: no per-element boxing and, unlike a number[]
 * copied into a Float64Array to sort, sorted where it lies.
 */
class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number, times: number): void {
    if (this.length + times > this.data.length) {
      // Half again, as a number[] grows: less slack than doubling over 20,000 groups.
      const grown = this.make(Math.max(this.length + times, Math.ceil(this.data.length * 1.5) + 4));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    if (times === 1) this.data[this.length++] = value;
    else {
      this.data.fill(value, this.length, this.length + times);
      this.length += times;
    }
  }
  sorted(): T {
    return this.data.subarray(0, this.length).sort() as T;
  }
}
const floats = () => new Column(new Float64Array(0), (n) => new Float64Array(n));

interface Gather {
  /** One entry per task (copies counted), its contributor's number: counted when published. */
  who: Column<Int32Array>;
  rates: Column<Float64Array>;
  ratios: Column<Float64Array>;
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
const percentile = (sorted: ArrayLike<number>, p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

const median = (sorted: ArrayLike<number>) => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Aggregator {
  /** One contributor's task records (of one file, or several: duplicates are dropped). */
  add(contributor: string, tasks: Iterable<ContributedTask>): void;
  result(): PublishedGroup[];
}

/** A 53-bit hash of a record's text (two 32-bit FNV-1a passes), to remember it without keeping it. */
function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff);
}

/**
 * A contributor's records so far: their hashes in ascending order, and for each the most times one
 * file held it. Two typed arrays, 12 bytes a record, where a Map of boxed 53-bit keys takes
 * several times that.
 */
interface Seen {
  hashes: Float64Array;
  counts: Uint32Array;
}
const NONE_SEEN: Seen = { hashes: new Float64Array(0), counts: new Uint32Array(0) };

function indexOf(seen: Seen, h: number): number {
  let lo = 0;
  let hi = seen.hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = seen.hashes[mid]!;
    if (at === h) return mid;
    if (at < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const countOf = (seen: Seen, h: number) => {
  const i = indexOf(seen, h);
  return i < 0 ? 0 : seen.counts[i]!;
};

/** The records seen with a file's raised counts in: new hashes merged in order, others updated. */
function merge(seen: Seen, raised: Map<number, number>): Seen {
  const added: number[] = [];
  for (const [h, count] of raised) {
    const i = indexOf(seen, h);
    if (i >= 0) seen.counts[i] = count;
    else added.push(h);
  }
  if (added.length === 0) return seen;
  const fresh = Float64Array.from(added).sort();
  const hashes = new Float64Array(seen.hashes.length + fresh.length);
  const counts = new Uint32Array(hashes.length);
  for (let i = 0, j = 0, o = 0; o < hashes.length; o++) {
    if (j >= fresh.length || (i < seen.hashes.length && seen.hashes[i]! < fresh[j]!)) {
      hashes[o] = seen.hashes[i]!;
      counts[o] = seen.counts[i++]!;
    } else {
      hashes[o] = fresh[j]!;
      counts[o] = raised.get(fresh[j++]!)!;
    }
  }
  return { hashes, counts };
}

/**
 * Duplicates: a contributor who sends a file again, or a newer file that repeats older weeks,
 * must not count twice. Per contributor, each distinct record counts as often as the one file that
 * holds it most often: two identical tasks in one file are two tasks, the same file sent twice is
 * one. Records are remembered by a 53-bit hash of their text, not kept: memory grows with the
 * number of records (12 bytes each) and of tasks in each group (a contributor's number, a rate and
 * a ratio, in typed arrays), the groups' figures are gathered as files come, and the outcome is the
 * same in any order (a count only ever rises to its largest).
 */
export function createAggregator(options: { k?: number } = {}): Aggregator {
  const k = options.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < MIN_K) throw new Error(`k must be an integer of at least ${MIN_K}, not ${k}`);
  const contributorIds = new Map<string, number>();
  const seen = new Map<number, Seen>();
  const groups = new Map<string, Gather>();

  const gather = (contributor: number, task: ContributedTask, copies: number) => {
    if (!task.reward) return;
    const scopes: ['requester' | 'group', string | null][] = [['requester', task.requesterId], ['group', task.groupId]];
    const rate = rateOf(task);
    for (const [by, id] of scopes) {
      if (!id) continue;
      const key = JSON.stringify([task.platform, by, id, task.reward.currency]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { who: new Column(new Int32Array(0), (n) => new Int32Array(n)), rates: floats(), ratios: floats(), rejected: 0, returned: 0, tasks: 0 }));
      g.tasks += copies;
      g.who.push(contributor, copies);
      if (rate !== null) g.rates.push(rate, copies);
      if (task.advertisedSeconds) g.ratios.push(task.activeSeconds / task.advertisedSeconds, copies);
      if (task.outcome === 'rejected') g.rejected += copies;
      if (task.outcome === 'returned') g.returned += copies;
    }
  };

  return {
    add(contributor, tasks) {
      let id = contributorIds.get(contributor);
      if (id === undefined) contributorIds.set(contributor, (id = contributorIds.size));
      const inFile = new Map<string, { task: ContributedTask; count: number }>();
      for (const task of tasks) {
        const line = JSON.stringify(task);
        const entry = inFile.get(line);
        if (entry) entry.count += 1;
        else inFile.set(line, { task, count: 1 });
      }
      const mine = seen.get(id) ?? NONE_SEEN;
      // What this file raised, read before what earlier files left (as one Map would be).
      const raised = new Map<number, number>();
      for (const [line, { task, count }] of inFile) {
        const h = hash53(line);
        const before = raised.get(h) ?? countOf(mine, h);
        if (count <= before) continue;
        raised.set(h, count);
        gather(id, task, count - before);
      }
      if (raised.size > 0) seen.set(id, merge(mine, raised));
    },
    result() {
      const published: PublishedGroup[] = [];
      for (const [key, g] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const { contributors, most } = countContributors(g.who.sorted());
        if (contributors < k) continue;
        if (most > MAX_CONTRIBUTOR_SHARE * g.tasks) continue;
        const [platform, by, id, currency] = JSON.parse(key) as [string, 'requester' | 'group', string, string];
        const rates = g.rates.sorted();
        const ratios = g.ratios.sorted();
        published.push({
          platform,
          by,
          id,
          currency,
          tasks: g.tasks,
          contributors,
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

/** Distinct contributors among a group's tasks (their numbers, sorted) and the most tasks of one. */
function countContributors(who: Int32Array): { contributors: number; most: number } {
  let contributors = 0;
  let most = 0;
  for (let i = 0, run = 0; i < who.length; i++) {
    run = i > 0 && who[i] === who[i - 1] ? run + 1 : 1;
    if (run === 1) contributors += 1;
    most = Math.max(most, run);
  }
  return { contributors, most };
}

function ratioFigure(sorted: ArrayLike<number>): PublishedGroup['ratio'] {
  const n = sorted.length;
  if (n < MIN_K) return null;
  const { k, coverage } = medianRank(n);
  const m = median(sorted);
  // Ends at the first and last order statistics would be the minimum and the maximum: a band.
  if (k === 1) return { band: [Math.floor(m / RATIO_BAND) * RATIO_BAND, (Math.floor(m / RATIO_BAND) + 1) * RATIO_BAND], n };
  return { median: m, low: sorted[k - 1]!, high: sorted[n - k]!, coverage, n };
}
