import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '@/lib/db/migrations';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { readTablesExpression, setSettings } from './support/extension-db';
import { artifactPath } from './support/paths';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
if (!working) throw new Error('no MTurk working fixture');
const WORKING_URL = working.url.href;
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const ALL = readTablesExpression(['tasks', 'segments', 'offers', 'journal']);

/**
 * A worker who goes back to an older TrueRate finds records written by a newer one: the older
 * version must neither read them as its own nor write into them, and must say so
 * (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer). The newer version is
 * made here as a newer TrueRate would: a higher IndexedDB version on the same database.
 */
describe('Chromium: records from a newer TrueRate', () => {
  let server: FixtureServer;
  let chrome: ChromiumSession;
  beforeAll(async () => {
    server = await startFixtureServer();
    chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki });
  });
  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });

  it('are kept as they are, shown by the popup, and the popup says why nothing new is saved', async () => {
    await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {} });
    const page = await chrome.newPage();
    await page.goto(WORKING_URL);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('a');
      await page.waitForTimeout(250);
    }
    await page.goto('https://worker.mturk.com/projects');
    const popup = await chrome.newPage();
    await popup.goto(chrome.extensionUrl('popup.html'));
    await expect.poll(async () => ((await popup.evaluate(ALL)) as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toEqual([TASK]);
    const before = await popup.evaluate(ALL);
    // The newer TrueRate's upgrade: the background's connection is asked to close, and does.
    const newer = (LATEST_VERSION + 1) * 10;
    expect(await popup.evaluate(`new Promise((resolve, reject) => {
      const request = indexedDB.open('truerate', ${newer});
      request.onsuccess = () => { request.result.close(); resolve(${newer}); };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked'));
    })`)).toBe(newer);
    // This (older) version starts again, as after the worker reinstalled it.
    const cdp = await chrome.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const back = await page.goto(WORKING_URL).then(() => chrome.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => chrome.context.serviceWorkers().at(-1)));
    await page.keyboard.press('a');
    await popup.reload();
    const notice = popup.locator('.db-problem-notice');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.innerText()).toContain(`written by a newer TrueRate (version ${LATEST_VERSION + 1}); this one reads up to version ${LATEST_VERSION}`);
    // Still readable: the popup lists the task it recorded before.
    await expect.poll(() => popup.getByText('Transcribe a shopping receipt').count()).toBeGreaterThan(0);
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.screenshot({ path: artifactPath('chromium-popup-newer-database.png') });
    // Nothing written into the newer database: every record as it was, the version unchanged.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('a');
      await page.waitForTimeout(300);
    }
    expect(await popup.evaluate(ALL)).toEqual(before);
    expect(await popup.evaluate(`indexedDB.databases().then((all) => all.find((d) => d.name === 'truerate')?.version)`)).toBe(newer);
    const held = (await back?.evaluate('chrome.storage.local.get("heldEvents")')) as { heldEvents?: { events: unknown[] } };
    expect(held.heldEvents?.events.length).toBeGreaterThan(0);
  }, 90_000);
});
