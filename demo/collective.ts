import type { PublishedGroup } from '../lib/share/aggregate';
import type { FeedBody } from '../lib/share/feed';

/**
 * The demo's collective: a feed as `npm run aggregate` would publish it for the offers of the demo
 * MTurk list (tests/fixtures/mturk/list-projects.html), made up but believable (median rates near
 * what studies of real workers found), so that a newcomer sees collective figures on the badges
 * and in the requester table beside their own.
 */
const FIGURES: [by: 'group' | 'requester', id: string, median: number, tasks: number, contributors: number, ratio: number][] = [
  ['group', '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA', 512, 1840, 64, 1.6],
  ['group', '3RT5YB8NW2KQ7ZD1MX4CF9HJ6LV0PG', 287, 930, 41, 2.3],
  ['group', '3X7KQ2M9RT4WB8ZN1CF6HD0JL5PV3S', 905, 412, 23, 1.1],
  ['requester', 'A2P2MT8IK72CVZ', 498, 5210, 140, 1.5],
  ['requester', 'A1URBNMOB7QX3Z', 301, 2260, 77, 2.1],
  ['requester', 'A3LNGCRWD8XQ2P', 870, 640, 31, 1.2],
];

export function demoFeed(keyId: string, now: number): FeedBody {
  const groups: PublishedGroup[] = FIGURES.map(([by, id, median, tasks, contributors, ratio]) => ({
    platform: 'mturk',
    by,
    id,
    currency: 'USD',
    tasks,
    contributors,
    rate: { median, p25: Math.round(median * 0.62), p75: Math.round(median * 1.45), n: tasks - 12 },
    ratio: { median: ratio, low: Math.round(ratio * 92) / 100, high: Math.round(ratio * 109) / 100, coverage: 0.9, n: tasks - 40 },
    rejectedShare: 0.03,
    returnedShare: 0.08,
  }));
  return {
    format: 'truerate-feed',
    formatVersion: 1,
    feed: 'demo-collective',
    name: 'Demo workers’ collective',
    version: 1,
    publishedAt: now - 2 * 86_400_000,
    expiresAt: now + 14 * 86_400_000,
    keyId,
    nextKeyId: null,
    k: 10,
    groups: groups.sort((a, b) => (JSON.stringify([a.platform, a.by, a.id]) < JSON.stringify([b.platform, b.by, b.id]) ? -1 : 1)),
  };
}
