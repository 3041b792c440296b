import type { SegmentRecord, TaskRecord } from '../model/records';
import { PLATFORM_IDS } from '../model/platform-id';
import { periodRates } from './measured-rate';
import { isOpen, isPending, statusClass } from './status-class';
import type { CurrencySummary, GroupBy, GroupSummary, TimeSplit, TodaySummary } from './types';
import { dayKeyOf, isoWeekKeyOf, monthKeyOf, zoneDays } from './zone-days';

/**
 * Totals per group and currency (docs/rates.md), in one pass over tasks and one over overhead
 * segments, with no Date and no object per segment.
 *
 * Where time goes:
 * - An open task (accepted, not ended) is counted apart: its time in openMs and its count in
 *   openTasks, in its reward's currency (unattributedOpen* when it has no known money yet). Its
 *   reward and bonuses are in neither earned nor pending, its time in no rate's denominator, and it
 *   weighs nothing in the overhead split: the rates of a day with an open task are those of the
 *   same day without it. When it ends, all of it joins the totals below.
 * - An ended task's counted time (task.activeMs) is taskMs while it can earn, unpaidMs once
 *   returned, rejected, expired, timed out or screened out; it counts in its reward's currency.
 * - Overhead has no currency. A platform's overhead in a group goes to the currencies of that
 *   platform's tasks in the same group, split in proportion to their time (by task count if they have
 *   no time), else to unattributedOverheadMs. Previews and tasks with no known reward or bonus are
 *   time with no currency either and are treated the same way.
 * - By requester, group or task, overhead segments belong to none (nothing ties time between tasks
 *   to one requester): they are left out and overheadMs holds only previews and unpriced tasks.
 * - Excluded segments and segments of a task (taskId set) never count here: a task's time is its
 *   activeMs, which already leaves excluded segments out.
 *
 * Periods are local to opts.timeZone: a task belongs to the day, ISO week or month of its acceptedAt,
 * an overhead segment to that of its start. Keys: "2026-11-28", "2026-W48", "2026-11"; the platform
 * id; "platform:requesterId" or "platform:groupId" (empty after the colon when unknown); the task id.
 * Groups come sorted by key, currencies by code.
 */
export function summarize(tasks: readonly TaskRecord[], overhead: readonly SegmentRecord[], by: GroupBy, opts: { timeZone: string }): GroupSummary[] {
  const buckets = new Buckets(by, opts.timeZone);

  for (const task of tasks) {
    const b = buckets.forTask(task);
    const pi = platformIndex(task.platform);
    const klass = statusClass(task.status);
    const ms = task.activeMs;
    const currency = task.reward?.currency ?? task.bonuses[0]?.currency ?? null;
    if (isOpen(task.status)) {
      const open = currency === null ? b.unpricedOpen : b.acc(currency);
      open.openTasks += 1;
      open.openMs += ms;
      continue;
    }
    if (task.status !== 'rejected') {
      for (const bonus of task.bonuses) b.acc(bonus.currency).earnedMinor += bonus.amountMinor;
    }
    if (klass === 'preview' || currency === null) {
      b.floating[pi]! += ms;
      continue;
    }
    const acc = b.acc(currency);
    acc.tasks += 1;
    if (klass === 'earning') {
      acc.taskMs += ms;
      const reward = task.reward?.amountMinor ?? 0;
      if (isPending(task.status)) acc.pendingMinor += reward;
      else acc.earnedMinor += reward;
    } else {
      acc.unpaidMs += ms;
    }
    b.weigh(pi, currency, ms);
  }

  if (by === 'day' || by === 'week' || by === 'month' || by === 'platform') {
    for (const seg of overhead) {
      if (seg.excluded || seg.taskId !== null) continue;
      const ms = seg.end - seg.start;
      if (!(ms > 0)) continue;
      buckets.forTime(seg.start, seg.platform).floating[platformIndex(seg.platform)]! += ms;
    }
  }

  return buckets.finish();
}

