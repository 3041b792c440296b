import { PLATFORM_IDS } from '../model/platform-id';
import type { SegmentRecord, TaskRecord } from '../model/records';
import { periodRates } from './measured-rate';
import { isOpen, isPending, statusClass } from './status-class';
import type { CurrencySummary, GroupSummary } from './types';

/**
 * One group's running sums, before overhead is shared out (docs/rates.md): what summarize adds
 * tasks and overhead into, and what the ledger keeps per day (lib/ledger/day-totals.ts). Every
 * field is an integer sum, so a task or a segment can be taken out again exactly (sign -1), and
 * the sums of two days are the sums of their tasks together: a week from its days is the week
 * from its tasks. Overhead is shared out only at the end (summary), over the summed weights.
 */

const PLATFORMS: readonly string[] = [...PLATFORM_IDS, 'manual'];
const PLATFORM_INDEX = new Map(PLATFORMS.map((p, i) => [p, i]));
// Records are schema-checked, so an unknown platform cannot reach here; if one did, its time would
// still count (as manual) rather than vanish.
const platformIndex = (platform: string) => PLATFORM_INDEX.get(platform) ?? PLATFORMS.length - 1;

export interface Acc {
  earnedMinor: number;
  pendingMinor: number;
  tasks: number;
  taskMs: number;
  overheadMs: number;
  unpaidMs: number;
  openMs: number;
  openTasks: number;
}

export interface Weight {
  ms: number;
  n: number;
}

/**
 * A bucket as plain data (structured-cloneable, JSON-safe), with nothing that is all zeros: the
 * same sums always give the same object, however they were reached.
 */
export interface Totals {
  accs: Record<string, Acc>;
  unpricedOpen: { openTasks: number; openMs: number };
  /** Per platform: time with no currency of its own. */
  floating: Record<string, number>;
  /** Per platform, per currency. */
  weights: Record<string, Record<string, Weight>>;
}

const ACC_FIELDS = ['earnedMinor', 'pendingMinor', 'tasks', 'taskMs', 'overheadMs', 'unpaidMs', 'openMs', 'openTasks'] as const;
const zeroAcc = (): Acc => ({ earnedMinor: 0, pendingMinor: 0, tasks: 0, taskMs: 0, overheadMs: 0, unpaidMs: 0, openMs: 0, openTasks: 0 });
const isZeroAcc = (a: Acc) => ACC_FIELDS.every((f) => a[f] === 0);

export class Bucket {
  readonly accs = new Map<string, Acc>();
  /** Open tasks with no known money yet: counted apart like the others, in no currency. */
  readonly unpricedOpen = { openTasks: 0, openMs: 0 };
  /** Per platform: time with no currency of its own (overhead, previews, unpriced tasks). */
  readonly floating: number[] = PLATFORMS.map(() => 0);
  /** Per platform: each currency's task time and count, to share the floating time by. */
  readonly weights: (Map<string, Weight> | undefined)[] = PLATFORMS.map(() => undefined);

  constructor(readonly key: string) {}

  acc(currency: string): Acc {
    let acc = this.accs.get(currency);
    if (!acc) {
      acc = zeroAcc();
      this.accs.set(currency, acc);
    }
    return acc;
  }

  /** Adds a task (sign 1) or takes it out again (sign -1). The rules are summarize's. */
  addTask(task: TaskRecord, sign: 1 | -1 = 1): void {
    const pi = platformIndex(task.platform);
    const ms = sign * task.activeMs;
    const currency = task.reward?.currency ?? task.bonuses[0]?.currency ?? null;
    if (isOpen(task.status)) {
      const open = currency === null ? this.unpricedOpen : this.acc(currency);
      open.openTasks += sign;
      open.openMs += ms;
      return;
    }
    if (task.status !== 'rejected') {
      for (const bonus of task.bonuses) this.acc(bonus.currency).earnedMinor += sign * bonus.amountMinor;
    }
    const klass = statusClass(task.status);
    if (klass === 'preview' || currency === null) {
      this.floating[pi]! += ms;
      return;
    }
    const acc = this.acc(currency);
    acc.tasks += sign;
    if (klass === 'earning') {
      acc.taskMs += ms;
      const reward = sign * (task.reward?.amountMinor ?? 0);
      if (isPending(task.status)) acc.pendingMinor += reward;
      else acc.earnedMinor += reward;
    } else {
      acc.unpaidMs += ms;
    }
    this.weigh(pi, currency, ms, sign);
  }

  /** Overhead time on a platform (sign -1 takes it out). */
  addOverhead(platform: string, ms: number, sign: 1 | -1 = 1): void {
    this.floating[platformIndex(platform)]! += sign * ms;
  }

  private weigh(pi: number, currency: string, ms: number, n: number): void {
    const map = (this.weights[pi] ??= new Map());
    const w = map.get(currency);
    if (!w) {
      map.set(currency, { ms, n });
      return;
    }
    w.ms += ms;
    w.n += n;
    if (w.n === 0 && w.ms === 0) map.delete(currency);
  }

