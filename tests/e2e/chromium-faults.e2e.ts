import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { copyOfBuild, withoutUnlimitedStorage, type BuildCopy } from './support/build-copy';
import { launchChromium } from './support/chromium';
import { activeMsOf, duplicatesIn, readDb, readTable, setSettings } from './support/extension-db';
import { CLOCK_SETTLE_MS, fakeClock } from './support/fake-clock';
import { artifactPath, CHROME_DIST, recordFigure } from './support/paths';
import { typeWith } from './support/typing';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
if (!working) throw new Error('no MTurk working fixture');
const WORKING_URL = working.url.href;
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
/** At most one heartbeat lost per fault (docs/time.md). */
const HEARTBEAT_MS = 5000;

const typeFor = (page: Page, ms: number, between?: () => Promise<void>) => typeWith(() => page.keyboard.press('a'), ms, between);

/**
 * An update as the browser does it: the extension's files on disk replaced by a newer version, then
 * the extension reloaded (what chrome://extensions' reload button and an auto-update do). Chromium
 * reloads an extension loaded from the command line only in developer mode, so it is turned on
 * first, from chrome://extensions itself.
 */
async function updateExtension(page: Page, extensionId: string, copy: BuildCopy, version: string): Promise<void> {
  copy.editManifest((manifest) => ({ ...manifest, version }));
  await page.goto('chrome://extensions');
  await page.evaluate(`new Promise((resolve) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve))`);
  await page.evaluate(`new Promise((resolve) => chrome.developerPrivate.reload(${JSON.stringify(extensionId)}, { failQuietly: true }, resolve))`);
}

