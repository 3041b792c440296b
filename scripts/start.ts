/**
 * `npm start`: builds the extension, serves the demo platform pages on this machine under the
 * platforms' real host names, opens Chromium with TrueRate loaded and acts out a short MTurk
 * session (demo/story.ts): a HIT accepted, worked, submitted and approved, a second one accepted
 * and returned. Then it shows what TrueRate recorded, in its popup and its dashboard.
 *
 *   npm start                 headed when a display exists, else as with --headless; the browser
 *                             stays open afterwards
 *   npm start -- --headless   prints the story and what TrueRate recorded, saves screenshots of
 *                             the popup and the dashboard in .output/, and exits (about a minute)
 *   npm start -- --no-build   uses the existing .output/chrome-mv3
 *   npm start -- --quick      the same steps with a tenth of the pauses: only proves they work
 *                             (the long-path test); a few seconds of work make no believable rate
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openDashboard, readPopup, summary } from '../demo/report';
import { demoFeed } from '../demo/collective';
import { COLLECTIVE_HOST, DEMO_HOST, startFixtureServer } from '../demo/server';
import { signFeed, toBase64Url } from '../lib/share/feed';
import { actStory } from '../demo/story';
import { launchChromium } from '../tests/e2e/support/chromium';
import { CHROME_DIST, CHROMIUM_PATH, ROOT } from '../tests/e2e/support/paths';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const pace = args.has('--quick') ? 0.1 : 1;

async function main(): Promise<void> {
  const began = Date.now();
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

  // Headed and done: the browser stays for the worker. Otherwise (headless, or a step failed) close.
  let keepOpen = false;
  try {
    console.log(`\nTrueRate demo${headless ? ' (headless)' : ''}: a short session on MTurk, served from this machine.`);
    if (pace < 1) console.log('(--quick: a tenth of the pauses, so the rates below are not believable ones.)');
    console.log('');
    const start = await chrome.newPage();
    await start.goto(`https://${DEMO_HOST}/`);
    const mturk = await actStory(chrome, { pace, say: (line) => console.log(line) });
    await subscribeToDemoCollective(chrome, server);

    const popup = await readPopup(chrome, 2);
    const out = (name: string) => join(ROOT, '.output', `demo-${name}.png`);
    const shots = headless ? { popup: out('popup'), overview: out('dashboard'), history: out('dashboard-history') } : null;
    if (shots) await popup.page.screenshot({ path: shots.popup, fullPage: true });
    const dashboard = await openDashboard(chrome, shots);
    console.log(`\n${summary(popup.tasks, popup.today).join('\n')}`);

    if (shots) {
      const shown = (file: string) => relative(process.cwd(), file);
      console.log(`\nScreenshots: ${shown(shots.popup)} (popup), ${shown(shots.overview)} (dashboard) and ${shown(shots.history)} (its history).`);
      console.log(`The demo took ${Math.round((Date.now() - began) / 1000)} s.`);
      return;
    }
    await mturk.bringToFront();
    await dashboard.bringToFront();
    console.log(`
Chromium stays open, with TrueRate loaded and these tabs:
  - the demo start page (https://${DEMO_HOST}/): every demo platform page, served from this machine;
  - MTurk, back on the HIT list after the return;
  - the TrueRate popup, as a page (the toolbar's puzzle piece, then TrueRate, opens the same);
  - the dashboard, on its history (in front): try Overview, Requesters and a task's own page;
    Sharing shows the demo collective's feed, and what you would give a collective.
Accept another HIT in the MTurk tab, or open a "working" page from the start page, then watch
its time in the popup: time counts only in the tab in front, while you type, click, scroll or
read. Close Chromium or press Ctrl-C here to stop.`);
    chrome.browser.on('disconnected', () => void server.close().then(() => process.exit(0)));
    keepOpen = true;
  } finally {
    if (!keepOpen) await stop();
  }
}

/**
 * Serves the demo collective's signed feed and subscribes to it, as a worker would in Dashboard →
 * Sharing with the address and key their collective gives: its figures then show beside the
 * worker's own on the MTurk list's badges and in the requester table.
 */
async function subscribeToDemoCollective(chrome: Awaited<ReturnType<typeof launchChromium>>, server: Awaited<ReturnType<typeof startFixtureServer>>): Promise<void> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  server.collective.feed = JSON.stringify(await signFeed(subtle, demoFeed(publicKey, Date.now()), pair.privateKey));
  const url = `https://${COLLECTIVE_HOST}/feed.json`;
  const page = await chrome.newPage();
  await page.goto(chrome.extensionUrl('popup.html'));
  const reply = (await page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
    { type: 'feeds/add', url, publicKey },
  )) as { type: string; feeds?: { name: string | null }[] };
  await page.close();
  const name = reply.feeds?.[0]?.name;
  console.log(name ? `Subscribed to "${name}", a demo collective's signed feed (${url}): its figures show beside yours.` : `The demo collective's feed was not taken (${JSON.stringify(reply).slice(0, 200)}).`);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
