/**
 * Rates figures for `npm run bench`: aggregation over a heavy worker's history (100,000
 * tasks and 1,000,000 overhead segments, median of 5 runs) by day and by platform, groupStats over
 * the same tasks, and what one task and one segment weigh when stored (JSON length of a typical
 * record, as an estimate of its structured-clone size in IndexedDB).
 */
import type { SegmentRecord, TaskRecord } from '../lib/model/records';
import { PLATFORM_IDS } from '../lib/model/platform-id';
import { summarize } from '../lib/rates/aggregate';
import { groupStats } from '../lib/rates/group-stats';
import { DEFAULT_SETTINGS } from '../lib/settings';
import type { Figure } from './bench-tracking';

const START = Date.UTC(2025, 0, 1);
const STATUSES = ['approved', 'approved', 'paid', 'submitted', 'returned', 'rejected', 'screened-out', 'accepted'] as const;
const CURRENCIES = ['USD', 'GBP', 'EUR'];

/** Deterministic tasks spread over a year, on every platform, in three currencies. */
export function benchTasks(n: number): TaskRecord[] {
  const span = 365 * 86_400_000;
  return Array.from({ length: n }, (_, i): TaskRecord => {
    const platform = PLATFORM_IDS[i % PLATFORM_IDS.length]!;
    const acceptedAt = START + Math.floor((i / n) * span);
    const activeMs = 30_000 + ((i * 7919) % 1_200_000);
    return {
      id: `${platform}:T${i}`,
      platform,
      externalId: `T${i}`,
      groupId: `G${i % 5000}`,
      requesterId: `R${i % 2000}`,
      requesterName: `Requester ${i % 2000}`,
      title: `Task group ${i % 5000}: describe the pictures in a few words`,
      reward: { amountMinor: 10 + (i % 400), currency: CURRENCIES[i % 3]! },
      advertisedSeconds: i % 4 === 0 ? null : 60 + (i % 900),
      advertisedKind: i % 4 === 0 ? null : 'estimate',
      allottedSeconds: 3600,
      status: STATUSES[i % STATUSES.length]!,
      acceptedAt,
      endedAt: acceptedAt + activeMs + 5000,
      activeMs,
      wallMs: activeMs + 5000,
      idleThresholdS: 60,
      flags: [],
      completionCode: i % 10 === 0 ? 'C1A2B3C4' : null,
      bonuses: i % 50 === 0 ? [{ amountMinor: 25, currency: 'USD', source: 'manual', at: acceptedAt }] : [],
      updatedAt: acceptedAt + activeMs + 5000,
    };
  });
}

/** Overhead segments in time order over the same year; one in 100 excluded. */
export function benchOverhead(n: number): SegmentRecord[] {
  const step = Math.floor((365 * 86_400_000) / n);
  return Array.from({ length: n }, (_, i): SegmentRecord => {
    const start = START + i * step;
    return {
      id: i + 1,
      taskId: null,
      platform: PLATFORM_IDS[(i >> 4) % PLATFORM_IDS.length]!,
      start,
      end: start + 1000 + ((i * 31) % 20_000),
      source: 'measured',
      excluded: i % 100 === 0,
    };
  });
}

function medianMs(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[runs >> 1]!;
}

export async function benchRates(): Promise<Figure[]> {
  const tasks = benchTasks(100_000);
  const overhead = benchOverhead(1_000_000);
  const opts = { timeZone: 'Europe/Paris' };
  const rows: Figure[] = [];
  summarize(tasks, overhead, 'day', opts); // warm up
  for (const by of ['day', 'week', 'platform'] as const) {
    const ms = medianMs(() => summarize(tasks, overhead, by, opts), 5);
    rows.push({ what: `rates: summarize by ${by}, 100,000 tasks + 1,000,000 overhead segments (median of 5)`, value: `${ms.toFixed(0)} ms`, goal: '< 500 ms' });
  }
  const stats = medianMs(() => groupStats(tasks, 'requester', DEFAULT_SETTINGS), 5);
  rows.push({ what: 'rates: groupStats by requester, 100,000 tasks (median of 5)', value: `${stats.toFixed(0)} ms` });
  const sample = tasks[10]!;
  const segment: SegmentRecord = { ...overhead[1]!, taskId: sample.id };
  rows.push({ what: 'rates: a typical task as JSON (structured-clone size estimate)', value: `${JSON.stringify(sample).length} bytes` });
  rows.push({ what: 'rates: a segment as JSON (structured-clone size estimate)', value: `${JSON.stringify(segment).length} bytes` });
  return rows;
}

// `npx tsx scripts/bench-rates.ts` prints these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  void benchRates().then((rows) => {
    for (const row of rows) console.log(`${row.what} | ${row.value} | ${row.goal ?? ''}`);
  });
}
