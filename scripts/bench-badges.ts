/**
 * Badges in real Chromium with 100,000 tasks stored: from page ready (DOMContentLoaded) to every
 * badge of an MTurk list drawn, on lists of 20 and 100 offers; and the script time the badges add
 * to that page's load, as a ratio against the same page with badges turned off, in one run
 * (loads alternate between on and off, so both see the same browser and caches).
 *
 * The moment "all drawn" is taken by an observer the bench puts in the page before its own
 * scripts: it sees the badge hosts, which sit in the page's DOM, each drawn before it is attached.
 */
import type { Page } from 'playwright-core';
import { generatedOffers, GENERATED_LIST_PARAM } from '../demo/generated-list';
import { startFixtureServer } from '../demo/server';
import { launchChromium } from '../tests/e2e/support/chromium';
import { seedExpression } from '../tests/e2e/support/seed';
import type { Figure } from './bench-tracking';

const TASKS = 100_000;
/** One task in ten is of the list's groups: 10,000 tasks over 100 groups, four requesters. */
const GROUP_EVERY = 10;
const LOADS = 15;
const SIZES = [20, 100] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs in the page before its scripts: the time the N-th badge host is attached. */
const WATCH = `(() => {
  const want = Number(new URLSearchParams(location.search).get('${GENERATED_LIST_PARAM}'));
  const seen = () => document.querySelectorAll('[data-truerate-badge]').length;
  new MutationObserver((_, observer) => {
    if (seen() >= want && window.__badgesAt === undefined) {
      window.__badgesAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})()`;

async function load(page: Page, url: string, badges: boolean): Promise<{ drawnMs: number | null; scriptMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  let drawnMs: number | null = null;
  if (badges) {
    for (const until = Date.now() + 30_000; drawnMs === null && Date.now() < until; ) {
      const at = (await page.evaluate('window.__badgesAt')) as number | undefined;
      if (at === undefined) await page.waitForTimeout(10);
      else {
        const ready = (await page.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`)) as number;
        drawnMs = at - ready;
      }
    }
    if (drawnMs === null) throw new Error(`${url}: the badges were not all drawn within 30 s`);
  }
  // The same settling time with badges on and off, after the last badge: the page's read, the
  // sightings written, the observer's last debounce.
  await page.waitForTimeout(600);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return { drawnMs, scriptMs: (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000 };
}

export async function badgeTimes(): Promise<Figure[]> {
  const server = await startFixtureServer();
  const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki });
  const rows: Figure[] = [];
  try {
    const ext = await chrome.newPage();
    await ext.goto(chrome.extensionUrl('popup.html'));
    await ext.locator('h1').waitFor();
    const groups = generatedOffers(Math.max(...SIZES)).map(({ groupId, requesterId, requesterName }) => ({ groupId, requesterId, requesterName }));
    await ext.evaluate(seedExpression({ count: TASKS, now: Date.now() - 3_600_000, days: 365, segments: false, mturkGroups: groups, groupEvery: GROUP_EVERY }));
    const setBadges = (on: boolean) =>
      chrome.serviceWorker.evaluate(`chrome.storage.local.set({ settings: { minHourlyMinor: { USD: 600 }, badgesOff: ${on ? '[]' : '["mturk"]'} } })`);

    for (const size of SIZES) {
      const url = `https://worker.mturk.com/projects?${GENERATED_LIST_PARAM}=${size}`;
      const page = await chrome.newPage();
      await page.addInitScript(WATCH);
      const drawn: number[] = [];
      const on: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < LOADS + 1; i++) {
        // A pause between loads, as a worker's own reloads have: back-to-back loads of one tab
        // every second or so exceed the frame's message budget (docs/trust-boundaries.md), and
        // the badges then come a second later, after a retry.
        await page.waitForTimeout(1500);
        await setBadges(true);
        const a = await load(page, url, true);
        await setBadges(false);
        await page.waitForTimeout(1500);
        const b = await load(page, url, false);
        if (i === 0) continue; // the first loads warm the caches up
        drawn.push(a.drawnMs!);
        on.push(a.scriptMs);
        off.push(b.scriptMs);
      }
      await page.close();
      rows.push({
        what: `badges: DOMContentLoaded → all ${size} badges drawn, ${TASKS.toLocaleString('en')} tasks stored (median of ${LOADS})`,
        value: `${median(drawn).toFixed(0)} ms (range ${Math.min(...drawn).toFixed(0)}–${Math.max(...drawn).toFixed(0)})`,
        goal: size === 100 ? '< 50 ms' : undefined,
      });
      rows.push({
        what: `badges: page script time, ${size} offers, badges on vs off (median of ${LOADS})`,
        value: `${(median(on) / median(off)).toFixed(2)}× (${median(on).toFixed(1)} vs ${median(off).toFixed(1)} ms, +${(median(on) - median(off)).toFixed(1)} ms)`,
      });
    }
  } finally {
    await chrome.close();
    await server.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await badgeTimes()) console.log(`${row.what}: ${row.value}${row.goal ? ` (goal ${row.goal})` : ''}`);
}