/** Today's totals in the worker's time zone, for the popup, with the whole day's time split. */
export function todaySummary(tasks: readonly TaskRecord[], overhead: readonly SegmentRecord[], now: number, timeZone: string): TodaySummary {
  const zone = zoneDays(timeZone);
  const today = zone.dayOf(now);
  const key = dayKeyOf(today);
  const found = summarize(
    tasks.filter((task) => zone.dayOf(task.acceptedAt) === today),
    overhead.filter((seg) => zone.dayOf(seg.start) === today),
    'day',
    { timeZone },
  ).find((g) => g.key === key);
  const group = found ?? { key, currencies: [], unattributedOverheadMs: 0, unattributedOpenTasks: 0, unattributedOpenMs: 0 };
  const time: TimeSplit = {
    taskMs: 0,
    overheadMs: group.unattributedOverheadMs,
    unpaidMs: 0,
    openMs: group.unattributedOpenMs,
    openTasks: group.unattributedOpenTasks,
  };
  for (const c of group.currencies) {
    time.taskMs += c.taskMs;
    time.overheadMs += c.overheadMs;
    time.unpaidMs += c.unpaidMs;
    time.openMs += c.openMs;
    time.openTasks += c.openTasks;
  }
  return { ...group, time };
}

const PLATFORMS: readonly string[] = [...PLATFORM_IDS, 'manual'];
const PLATFORM_INDEX = new Map(PLATFORMS.map((p, i) => [p, i]));
// Records are schema-checked, so an unknown platform cannot reach here; if one did, its time would
// still count (as manual) rather than vanish.
const platformIndex = (platform: string) => PLATFORM_INDEX.get(platform) ?? PLATFORMS.length - 1;

interface Acc {
  earnedMinor: number;
  pendingMinor: number;
  tasks: number;
  taskMs: number;
  overheadMs: number;
  unpaidMs: number;
  openMs: number;
  openTasks: number;
}

interface Weight {
  ms: number;
  n: number;
}

class Bucket {
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
      acc = { earnedMinor: 0, pendingMinor: 0, tasks: 0, taskMs: 0, overheadMs: 0, unpaidMs: 0, openMs: 0, openTasks: 0 };
      this.accs.set(currency, acc);
    }
    return acc;
  }

  weigh(pi: number, currency: string, ms: number): void {
    const map = (this.weights[pi] ??= new Map());
    const w = map.get(currency);
    if (w) {
      w.ms += ms;
      w.n += 1;
    } else {
      map.set(currency, { ms, n: 1 });
    }
  }

  summary(): GroupSummary {
    let unattributed = 0;
    for (let pi = 0; pi < PLATFORMS.length; pi++) {
      const ms = this.floating[pi]!;
      if (ms === 0) continue;
      const weights = this.weights[pi];
      if (!weights || weights.size === 0) unattributed += ms;
      else for (const [currency, share] of split(ms, weights)) this.acc(currency).overheadMs += share;
    }
    const currencies: CurrencySummary[] = [...this.accs.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
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

/**
 * `total` ms shared in proportion to each currency's task time (task count when none has time),
 * as whole ms that add up to `total` exactly (largest remainder; ties by currency code).
 */
function split(total: number, weights: Map<string, Weight>): [string, number][] {
  const entries = [...weights.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
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

class Buckets {
  private readonly byKey = new Map<string, Bucket>();
  private readonly byDay = new Map<number, Bucket>();
  private readonly zone;
  private readonly periodKey: ((day: number) => string) | null;
  private lastDay = Number.NaN;
  private lastBucket: Bucket | null = null;

  constructor(
    private readonly by: GroupBy,
    timeZone: string,
  ) {
    this.periodKey = by === 'day' ? dayKeyOf : by === 'week' ? isoWeekKeyOf : by === 'month' ? monthKeyOf : null;
    this.zone = this.periodKey ? zoneDays(timeZone) : null;
  }

  private named(key: string): Bucket {
    let b = this.byKey.get(key);
    if (!b) {
      b = new Bucket(key);
      this.byKey.set(key, b);
    }
    return b;
  }

  forTask(task: TaskRecord): Bucket {
    switch (this.by) {
      case 'platform':
        return this.named(task.platform);
      case 'requester':
        return this.named(`${task.platform}:${task.requesterId ?? ''}`);
      case 'group':
        return this.named(`${task.platform}:${task.groupId ?? ''}`);
      case 'task':
        return this.named(task.id);
      default:
        return this.forTime(task.acceptedAt, task.platform);
    }
  }

  /** The period bucket of a moment (or, by platform, the platform's). */
  forTime(t: number, platform: string): Bucket {
    if (!this.zone || !this.periodKey) return this.named(platform);
    const day = this.zone.dayOf(t);
    if (day === this.lastDay && this.lastBucket) return this.lastBucket;
    let b = this.byDay.get(day);
    if (!b) {
      b = this.named(this.periodKey(day));
      this.byDay.set(day, b);
    }
    this.lastDay = day;
    this.lastBucket = b;
    return b;
  }

  finish(): GroupSummary[] {
    return [...this.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((b) => b.summary());
  }
}
