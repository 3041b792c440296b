/**
 * Main-thread script time TrueRate's content scripts add to a platform page load in Chromium: CDP
 * Performance.getMetrics' ScriptDuration of a page loaded in a Chromium with the extension and in
 * one without it, in one run, loads alternating between the two, medians of at least 15 loads.
 *   npx tsx scripts/bench-chromium.ts [loads, default 15]
 *
 * Both browsers run without site isolation, so a cross-site task frame (www.mturkcontent.com in
 * an MTurk task page) shares the top frame's renderer and its activity sensor is counted too:
 * ScriptDuration counts only the main thread of the renderer the page's CDP session inspects.
 * The time to document_idle and 300 ms past load is counted: the sensor at document_start, the
 * page reader's first read and its badges. For comparison, other time trackers add 17–19 ms on a
 * static page (Timer +19.2 ms, WakaTime +17.2 ms).
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { loadFixtures } from '../demo/fixtures';
import { startFixtureServer } from '../demo/server';
import { launchChromium, type ChromiumSession } from '../tests/e2e/support/chromium';
import type { Figure } from './bench-tracking';

const LOADS = 15;
const WARM_UP = 3;
/** Past `load`: the document_idle script, its first page read, the badges' first answer. */
const SETTLE_MS = 500;
/** One renderer for every frame of a page, so a task frame's content script is counted. */
const SHARED_RENDERER = ['--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process'];

const PAGES = [
  { name: 'MTurk task', file: 'mturk/working-html-question.html' },
  { name: 'Prolific list', file: 'prolific/list-studies.html' },
] as const;

interface Sample {
  /** CDP ScriptDuration: wall time the renderer's main thread spent running script, ms. */
  script: number;
  /** CDP ThreadTime: CPU time of that thread, everything included (style, layout), ms. */
  cpu: number;
}

async function sample(chrome: ChromiumSession, url: string): Promise<Sample> {
  const page: Page = await chrome.newPage();
  try {
    const cdp = await chrome.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { script: metric('ScriptDuration'), cpu: metric('ThreadTime') };
  } finally {
    await page.close();
  }
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const ms = (x: number) => x.toFixed(2);

export interface LoadCost {
  page: string;
  loads: number;
  /** Medians, ms. */
  withExtension: number;
  without: number;
  /** Difference of the medians, and the range of the per-load differences (loads paired in order), ms. */
  added: number;
  addedMin: number;
  addedMax: number;
  /** Main-thread CPU time (ThreadTime), medians, ms: less disturbed by other processes than wall time. */
  cpuWith: number;
  cpuWithout: number;
}

/** Both browsers at once, one server; each page's loads alternate between them. */
export async function measureLoadCosts(loads = LOADS, extensionDir?: string): Promise<LoadCost[]> {
  const fixtures = loadFixtures();
  const server = await startFixtureServer();
  const launch = (withExtension: boolean) =>
    launchChromium({
      hostResolverRules: server.hostResolverRules,
      spki: server.spki,
      extraArgs: SHARED_RENDERER,
      ...(withExtension ? (extensionDir ? { extensionDir } : {}) : { extensionDir: null }),
    });
  const [withExt, without] = await Promise.all([launch(true), launch(false)]);
  const results: LoadCost[] = [];
  try {
    for (const { name, file } of PAGES) {
      const fixture = fixtures.find((f) => f.file.endsWith(file));
      if (!fixture) throw new Error(`no fixture ${file}`);
      const url = fixture.url.href;
      const a: Sample[] = [];
      const b: Sample[] = [];
      for (let i = 0; i < loads + WARM_UP; i++) {
        // Alternate which browser loads first, so neither always follows the other's load.
        let x: Sample;
        let y: Sample;
        if (i % 2) {
          y = await sample(without, url);
          x = await sample(withExt, url);
        } else {
          x = await sample(withExt, url);
          y = await sample(without, url);
        }
        if (i < WARM_UP) continue; // the first loads fill caches (Chrome's code cache among them)
        a.push(x);
        b.push(y);
      }
      const diffs = a.map((x, i) => x.script - (b[i]?.script ?? 0));
      const withMs = median(a.map((x) => x.script));
      const withoutMs = median(b.map((x) => x.script));
      results.push({
        page: name,
        loads,
        withExtension: withMs,
        without: withoutMs,
        added: withMs - withoutMs,
        addedMin: Math.min(...diffs),
        addedMax: Math.max(...diffs),
        cpuWith: median(a.map((x) => x.cpu)),
        cpuWithout: median(b.map((x) => x.cpu)),
      });
    }
  } finally {
    await Promise.all([withExt.close(), without.close()]);
    await server.close();
  }
  return results;
}

export function loadCostFigures(costs: readonly LoadCost[]): Figure[] {
  return costs.flatMap((c) => [
    {
      what: `content scripts: main-thread script time added at page load (${c.page}, Chromium, median of ${c.loads})`,
      // The page's own script time is about 0 ms (fixtures have no scripts): the ratio is to
      // the page's whole main-thread time without TrueRate, which is not.
      value:
        `+${ms(c.added)} ms script (${ms(c.withExtension)} vs ${ms(c.without)} ms; per load ${ms(c.addedMin)}–${ms(c.addedMax)} ms); ` +
        `peers +17–19 ms`,
      goal: '< 2 ms (then < 1 ms)',
    },
    {
      what: `content scripts: main-thread CPU time of the page load with/without (${c.page}, Chromium, median of ${c.loads})`,
      value: `${ms(c.cpuWith)} vs ${ms(c.cpuWithout)} ms (×${(c.cpuWith / Math.max(c.cpuWithout, 0.001)).toFixed(2)}, +${ms(c.cpuWith - c.cpuWithout)} ms)`,
    },
  ]);
}

export async function pageLoadCosts(loads = LOADS): Promise<Figure[]> {
  return loadCostFigures(await measureLoadCosts(loads));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const loads = Number(process.argv[2] ?? LOADS);
  for (const f of await pageLoadCosts(loads)) console.log(`${f.what}: ${f.value}`);
}
