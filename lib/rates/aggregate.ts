import type { SegmentRecord, TaskRecord } from '../model/records';
import { Bucket, overheadMsOf, type Totals } from './bucket';
import type { GroupBy, GroupSummary, TimeSplit, TodaySummary } from './types';
import { dayKeyOf, daysFromCivil, isoWeekKeyOf, monthKeyOf, zoneDays } from './zone-days';

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

  for (const task of tasks) buckets.forTask(task).addTask(task);

  if (by === 'day' || by === 'week' || by === 'month' || by === 'platform') {
    for (const seg of overhead) {
      const ms = overheadMsOf(seg);
      if (ms > 0) buckets.forTime(seg.start, seg.platform).addOverhead(seg.platform, ms);
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
  return withTimeSplit(found ?? emptyGroup(key));
}

/** The same as todaySummary, from the day's sums the ledger keeps (lib/ledger/day-totals.ts). */
export function todayFromTotals(key: string, totals: Totals | null): TodaySummary {
  if (totals === null) return withTimeSplit(emptyGroup(key));
  const bucket = new Bucket(key);
  bucket.addTotals(totals);
  return withTimeSplit(bucket.summary());
}

/** Period summaries from day sums (each day's key "2026-11-28"), as summarize gives them from the days' records. */
export function summarizeDays(days: readonly { day: string; totals: Totals }[], by: 'day' | 'week' | 'month'): GroupSummary[] {
  const keyOf = by === 'day' ? dayKeyOf : by === 'week' ? isoWeekKeyOf : monthKeyOf;
  const buckets = new Map<string, Bucket>();
  for (const { day, totals } of days) {
    const key = keyOf(dayNumberOf(day));
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = new Bucket(key)));
    bucket.addTotals(totals);
  }
  return [...buckets.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((b) => b.summary());
}

const dayNumberOf = (key: string) => daysFromCivil(Number(key.slice(0, 4)), Number(key.slice(5, 7)), Number(key.slice(8, 10)));

const emptyGroup = (key: string): GroupSummary => ({ key, currencies: [], unattributedOverheadMs: 0, unattributedOpenTasks: 0, unattributedOpenMs: 0 });

function withTimeSplit(group: GroupSummary): TodaySummary {
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
