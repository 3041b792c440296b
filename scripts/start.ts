/**
 * `npm start`: builds the extension, serves the demo platform pages on this machine under the
 * platforms' real host names, and opens Chromium with TrueRate loaded.
 *
 *   npm start                 headed when a display exists, else as with --headless
 *   npm start -- --headless   runs the demo: opens a demo MTurk task, prints what TrueRate
 *                             recorded, saves a screenshot of the popup, and exits
 *   npm start -- --no-build   uses the existing .output/chrome-mv3
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixtures } from '../demo/fixtures';
import { DEMO_HOST, startFixtureServer } from '../demo/server';
import { launchChromium } from '../tests/e2e/support/chromium';
import { CHROME_DIST, CHROMIUM_PATH, ROOT } from '../tests/e2e/support/paths';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  if (!args.has('--no-build') || !existsSync(join(CHROME_DIST, 'manifest.json'))) {
    console.log('Building the extension (wxt build)…');
    try {
      execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      // Only a failed build is worth the build log (a good one warns about zod's comments).
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`wxt build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
    }
  }
  const server = await startFixtureServer();
  const chrome = await launchChromium({
    hostResolverRules: server.hostResolverRules,
    spki: server.spki,
    headless,
  });
  const stop = async () => {
    await chrome.close();
    await server.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  const task = loadFixtures().find((f) => f.platform === 'mturk' && f.kind === 'working');
  if (!task) throw new Error('tests/fixtures/mturk has no "working" fixture to demo');

  const start = await chrome.newPage();
  await start.goto(`https://${DEMO_HOST}/`);
  const work = await chrome.newPage();
  await work.goto(task.url.href);
  // A few seconds of "work" (scrolling and typing), so the demo shows time measured.
  for (let i = 0; i < 12; i++) {
    await work.mouse.wheel(0, 30);
    await work.keyboard.press('Shift');
    await work.waitForTimeout(250);
  }
  const popup = await chrome.newPage();
  await popup.setViewportSize({ width: 380, height: 520 });
  const listed = await waitForTasks(() => popup.goto(chrome.extensionUrl('popup.html')), popup);

  console.log(`\nTrueRate${headless ? ' (headless demo)' : ''} recorded ${listed.length} task(s):`);
  for (const row of listed) console.log(`  - ${row}`);

  if (headless) {
    const shot = join(ROOT, '.output', 'demo-popup.png');
    await popup.screenshot({ path: shot });
    console.log(`\nPopup screenshot: ${shot}`);
    await stop();
    return;
  }
  // End on the task: time counts only on the tab in front, so the worker sees it measured.
  await work.bringToFront();
  console.log(`
Chromium is open with TrueRate loaded and three tabs: the demo start page (https://${DEMO_HOST}/),
the TrueRate popup as a page, and a demo MTurk task (in front). Type or scroll in the task, then
click TrueRate in the toolbar (the puzzle piece, then TrueRate) to watch its active time.
Every page is served from this machine. Close Chromium or press Ctrl-C here to stop.`);
  chrome.browser.on('disconnected', () => void server.close().then(() => process.exit(0)));
}

async function waitForTasks(
  reload: () => Promise<unknown>,
  popup: import('playwright-core').Page,
): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    await reload();
    const rows = await popup
      .locator('li.task')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    if (rows.length > 0) return rows;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('The demo task was not recorded within 15 s: see the browser console of the extension.');
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
