import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './support/chromium-suite';
import { activeMsOf, readDb, readTable } from './support/extension-db';

const WORKING = 'https://worker.mturk.com/projects/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?assignment_id=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P&ref=w_pl_prvw';
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const SCRIPTS = ['activity', 'page-reader'];

/**
 * Records, in the page's own world, every `message` event and every event a WXT content script
 * context would dispatch ("<extension id>:<script>:wxt:…"). Added with addInitScript, it runs in
 * every frame (the cross-origin task frame included) before any script of the page, and before
 * the content scripts run at document_start.
 */
const recorder = (extensionId: string) => `(() => {
  const seen = [];
  Object.defineProperty(window, '__seenByPage', { value: seen });
  const note = (kind) => (event) => {
    let detail;
    try { detail = JSON.stringify(event.data ?? event.detail ?? null); } catch { detail = String(event.data); }
    seen.push(kind + ' ' + event.type + ' ' + detail);
  };
  window.addEventListener('message', note('message'), true);
  for (const script of ${JSON.stringify(SCRIPTS)}) {
    for (const name of ['content-script-started', 'locationchange']) {
      const type = ${JSON.stringify(extensionId)} + ':' + script + ':wxt:' + name;
      window.addEventListener(type, note('window'), true);
      document.addEventListener(type, note('document'), true);
    }
  }
})()`;

const taskFrame = async (page: Page): Promise<Frame> => {
  await page.locator('iframe.embed-responsive-item').waitFor();
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith('https://www.mturkcontent.com/dynamic/hit'));
    if (frame) {
      await frame.locator('form').waitFor();
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the task frame did not load');
};

interface RawTask {
  id: string;
  status: string;
  endedAt: number | null;
}

/**
 * A page's scripts can listen to every message and event of their own window and dispatch any
 * event there. TrueRate's content scripts run in every frame of platform pages: the page must
 * neither see them (nothing posted, nothing dispatched) nor stop them, and a requester's script
 * in the task frame must not end the task by a submit it cancels.
 */
describe('Chromium: a page can neither see TrueRate nor stop it', () => {
  const suite = useChromium({ each: true });

  const taskOf = async (): Promise<RawTask | undefined> =>
    (await readTable<RawTask>(suite.chrome.serviceWorker, 'tasks')).find((t) => t.id === TASK);
  const openTask = async () => {
    const page = await suite.chrome.newPage();
    await page.addInitScript(recorder(suite.chrome.extensionId));
    await page.goto(WORKING);
    const frame = await taskFrame(page);
    await expect.poll(async () => (await taskOf())?.status, { timeout: 10_000 }).toBe('accepted');
    return { page, frame };
  };
  const activeMs = async () => activeMsOf(await readDb(suite.chrome.serviceWorker), TASK);

  it('nothing reaches the page: no message, no event, in the task page and in its task frame', async () => {
    const { page, frame } = await openTask();
    // Work in both frames, so that both sensors send pulses and the page reader has reported.
    await page.mouse.wheel(0, 100);
    await frame.locator('textarea[name="items"]').click();
    await page.keyboard.type('milk eggs', { delay: 80 });
    await expect.poll(activeMs, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);

    const seenBy = (where: Frame) => where.evaluate(() => (window as unknown as { __seenByPage?: string[] }).__seenByPage);
    // undefined would mean the recorder did not run there.
    expect({ taskPage: await seenBy(page.mainFrame()), taskFrame: await seenBy(frame) }).toEqual({ taskPage: [], taskFrame: [] });
  });

  it('a page announcing "another copy" of the content scripts does not stop the sensor', async () => {
    const { page, frame } = await openTask();
    await page.mouse.wheel(0, 100);
    await expect.poll(activeMs, { timeout: 10_000 }).toBeGreaterThan(0);

    // What WXT's own context listens for to stop an older copy of itself, forged by the page and
    // by the task frame's requester script.
    const forge = ({ id, scripts }: { id: string; scripts: string[] }) => {
      for (const script of scripts) {
        const type = `${id}:${script}:wxt:content-script-started`;
        const detail = { contentScriptName: script, messageId: 'x' };
        document.dispatchEvent(new CustomEvent(type, { detail }));
        window.postMessage({ type, ...detail }, '*');
      }
    };
    for (const where of [page.mainFrame(), frame]) await where.evaluate(forge, { id: suite.chrome.extensionId, scripts: SCRIPTS });
    await page.waitForTimeout(1500);

    const before = await activeMs();
    const started = Date.now();
    await frame.locator('textarea[name="items"]').click();
    while (Date.now() - started < 4000) await page.keyboard.type('milk ', { delay: 80 });
    await expect.poll(activeMs, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 3000);
  });

  it('a submit the task frame cancels leaves the task open; the real submit ends it', async () => {
    const { page, frame } = await openTask();
    await frame.locator('textarea[name="items"]').click();
    await page.keyboard.type('milk', { delay: 80 });

    // A requester's script: a browser-made (trusted) submit of the externalSubmit form, cancelled.
    const stayed = await frame.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('form[action$="/mturk/externalSubmit"]');
      if (!form) throw new Error('no externalSubmit form');
      let cancelled = false;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        cancelled = event.defaultPrevented;
      }, { once: true });
      form.requestSubmit();
      return cancelled;
    });
    expect(stayed).toBe(true);
    await page.waitForTimeout(3000);
    expect(frame.url()).toContain('/dynamic/hit');
    expect(await taskOf()).toMatchObject({ status: 'accepted', endedAt: null });

    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(async () => (await taskOf())?.status, { timeout: 10_000 }).toBe('submitted');
    expect((await taskOf())?.endedAt).toEqual(expect.any(Number));
  });
});
