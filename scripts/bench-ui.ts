/**
 * The popup's time to first render and the dashboard's time to interactive, with 1,000 and
 * 100,000 tasks stored with their segments (goals: popup < 100 ms, dashboard < 1 s). Each page marks the moment itself
 * (`truerate:ready` in the popup, `truerate:interactive` in the dashboard: the history table's
 * first rows on screen), measured from navigation start; medians of several loads in Chromium.
 * Also the storage the browser reports per task (with its segments) after seeding.
 */
import type { Page } from 'playwright-core';
import { startFixtureServer } from '../demo/server';
import { launchChromium } from '../tests/e2e/support/chromium';
import { seedExpression } from '../tests/e2e/support/seed';
import type { Figure } from './bench-tracking';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function uiTimes(sizes: readonly number[] = [1_000, 100_000]): Promise<Figure[]> {
  const rows: Figure[] = [];
  for (const size of sizes) {
    await seededProfile(size, true, async ({ chrome, page, seeded, usage }) => {
      const mark = async (url: string, name: string, loads: number) => {
        const samples: number[] = [];
        for (let i = 0; i < loads + 1; i++) {
          // From a blank page each time: going to the same address with a #fragment would only
          // move within the page already loaded, and measure nothing.
          await page.goto('about:blank');
          await page.goto(url);
          // Polled with evaluate: waitForFunction compiles a string in the page, which the
          // extension page's CSP (no unsafe-eval) forbids.
          let at: number | undefined;
          for (const until = Date.now() + 120_000; at === undefined && Date.now() < until; ) {
            at = (await page.evaluate(`performance.getEntriesByName(${JSON.stringify(name)})[0]?.startTime`)) as number | undefined;
            if (at === undefined) await page.waitForTimeout(20);
          }
          if (at === undefined) throw new Error(`${url}: no ${name} mark within 120 s`);
          if (i > 0) samples.push(at); // the first load warms the caches up
        }
        return median(samples);
      };
      // The seed wrote past the ledger, so the day totals are unbuilt: the popup reads today's rows.
      const popupRows = await mark(chrome.extensionUrl('popup.html'), 'truerate:ready', 7);
      // The overview builds them on its first (warm-up) load, then reads them.
      const overview = await mark(chrome.extensionUrl('options.html#overview'), 'truerate:overview', 7);
      const popup = await mark(chrome.extensionUrl('popup.html'), 'truerate:ready', 7);
      rows.push({ what: `popup: time to first render, ${size.toLocaleString('en')} tasks with their segments, today from the day totals / from today's rows (median of 7)`, value: `${popup.toFixed(0)} / ${popupRows.toFixed(0)} ms`, goal: '< 100 ms' });
      rows.push({ what: `dashboard: overview cards and charts drawn from the day totals, ${size.toLocaleString('en')} tasks (median of 7)`, value: `${overview.toFixed(0)} ms`, goal: '< 1 s' });
      const dashboard = await mark(chrome.extensionUrl('options.html#history'), 'truerate:interactive', 7);
      rows.push({ what: `dashboard: time to interactive (history rows shown), ${size.toLocaleString('en')} tasks with ${seeded.segments.toLocaleString('en')} segments (median of 7)`, value: `${dashboard.toFixed(0)} ms`, goal: '< 1 s' });
      // The dashboard tab's JavaScript heap once every task is read (Chromium's performance.memory).
      await page.goto(chrome.extensionUrl('options.html#history'));
      await page.getByText(`${size.toLocaleString('en')} of ${size.toLocaleString('en')} tasks`).waitFor({ timeout: 120_000 });
      const heap = (await page.evaluate('performance.memory.usedJSHeapSize')) as number;
      rows.push({ what: `dashboard: JavaScript heap of its tab with every task read, ${size.toLocaleString('en')} tasks`, value: `${(heap / 1024 / 1024).toFixed(0)} MB` });
      rows.push({
        what: `IndexedDB usage per task with its segments (${seeded.segments.toLocaleString('en')} segments), ${size.toLocaleString('en')} tasks`,
        value: `${(usage / seeded.tasks).toFixed(0)} bytes`,
      });
      if (size >= 100_000) {
        const tasksOnly = await seededProfile(size, false, async ({ usage: alone }) => alone);
        const perSegment = (usage - tasksOnly) / seeded.segments;
        rows.push({ what: `IndexedDB usage, ${size.toLocaleString('en')} tasks: per task (tasks alone) / per segment`, value: `${(tasksOnly / size).toFixed(0)} / ${perSegment.toFixed(0)} bytes` });
      }
    });
  }
  return rows;
}

interface Seeded {
  chrome: Awaited<ReturnType<typeof launchChromium>>;
  page: Page;
  seeded: { tasks: number; segments: number };
  /** The storage the browser reports the seeding took, in bytes. */
  usage: number;
}

/**
 * A fresh profile with `size` tasks seeded (with their segments, about 2.8 a task: measured parts
 * and the overhead before each, as a worker's database holds them; or without), for `use`.
 */
async function seededProfile<T>(size: number, segments: boolean, use: (s: Seeded) => Promise<T>): Promise<T> {
  const server = await startFixtureServer();
  const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki });
  try {
    const page = await chrome.newPage();
    await page.goto(chrome.extensionUrl('popup.html'));
    await page.locator('h1').waitFor();
    const before = (await page.evaluate('navigator.storage.estimate()')) as { usage: number };
    const seeded = (await page.evaluate(seedExpression({ count: size, now: Date.now(), days: 365, segments }))) as Seeded['seeded'];
    const after = (await page.evaluate('navigator.storage.estimate()')) as { usage: number };
    return await use({ chrome, page, seeded, usage: after.usage - before.usage });
  } finally {
    await chrome.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await uiTimes()) console.log(`${row.what}: ${row.value}${row.goal ? ` (goal ${row.goal})` : ''}`);
}
