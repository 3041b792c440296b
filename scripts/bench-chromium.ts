/**
 * Main-thread time TrueRate's content scripts add to a platform page load: the same fixture page
 * loaded with and without the extension in Chromium, CDP's ScriptDuration of the top frame
 * compared (medians of several loads).
 */
import { loadFixtures } from '../demo/fixtures';
import { startFixtureServer } from '../demo/server';
import { launchChromium } from '../tests/e2e/support/chromium';
import type { Figure } from './bench-tracking';

const LOADS = 15;

async function scriptMs(withExtension: boolean, url: string): Promise<number[]> {
  const server = await startFixtureServer();
  const chrome = await launchChromium({
    hostResolverRules: server.hostResolverRules,
    spki: server.spki,
    ...(withExtension ? {} : { extensionDir: null }),
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < LOADS + 2; i++) {
      const page = await chrome.newPage();
      const cdp = await chrome.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300); // document_idle scripts and the first pulse
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
      if (i >= 2) samples.push(script * 1000); // the first loads warm caches up
      await page.close();
    }
  } finally {
    await chrome.close();
    await server.close();
  }
  return samples;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function pageLoadCost(): Promise<Figure> {
  const task = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
  if (!task) throw new Error('no MTurk working fixture');
  const without = median(await scriptMs(false, task.url.href));
  const withExt = median(await scriptMs(true, task.url.href));
  return {
    what: 'content scripts: main-thread script time added at page load (MTurk task, median of 15)',
    value: `${(withExt - without).toFixed(2)} ms (${withExt.toFixed(2)} vs ${without.toFixed(2)} ms)`,
    goal: '< 1 ms',
  };
}
