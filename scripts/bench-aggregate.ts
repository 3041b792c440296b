/**
 * A collective's aggregation at scale: 1,000,000 contributed tasks from 10,000 contributors
 * (100 tasks each, over 2,000 requesters and 20,000 task groups), through lib/share/aggregate.ts
 * as `npm run aggregate` runs it. Time and the process's peak memory (resident set), and the feed's
 * bytes per published group. Goal: under 10 s and 300 MB.
 */
import { createAggregator } from '../lib/share/aggregate';
import type { ContributedTask } from '../lib/share/contribution';
import { canonicalJson } from '../lib/share/feed';
import type { Figure } from './bench-tracking';

export function aggregateTimes(total = 1_000_000, contributors = 10_000): Figure[] {
  let x = 987654321;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const perContributor = Math.round(total / contributors);
  const outcomes = ['paid', 'paid', 'paid', 'pending', 'rejected', 'returned', 'screened-out'] as const;
  let peak = process.memoryUsage().rss;
  const start = performance.now();
  const aggregator = createAggregator({ k: 10 });
  for (let c = 0; c < contributors; c++) {
    const tasks: ContributedTask[] = [];
    for (let i = 0; i < perContributor; i++) {
      const group = Math.floor(rand() * 20_000);
      tasks.push({
        platform: 'mturk',
        requesterId: `R${String(group % 2000).padStart(13, '0')}`,
        groupId: `G${String(group).padStart(29, '0')}`,
        reward: { amountMinor: 5 + (group % 40) * 5, currency: 'USD' },
        bonusMinor: rand() < 0.05 ? 10 : 0,
        advertisedSeconds: 60 + (group % 10) * 60,
        advertisedKind: 'estimate',
        activeSeconds: 5 * Math.round((30 + rand() * 900) / 5),
        outcome: outcomes[Math.floor(rand() * outcomes.length)]!,
        week: `2026-W${String(1 + Math.floor(rand() * 48)).padStart(2, '0')}`,
        idleThresholdS: 60,
      });
    }
    aggregator.add(`contributor-${c}`, tasks);
    if (c % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const groups = aggregator.result();
  peak = Math.max(peak, process.memoryUsage().rss);
  const seconds = (performance.now() - start) / 1000;
  const bytes = canonicalJson(groups).length;
  return [
    { what: `aggregation: ${total.toLocaleString('en')} contributed tasks from ${contributors.toLocaleString('en')} contributors (Node, streaming aggregator)`, value: `${seconds.toFixed(1)} s, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`, goal: '< 10 s, < 300 MB' },
    { what: `aggregation: published groups (k = 10) and feed bytes per group`, value: `${groups.length.toLocaleString('en')} groups, ${(bytes / Math.max(1, groups.length)).toFixed(0)} bytes each` },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of aggregateTimes()) console.log(`${row.what}: ${row.value}${row.goal ? ` (goal ${row.goal})` : ''}`);
}