describe('Chromium: faults during one task lose at most a heartbeat each', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the service worker killed 20 times while the worker types, twice a second: the time is all there, once', async () => {
    const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki });
    try {
      await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {} });
      // CDP's ServiceWorker domain from a tab of its own, left behind the task page.
      const controller = await chrome.newPage();
      const cdp = await chrome.context.newCDPSession(controller);
      await cdp.send('ServiceWorker.enable');
      const page = await chrome.newPage();
      await page.goto(WORKING_URL);
      await page.bringToFront();
      let kills = 0;
      const typed = await typeFor(page, 12_500, async () => {
        if (kills >= 20) return;
        await cdp.send('ServiceWorker.stopAllWorkers');
        kills += 1;
      });
      await page.waitForTimeout(1500);
      const worker = chrome.context.serviceWorkers().filter((w) => w.url().endsWith('/background.js')).at(-1) ?? (await chrome.context.waitForEvent('serviceworker'));
      const db = await readDb(worker);
      const truth = typed.last - typed.first;
      const measured = activeMsOf(db, TASK);
      expect(kills).toBe(20);
      recordFigure('chromium: 20 service-worker kills in one task, measured minus truth (ms)', measured - truth);
      expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
      expect(measured).toBeLessThanOrEqual(truth + 1000);
      expect(duplicatesIn(db, TASK)).toEqual([]);
    } finally {
      await chrome.close();
    }
  }, 120_000);

  it('the browser killed mid-task and started again on the same profile: tracking resumes, the task is the same one', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'tr-p-'));
    try {
      const first = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki, profileDir });
      await setSettings(first.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {} });
      const page = await first.newPage();
      await page.goto(WORKING_URL);
      const loaded = Date.now();
      const a = await typeFor(page, 4000);
      await page.waitForTimeout(300);
      first.crash();

      const second = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki, profileDir });
      try {
        const again = await second.newPage();
        await again.goto(WORKING_URL);
        const back = Date.now();
        const b = await typeFor(again, 3000);
        await again.waitForTimeout(1500);
        const db = await readDb(second.serviceWorker);
        const truth = a.last - loaded + (b.last - back);
        const measured = activeMsOf(db, TASK);
        // The restart is a quiet stretch shorter than the idle threshold between two signs of the
        // same task, which counts as work like any such stretch (docs/time.md): it may be in.
        const restart = back - a.last;
        recordFigure('chromium: browser killed mid-task and restarted, measured minus truth (ms)', measured - truth);
        recordFigure('chromium: browser killed mid-task and restarted, the restart took (ms)', restart);
        expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
        expect(measured).toBeLessThanOrEqual(truth + restart + 1000);
        expect(duplicatesIn(db, TASK)).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('an update mid-task (newer files, the extension reloaded): the new version picks the open task up by itself', async () => {
    const copy = copyOfBuild(CHROME_DIST);
    const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki, extensionDir: copy.dir });
    try {
      await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {} });
      const controller = await chrome.newPage();
      const page = await chrome.newPage();
      await page.goto(WORKING_URL);
      const loaded = Date.now();
      const a = await typeFor(page, 4000);
      const updated = chrome.context.waitForEvent('serviceworker', { predicate: (w) => w.url().endsWith('/background.js'), timeout: 30_000 });
      await updateExtension(controller, chrome.extensionId, copy, '99.0.0');
      const worker = await updated;
      await page.bringToFront();
      // The page is not reloaded: whatever times it now was started by the new version.
      const back = Date.now();
      const b = await typeFor(page, 4000);
      await page.waitForTimeout(1500);
      expect(await worker.evaluate('chrome.runtime.getManifest().version')).toBe('99.0.0');
      const db = await readDb(worker);
      const measured = activeMsOf(db, TASK);
      // The update itself (about a second) is a quiet stretch under the idle threshold between two
      // signs of the same task, which counts like any such stretch (docs/time.md).
      const gap = back - a.last;
      const truth = a.last - loaded + (b.last - back);
      recordFigure('chromium: an update mid-task, measured minus truth (ms)', measured - truth);
      recordFigure('chromium: an update mid-task, the update took (ms)', gap);
      expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
      expect(measured).toBeLessThanOrEqual(truth + gap + 1000);
      // Typed after the update, counted: the old version's time alone would stop at a.last.
      const lastEnd = Math.max(...db.segments.filter((s) => s.taskId === TASK).map((s) => s.end), db.tracker[0]?.state.open?.taskId === TASK ? db.tracker[0].state.open.end : 0);
      expect(lastEnd).toBeGreaterThanOrEqual(b.last - 2000);
      expect(duplicatesIn(db, TASK)).toEqual([]);
    } finally {
      await chrome.close();
      copy.remove();
    }
  }, 120_000);

  describe('the clock moved under a running task', () => {
    const clock = fakeClock();
    afterAll(() => clock.remove());

    /** Types, moves the clock, types again; the browser's wall clock alone moves (docs/time.md). */
    async function moveClockMidTask(seconds: number) {
      clock.set(0);
      const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki, env: clock.env });
      await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {} });
      const page = await chrome.newPage();
      await page.goto(WORKING_URL);
      const loaded = Date.now();
      const a = await typeFor(page, 4000);
      clock.set(seconds);
      await page.waitForTimeout(CLOCK_SETTLE_MS);
      const b = await typeFor(page, 4000);
      await page.waitForTimeout(1500);
      const db = await readDb(chrome.serviceWorker);
      // Durations on the test's own clock, which does not move: the truth is the typing alone.
      const truth = a.last - loaded + (b.last - b.first);
      // Between the two stretches, the page's heartbeat may start the new stretch early: at most
      // the real pause between them.
      const pause = b.first - a.last;
      return { chrome, page, db, measured: activeMsOf(db, TASK), truth, pause, b };
    }

    it('asleep an hour (the clock jumps forward): nothing counted across it, and tracking resumes by itself', async () => {
      const { chrome, db, measured, truth, pause, b } = await moveClockMidTask(3600);
      try {
        recordFigure('chromium: the clock an hour forward mid-task, measured minus truth (ms)', measured - truth);
        expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
        expect(measured).toBeLessThanOrEqual(truth + pause + 1000);
        // No segment spans the hour; the last one ends after the wake, on the new clock.
        const spans = db.segments.filter((s) => s.taskId === TASK);
        for (const s of spans) expect(s.end - s.start).toBeLessThan(60_000);
        const open = db.tracker[0]?.state.open;
        const lastEnd = Math.max(...spans.map((s) => s.end), open?.taskId === TASK ? open.end : 0);
        expect(lastEnd).toBeGreaterThanOrEqual(b.last + 3_600_000 - 2000);
        expect(duplicatesIn(db, TASK)).toEqual([]);
      } finally {
        await chrome.close();
      }
    }, 120_000);

    it('the clock set back 10 minutes: the typing on both clocks counted once, the jump recorded and told in the popup', async () => {
      const { chrome, db, measured, truth, pause } = await moveClockMidTask(-600);
      try {
        recordFigure('chromium: the clock set back 10 min mid-task, measured minus truth (ms)', measured - truth);
        expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
        expect(measured).toBeLessThanOrEqual(truth + pause + 1000);
        expect(duplicatesIn(db, TASK)).toEqual([]);
        const jumps = (await readTable<{ kind: string; from: number; to: number }>(chrome.serviceWorker, 'journal')).filter((j) => j.kind === 'clock-back');
        expect(jumps).toHaveLength(1);
        expect((jumps[0]!.from - jumps[0]!.to) / 1000).toBeGreaterThan(590);
        expect((jumps[0]!.from - jumps[0]!.to) / 1000).toBeLessThan(610);
        const popup = await chrome.newPage();
        await popup.setViewportSize({ width: 420, height: 640 });
        await popup.goto(chrome.extensionUrl('popup.html'));
        await expect.poll(() => popup.getByText(/clock went back 10 min/).count()).toBe(1);
        await popup.screenshot({ path: artifactPath('chromium-popup-clock-back.png') });
      } finally {
        await chrome.close();
      }
    }, 120_000);
  });

  it('a small quota: IndexedDB refuses the writes, the popup says so, the activity waits in storage.local and is all written once space returns', async () => {
    // The shipped build asks for unlimitedStorage, which exempts it from any quota. This copy
    // leaves it out, so that the quota the test sets applies; nothing else differs.
    const copy = copyOfBuild(CHROME_DIST);
    copy.editManifest(withoutUnlimitedStorage);
    const chrome = await launchChromium({ hostResolverRules: server.hostResolverRules, spki: server.spki, extensionDir: copy.dir });
    try {
      await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {} });
      const popup = await chrome.newPage();
      await popup.setViewportSize({ width: 420, height: 640 });
      await popup.goto(chrome.extensionUrl('popup.html'));
      const cdp = await chrome.context.newCDPSession(popup);
      const origin = `chrome-extension://${chrome.extensionId}`;
      const page = await chrome.newPage();
      await page.goto(WORKING_URL);
      await page.bringToFront();
      const loaded = Date.now();
      // The worker types all along, twice a second, whatever the storage does.
      let typing = true;
      let lastKey = loaded;
      const typist = (async () => {
        while (typing) {
          await page.keyboard.press('a');
          lastKey = Date.now();
          await page.waitForTimeout(500);
        }
      })();
      await page.waitForTimeout(3000);
      // A quota below what the origin holds. Chromium's IndexedDB goes on with the space it last
      // knew for up to about 30 s: a probe write of its own (another database) says when it stops.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
      const probe = `new Promise((resolve) => {
        const request = indexedDB.open('probe');
        request.onupgradeneeded = () => request.result.createObjectStore('s');
        request.onsuccess = () => {
          const tx = request.result.transaction('s', 'readwrite');
          tx.objectStore('s').put('x'.repeat(100), Date.now());
          tx.oncomplete = () => { request.result.close(); resolve(true); };
          tx.onabort = () => { request.result.close(); resolve(false); };
        };
        request.onerror = () => resolve(false);
      })`;
      await expect.poll(() => popup.evaluate(probe), { timeout: 60_000, interval: 1000 }).toBe(false);
      const full = Date.now();
      await page.waitForTimeout(5000);
      const held = (await chrome.serviceWorker.evaluate('chrome.storage.local.get("heldEvents")')) as { heldEvents?: { events: unknown[]; error: string; since: number } };
      expect(held.heldEvents?.error).toMatch(/QuotaExceededError/);
      expect(held.heldEvents?.events.length).toBeGreaterThan(3);
      const notice = popup.locator('.held-notice');
      await expect.poll(() => notice.count()).toBe(1);
      await popup.screenshot({ path: artifactPath('chromium-popup-quota-full.png') });
      // Space again: the next write takes the held events first.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 10 * 1024 ** 3 });
      await expect.poll(() => chrome.serviceWorker.evaluate('chrome.storage.local.get("heldEvents")'), { timeout: 10_000 }).toEqual({});
      const refusedFor = Date.now() - full;
      await page.waitForTimeout(2000);
      typing = false;
      await typist;
      await page.waitForTimeout(1500);
      const db = await readDb(chrome.serviceWorker);
      const truth = lastKey - loaded;
      const measured = activeMsOf(db, TASK);
      recordFigure('chromium: writes refused by a small quota for (ms)', refusedFor);
      recordFigure('chromium: writes refused by a small quota, then space again, measured minus truth (ms)', measured - truth);
      expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
      expect(measured).toBeLessThanOrEqual(truth + 1000);
      expect(duplicatesIn(db, TASK)).toEqual([]);
      await expect.poll(() => notice.count()).toBe(0);
    } finally {
      await chrome.close();
      copy.remove();
    }
  }, 150_000);
});