  /** Adds another bucket's sums into this one. */
  addTotals(totals: Totals): void {
    for (const [currency, a] of Object.entries(totals.accs)) {
      const acc = this.acc(currency);
      for (const f of ACC_FIELDS) acc[f] += a[f];
    }
    this.unpricedOpen.openTasks += totals.unpricedOpen.openTasks;
    this.unpricedOpen.openMs += totals.unpricedOpen.openMs;
    for (const [platform, ms] of Object.entries(totals.floating)) this.floating[platformIndex(platform)]! += ms;
    for (const [platform, byCurrency] of Object.entries(totals.weights)) {
      for (const [currency, w] of Object.entries(byCurrency)) this.weigh(platformIndex(platform), currency, w.ms, w.n);
    }
  }

  totals(): Totals {
    const accs: Record<string, Acc> = {};
    for (const [currency, a] of [...this.accs.entries()].sort(byKey)) if (!isZeroAcc(a)) accs[currency] = { ...a };
    const floating: Record<string, number> = {};
    const weights: Record<string, Record<string, Weight>> = {};
    PLATFORMS.forEach((platform, pi) => {
      if (this.floating[pi] !== 0) floating[platform] = this.floating[pi]!;
      const map = this.weights[pi];
      if (!map || map.size === 0) return;
      const byCurrency: Record<string, Weight> = {};
      for (const [currency, w] of [...map.entries()].sort(byKey)) byCurrency[currency] = { ...w };
      weights[platform] = byCurrency;
    });
    return { accs, unpricedOpen: { ...this.unpricedOpen }, floating, weights };
  }

  isEmpty(): boolean {
    const t = this.totals();
    return Object.keys(t.accs).length === 0 && Object.keys(t.floating).length === 0 && Object.keys(t.weights).length === 0 && t.unpricedOpen.openTasks === 0 && t.unpricedOpen.openMs === 0;
  }

  /** The group's figures: overhead shared out over the summed weights, rates from exact sums. */
  summary(): GroupSummary {
    let unattributed = 0;
    const accs = new Map([...this.accs.entries()].map(([c, a]) => [c, { ...a }]));
    const accOf = (currency: string) => {
      let a = accs.get(currency);
      if (!a) accs.set(currency, (a = zeroAcc()));
      return a;
    };
    for (let pi = 0; pi < PLATFORMS.length; pi++) {
      const ms = this.floating[pi]!;
      if (ms === 0) continue;
      const weights = this.weights[pi];
      if (!weights || weights.size === 0) unattributed += ms;
      else for (const [currency, share] of split(ms, weights)) accOf(currency).overheadMs += share;
    }
    const currencies: CurrencySummary[] = [...accs.entries()]
      .filter(([, a]) => !isZeroAcc(a))
      .sort(byKey)
      .map(([currency, a]) => ({ currency, ...a, ...periodRates(a.earnedMinor + a.pendingMinor, a, currency) }));
    return {
      key: this.key,
      currencies,
      unattributedOverheadMs: unattributed,
      unattributedOpenTasks: this.unpricedOpen.openTasks,
      unattributedOpenMs: this.unpricedOpen.openMs,
    };
  }
}

/** An overhead segment's time, or 0 for what never counts as overhead (a task's, excluded). */
export const overheadMsOf = (seg: Pick<SegmentRecord, 'taskId' | 'excluded' | 'start' | 'end'>) =>
  seg.excluded || seg.taskId !== null || !(seg.end > seg.start) ? 0 : seg.end - seg.start;

const byKey = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `total` ms shared in proportion to each currency's task time (task count when none has time),
 * as whole ms that add up to `total` exactly (largest remainder; ties by currency code).
 */
function split(total: number, weights: Map<string, Weight>): [string, number][] {
  const entries = [...weights.entries()].sort(byKey);
  const byTime = entries.some(([, w]) => w.ms > 0);
  const weightOf = (w: Weight) => (byTime ? w.ms : w.n);
  const sum = entries.reduce((s, [, w]) => s + weightOf(w), 0);
  const shares = entries.map(([currency, w]) => {
    const exact = (total * weightOf(w)) / sum;
    return { currency, share: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((s, x) => s + x.share, 0);
  const order = shares.map((_, i) => i).sort((i, j) => shares[j]!.rest - shares[i]!.rest || i - j);
  // Float rounding can leave `left` a little off either way; it is settled one ms at a time.
  for (let k = 0; left !== 0; k = (k + 1) % order.length) {
    const s = shares[order[k]!]!;
    if (left > 0) {
      s.share += 1;
      left -= 1;
    } else if (s.share > 0) {
      s.share -= 1;
      left += 1;
    }
  }
  return shares.map((s) => [s.currency, s.share]);
}
