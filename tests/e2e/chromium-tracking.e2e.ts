import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import type { ChromiumSession } from './support/chromium';
import { useChromium } from './support/chromium-suite';
import { activeMsOf, readDb, setSettings } from './support/extension-db';
import { artifactPath, recordFigure } from './support/paths';
import { typeWith } from './support/typing';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
if (!working) throw new Error('no MTurk working fixture');
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
/** The idle threshold is set low so the scripted idle gap is short . */
const THRESHOLD_S = 5;

/** Presses a key every 250 ms for `ms`; returns the instants of the first and last press. */
const typeFor = (page: Page, ms: number) => typeWith(() => page.keyboard.press('a'), ms);

const serviceWorker = async (chrome: ChromiumSession) => {
  const live = chrome.context.serviceWorkers().filter((w) => w.url().endsWith('/background.js'));
  return live.at(-1) ?? chrome.context.waitForEvent('serviceworker', { timeout: 15_000 });
};

describe('Chromium: active time a worker can trust', () => {
  const suite = useChromium({ each: true, setup: ({ chrome }) => setSettings(chrome.serviceWorker, { idleThresholdS: THRESHOLD_S, idleThresholdByPlatform: {} }) });

  it('work, idle longer than the threshold, work again, submit: within 1 s of the truth', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(working.url.href);
    // In front, as the worker's page is. Under CI's load this test has found no segment at all in
    // 4 CI runs of 10 (never when run alone, 8 launches in a row). One suspect is a focused window the
    // background did not see; a failure prints the engine's focus state to tell.
    await page.bringToFront();
    const loaded = Date.now();
    const a = await typeFor(page, 6000);
    await page.waitForTimeout((THRESHOLD_S + 4) * 1000); // quiet, longer than the threshold
    const b = await typeFor(page, 4000);
    const leaving = Date.now();
    await page.goto('https://worker.mturk.com/projects'); // submitted: back on a list page
    const truth = a.last - loaded + (leaving - b.first);

    await expect
      .poll(async () => (await readDb(suite.chrome.serviceWorker)).segments.filter((s) => s.taskId === TASK).length, { timeout: 10_000 })
      .toBe(2)
      .catch(async (error: unknown) => {
        // What the database holds instead, so that a failure says where the time went.
        const seen = await readDb(suite.chrome.serviceWorker);
        const summary = {
          tasks: seen.tasks.map((t) => ({ id: t.id, status: t.status })),
          segments: seen.segments.map((x) => ({ taskId: x.taskId, ms: x.end - x.start })),
          open: seen.tracker[0]?.state.open ?? null,
          focusedWindowId: seen.tracker[0]?.state.focusedWindowId ?? null,
          activeTabByWindow: seen.tracker[0]?.state.activeTabByWindow ?? null,
          held: await suite.chrome.serviceWorker.evaluate(`chrome.storage.local.get('heldEvents').then((r) => r.heldEvents ? r.heldEvents.error + ' / ' + r.heldEvents.events.length : null)`),
        };
        throw new Error(`${String(error)}\n${JSON.stringify(summary)}`);
      });
    const db = await readDb(suite.chrome.serviceWorker);
    const measured = activeMsOf(db, TASK);
    recordFigure('chromium: scripted task, measured minus truth (ms)', measured - truth);
    expect(Math.abs(measured - truth)).toBeLessThanOrEqual(1000);
    expect(db.tasks.find((t) => t.id === TASK)?.idleThresholdS).toBe(THRESHOLD_S);
    // The quiet stretch is not counted, and the worker is asked about it in the popup.
    const popup = await suite.chrome.newPage();
    await popup.setViewportSize({ width: 360, height: 560 });
    await popup.goto(suite.chrome.extensionUrl('popup.html'));
    const question = popup.locator('.gap');
    expect(await question.textContent()).toContain('Transcribe a shopping receipt');
    await popup.screenshot({ path: artifactPath('chromium-popup-gap-question.png') });
    await question.getByRole('button', { name: 'Yes, count it' }).click();
    await expect.poll(() => popup.locator('.gap').count(), { timeout: 5000 }).toBe(0);
    const after = await readDb(suite.chrome.serviceWorker);
    const gap = after.segments.find((s) => s.source === 'gap-confirmed');
    expect(gap?.taskId).toBe(TASK);
    expect(activeMsOf(after, TASK) - measured).toBe((gap?.end ?? 0) - (gap?.start ?? 0));
  });

  it('the service worker killed mid-task loses at most 5 s', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(working.url.href);
    const loaded = Date.now();
    const a = await typeFor(page, 5000);
    const killed = suite.chrome.serviceWorker;
    await killed.evaluate('globalThis.__beforeKill = true');
    // CDP's ServiceWorker domain from a page of its own: enabled on the task page it stalls input.
    const controller = await suite.chrome.newPage();
    const cdp = await suite.chrome.context.newCDPSession(controller);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Playwright's 'close' event for the worker comes late or not at all; the marker check below
    // is the proof that a new worker answered.
    await controller.close();
    await page.bringToFront();
    const back = Date.now();
    const b = await typeFor(page, 5000); // the first pulse wakes a new worker
    await page.waitForTimeout(1500); // the trailing pulse of the last keys
    const revived = await serviceWorker(suite.chrome);
    // A new worker, not the old one still running: the marker set before the kill is gone.
    expect(await revived.evaluate('globalThis.__beforeKill === true')).toBe(false);
    const truth = a.last - loaded + (b.last - back);
    const measured = activeMsOf(await readDb(revived), TASK);
    recordFigure('chromium: service worker killed mid-task, measured minus truth (ms)', measured - truth);
    expect(measured).toBeGreaterThanOrEqual(truth - 5000);
    expect(measured).toBeLessThanOrEqual(truth + 1000);
  });

  it('a second tab of the same task counts for it; a non-platform tab does not', async () => {
    const first = await suite.chrome.newPage();
    await first.goto(working.url.href);
    await typeFor(first, 3000);
    const second = await suite.chrome.newPage();
    await second.goto(working.url.href);
    await second.bringToFront();
    const b = await typeFor(second, 3000);
    await second.waitForTimeout(1200);
    const afterSecond = activeMsOf(await readDb(suite.chrome.serviceWorker), TASK);
    expect(afterSecond).toBeGreaterThanOrEqual(6000 - 1000);

    const elsewhere = await suite.chrome.newPage();
    await elsewhere.goto('https://example-survey.test/unrelated');
    await elsewhere.bringToFront();
    const left = Date.now();
    await elsewhere.waitForTimeout(500);
    const atSwitch = activeMsOf(await readDb(suite.chrome.serviceWorker), TASK);
    // Leaving the task tab is its last sign: the task has its time up to then, not more.
    expect(atSwitch).toBeLessThanOrEqual(afterSecond + (left - b.last));
    await typeFor(elsewhere, 3000);
    const db = await readDb(suite.chrome.serviceWorker);
    expect(activeMsOf(db, TASK)).toBe(atSwitch);
    expect(db.segments.every((s) => s.taskId === TASK)).toBe(true);
  });

  it('a manual timer started from the popup records its title, reward and time', async () => {
    const popup = await suite.chrome.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(suite.chrome.extensionUrl('popup.html'));
    await popup.locator('summary', { hasText: 'Manual timer' }).click();
    await popup.getByLabel('Task').fill('Survey on a site TrueRate does not know');
    await popup.getByLabel('Reward (optional)').fill('1,25');
    await popup.getByLabel('Currency').selectOption('EUR');
    await popup.getByRole('button', { name: 'Start timer' }).click();
    const started = Date.now();
    await expect.poll(() => popup.locator('.running-title').textContent(), { timeout: 5000 }).toBe(
      'Survey on a site TrueRate does not know',
    );
    await popup.screenshot({ path: artifactPath('chromium-popup-manual-running.png') });
    await popup.waitForTimeout(3000);
    await popup.getByRole('button', { name: 'Stop and save' }).click();
    const stopped = Date.now();
    await expect.poll(async () => (await readDb(suite.chrome.serviceWorker)).tasks.find((t) => t.title?.startsWith('Survey on'))?.status, { timeout: 5000 }).toBe('submitted');
    const db = await readDb(suite.chrome.serviceWorker);
    const task = db.tasks.find((t) => t.title === 'Survey on a site TrueRate does not know');
    expect(task).toMatchObject({ status: 'submitted', reward: { amountMinor: 125, currency: 'EUR' } });
    expect(Math.abs((task?.activeMs ?? 0) - (stopped - started))).toBeLessThanOrEqual(1000);
  });
});
