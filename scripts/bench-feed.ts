/**
 * A collective's feed in the extension: a 5 MB signed feed (about 15,000 published groups),
 * served by the fixture server as a static host would, fetched and checked by the built
 * extension's background in real Chromium (size limit, Ed25519 signature over the exact bytes,
 * the schema of every group, the version) and stored; then the badge lookup built over it. Timed
 * from the dashboard's "Check now" message to its answer, median of a few runs; each run publishes
 * a newer version so that every one is checked and stored whole.
 */
import { COLLECTIVE_HOST, startFixtureServer } from '../demo/server';
import type { PublishedGroup } from '../lib/share/aggregate';
import type { FeedBody } from '../lib/share/feed';
import { launchChromium } from '../tests/e2e/support/chromium';
import { newKey, signedFile } from '../tests/unit/share/test-keys';
import type { Figure } from './bench-tracking';

const TARGET_BYTES = 5 * 1024 * 1024;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function groups(n: number): PublishedGroup[] {
  return Array.from({ length: n }, (_, i) => ({
    platform: 'mturk',
    by: i % 10 === 0 ? ('requester' as const) : ('group' as const),
    id: i % 10 === 0 ? `A${String(i).padStart(13, '0')}` : `3G${String(i).padStart(28, '0')}`,
    currency: 'USD',
    tasks: 40 + (i % 500),
    contributors: 10 + (i % 40),
    rate: { median: 300 + (i % 900), p25: 200 + (i % 600), p75: 500 + (i % 1200), n: 40 + (i % 500) },
    ratio: i % 3 === 0 ? { band: [1, 1.25] as [number, number], n: 12 } : { median: 1.1 + (i % 10) / 10, low: 1, high: 1.5 + (i % 10) / 10, coverage: 0.92, n: 38 + (i % 400) },
    rejectedShare: (i % 7) / 100,
    returnedShare: (i % 5) / 100,
  }));
}

export async function feedTimes(): Promise<Figure[]> {
  const key = await newKey();
  const now = Date.now();
  const body = (version: number, n: number): FeedBody => ({
    format: 'truerate-feed', formatVersion: 1, feed: 'bench-collective', name: 'Bench collective', version,
    publishedAt: now, expiresAt: now + 7 * 86_400_000, keyId: key.id, nextKeyId: null, k: 10, groups: groups(n),
  });
  // As many groups as make the file 5 MB.
  const perGroup = (await signedFile(body(1, 1000), key)).length / 1000;
  const n = Math.floor(TARGET_BYTES / perGroup);
  const server = await startFixtureServer();
  const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki });
  try {
    server.collective.feed = await signedFile(body(1, n), key);
    const bytes = server.collective.feed.length;
    const page = await chrome.newPage();
    await page.goto(chrome.extensionUrl('popup.html'));
    await page.locator('h1').waitFor();
    const url = `https://${COLLECTIVE_HOST}/feed.json`;
    const send = (message: unknown) =>
      page.evaluate(async (m) => {
        const started = performance.now();
        const reply = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m)) as { type: string; feeds?: { version: number; problem: unknown }[] };
        return { ms: performance.now() - started, reply };
      }, message);
    const added = await send({ type: 'feeds/add', url, publicKey: key.id });
    if (added.reply.feeds?.[0]?.version !== 1) throw new Error(`the feed was not taken: ${JSON.stringify(added.reply).slice(0, 300)}`);
    const times: number[] = [];
    for (let version = 2; version < 2 + RUNS; version++) {
      server.collective.feed = await signedFile(body(version, n), key);
      const run = await send({ type: 'feeds/refresh', url });
      if (run.reply.feeds?.[0]?.version !== version) throw new Error(`version ${version} was not taken`);
      times.push(run.ms);
    }
    return [
      {
        what: `collective feed: fetch, verify (Ed25519 + schema) and store a ${(bytes / 1024 / 1024).toFixed(1)} MB feed of ${n.toLocaleString('en')} groups in the extension (Chromium, median of ${RUNS})`,
        value: `${median(times).toFixed(0)} ms (first subscription ${added.ms.toFixed(0)} ms)`,
      },
    ];
  } finally {
    await chrome.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await feedTimes()) console.log(`${row.what}: ${row.value}`);
}
