/**
 * A collective's aggregation at scale: 1,000,000 contributed tasks from 10,000 contributors
 * (100 tasks each, over 2,000 requesters and 20,000 task groups), through lib/share/aggregate.ts
 * as `npm run aggregate` runs it. Time and the process's peak memory (resident set), and the feed's
 * bytes per published group. Goal: under 10 s and 300 MB.
 *
 * aggregateDuckdbTimes: the DuckDB engine from NDJSON files on disk (1,000,000 and 10,000,000
 * tasks, 100 per contributor), each run in a child process of its own so that its peak memory,
 * DuckDB's included, is its own; at 1,000,000 the streaming engine reads the same files, and the
 * two results must be identical.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAggregator, type PublishedGroup } from '../lib/share/aggregate';
import type { ContributedTask } from '../lib/share/contribution';
import { canonicalJson } from '../lib/share/feed';
import type { Figure } from './bench-tracking';

const OUTCOMES = ['paid', 'paid', 'paid', 'pending', 'rejected', 'returned', 'screened-out'] as const;

/** A seeded source of tasks: the same sequence on every run. */
function taskSource(): () => ContributedTask {
  let x = 987654321;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  return () => {
    const group = Math.floor(rand() * 20_000);
    return {
      platform: 'mturk',
      requesterId: `R${String(group % 2000).padStart(13, '0')}`,
      groupId: `G${String(group).padStart(29, '0')}`,
      reward: { amountMinor: 5 + (group % 40) * 5, currency: 'USD' },
      bonusMinor: rand() < 0.05 ? 10 : 0,
      advertisedSeconds: 60 + (group % 10) * 60,
      advertisedKind: 'estimate',
      activeSeconds: 5 * Math.round((30 + rand() * 900) / 5),
      outcome: OUTCOMES[Math.floor(rand() * OUTCOMES.length)]!,
      week: `2026-W${String(1 + Math.floor(rand() * 48)).padStart(2, '0')}`,
      idleThresholdS: 60,
    };
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const perGroup = (groups: PublishedGroup[]) => canonicalJson(groups).length / Math.max(1, groups.length);

export function aggregateTimes(total = 1_000_000, contributors = 10_000): Figure[] {
  const next = taskSource();
  const perContributor = Math.round(total / contributors);
  let peak = process.memoryUsage().rss;
  const start = performance.now();
  const aggregator = createAggregator({ k: 10 });
  for (let c = 0; c < contributors; c++) {
    const tasks: ContributedTask[] = [];
    for (let i = 0; i < perContributor; i++) tasks.push(next());
    aggregator.add(`contributor-${c}`, tasks);
    if (c % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const groups = aggregator.result();
  peak = Math.max(peak, process.memoryUsage().rss);
  const seconds = (performance.now() - start) / 1000;
  return [
    { what: `aggregation: ${total.toLocaleString('en')} contributed tasks from ${contributors.toLocaleString('en')} contributors (Node, streaming aggregator)`, value: `${seconds.toFixed(1)} s, peak RSS ${mb(peak)}`, goal: '< 10 s, < 300 MB' },
    { what: `aggregation: published groups (k = 10) and feed bytes per group`, value: `${groups.length.toLocaleString('en')} groups, ${perGroup(groups).toFixed(0)} bytes each` },
  ];
}

/** Contribution files as members send them: a header, then one task a line. */
function writeContributions(dir: string, total: number, perContributor: number): void {
  const next = taskSource();
  for (let c = 0; c * perContributor < total; c++) {
    const contributor = `m${String(c).padStart(21, '0')}`;
    const lines = [JSON.stringify({ format: 'truerate-contribution', version: 1, contributor, week: '2026-W49' })];
    for (let i = 0; i < perContributor; i++) lines.push(JSON.stringify(next()));
    writeFileSync(join(dir, `${contributor}.ndjson`), `${lines.join('\n')}\n`);
  }
}

interface ChildRun {
  seconds: number;
  maxRssBytes: number;
  groups: number;
  bytesPerGroup: number;
  digest: string;
}

/** One engine over a folder in a process of its own (see the bottom of this file). */
function inChild(engine: 'duckdb' | 'streaming', dir: string): ChildRun {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bench-aggregate.ts'), `--${engine}`, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildRun;
}

export async function aggregateDuckdbTimes(totals = [1_000_000, 10_000_000], perContributor = 100): Promise<Figure[]> {
  const rows: Figure[] = [];
  for (const total of totals) {
    const dir = mkdtempSync(join(tmpdir(), 'truerate-bench-aggregate-'));
    try {
      writeContributions(dir, total, perContributor);
      const contributors = Math.ceil(total / perContributor).toLocaleString('en');
      const duck = inChild('duckdb', dir);
      rows.push({
        what: `aggregation: ${total.toLocaleString('en')} contributed tasks from ${contributors} contributors, NDJSON files to groups (DuckDB engine, 2 threads, memory_limit 1GB)`,
        value: `${duck.seconds.toFixed(1)} s, peak RSS ${mb(duck.maxRssBytes)}, ${duck.groups.toLocaleString('en')} groups, ${duck.bytesPerGroup.toFixed(0)} bytes each`,
      });
      if (total <= 1_000_000) {
        const streaming = inChild('streaming', dir);
        rows.push({
          what: `aggregation: the same files through the streaming engine (reading and checking included)`,
          value: `${streaming.seconds.toFixed(1)} s, peak RSS ${mb(streaming.maxRssBytes)}, ${streaming.digest === duck.digest ? 'identical groups' : 'DIFFERENT GROUPS'}`,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

async function childMain(engine: string, dir: string): Promise<void> {
  const { inputsOf, readContribution } = await import('./aggregate-inputs');
  const start = performance.now();
  let groups: PublishedGroup[];
  if (engine === '--duckdb') {
    const { aggregateDuckdb } = await import('./aggregate-duckdb');
    groups = await aggregateDuckdb(inputsOf([dir]), 10);
  } else {
    const aggregator = createAggregator({ k: 10 });
    for (const path of inputsOf([dir])) {
      const read = await readContribution(path);
      if (!('problems' in read)) aggregator.add(read.contributor, read.tasks);
    }
    groups = aggregator.result();
  }
  const seconds = (performance.now() - start) / 1000;
  const json = canonicalJson(groups);
  const run: ChildRun = { seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, groups: groups.length, bytesPerGroup: json.length / Math.max(1, groups.length), digest: createHash('sha256').update(json).digest('hex') };
  console.log(JSON.stringify(run));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [flag, dir] = process.argv.slice(2);
  if (flag && dir) await childMain(flag, dir);
  else {
    for (const row of [...aggregateTimes(), ...(await aggregateDuckdbTimes())]) console.log(`${row.what}: ${row.value}${row.goal ? ` (goal ${row.goal})` : ''}`);
  }
}
