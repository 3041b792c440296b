/**
 * The popup's time to first render and the dashboard's time to interactive, with 1,000 and
 * 100,000 tasks stored (goal: popup < 100 ms). Each page marks the moment itself
 * (`truerate:ready` in the popup, `truerate:interactive` in the dashboard: the history table's
 * first rows on screen), measured from navigation start; medians of several loads in Chromium.
 * Also the storage the browser reports per task (with its segments) after seeding.
 */
import { startFixtureServer } from '../demo/server';
import { launchChromium } from '../tests/e2e/support/chromium';
import { seedExpression } from '../tests/e2e/support/seed';
import type { Figure } from './bench-tracking';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function uiTimes(sizes: readonly number[] = [1_000, 100_000]): Promise<Figure[]> {
  const rows: Figure[] = [];
  for (const size of sizes) {
    const server = await startFixtureServer();
    const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki });
    try {
      const page = await chrome.newPage();
      await page.goto(chrome.extensionUrl('popup.html'));
      await page.locator('h1').waitFor();
      const before = (await page.evaluate('navigator.storage.estimate()')) as { usage: number };
      // Segments only at the small size: IndexedDB takes minutes for 300,000 of them here, and neither
      // page reads segments beyond today (popup) or a chosen period (dashboard overview).
      const withSegments = size <= 10_000;
      const seeded = (await page.evaluate(seedExpression({ count: size, now: Date.now(), days: 365, segments: withSegments }))) as { tasks: number; segments: number };
      const after = (await page.evaluate('navigator.storage.estimate()')) as { usage: number };

      const mark = async (url: string, name: string, loads: number) => {
        const samples: number[] = [];
        for (let i = 0; i < loads + 1; i++) {
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
      const popup = await mark(chrome.extensionUrl('popup.html'), 'truerate:ready', 7);
      rows.push({ what: `popup: time to first render, ${size.toLocaleString('en')} tasks (median of 7)`, value: `${popup.toFixed(0)} ms`, goal: '< 100 ms' });
      const dashboard = await mark(chrome.extensionUrl('options.html#history'), 'truerate:interactive', 3);
      rows.push({ what: `dashboard: time to interactive (history rows shown), ${size.toLocaleString('en')} tasks (median of 3)`, value: `${dashboard.toFixed(0)} ms` });
      rows.push({
        what: `IndexedDB usage per task${withSegments ? ` with its segments (${seeded.segments.toLocaleString('en')} segments)` : ', tasks only'}, ${size.toLocaleString('en')} tasks`,
        value: `${((after.usage - before.usage) / seeded.tasks).toFixed(0)} bytes`,
      });
    } finally {
      await chrome.close();
      await server.close();
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await uiTimes()) console.log(`${row.what}: ${row.value}${row.goal ? ` (goal ${row.goal})` : ''}`);
}
