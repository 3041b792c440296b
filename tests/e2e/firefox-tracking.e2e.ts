import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { activeMsOf, READ_DB, type DbSnapshot } from './support/extension-db';
import { launchFirefox, poll, type Firefox } from './support/firefox';
import { FIREFOX_DIST, recordFigure } from './support/paths';
import { typeWith } from './support/typing';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const THRESHOLD_S = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The main tracking path in Firefox ESR (event-page background, MV3). */
describe('Firefox: active time of a scripted task', () => {
  let server: FixtureServer;
  let ff: Firefox;
  let popupTab = '';
  let pageTab = '';

  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort });
    popupTab = await ff.newTab();
    await ff.navigate(popupTab, ff.extensionUrl('popup.html'));
    await ff.evaluate(
      popupTab,
      `browser.storage.local.set({ settings: { idleThresholdS: ${THRESHOLD_S}, idleThresholdByPlatform: {} } })`,
    );
    pageTab = await ff.newTab();
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  const typeFor = (ms: number) => typeWith(() => ff.pressKey(pageTab, 'a'), ms);

  it('work, idle longer than the threshold, work again, leave: within 1 s of the truth', async () => {
    if (!working) throw new Error('no MTurk working fixture');
    await ff.activate(pageTab);
    await ff.navigate(pageTab, working.url.href);
    const loaded = Date.now();
    const a = await typeFor(6000);
    await sleep((THRESHOLD_S + 4) * 1000);
    const b = await typeFor(4000);
    const leaving = Date.now();
    await ff.navigate(pageTab, 'https://worker.mturk.com/projects');
    const truth = a.last - loaded + (leaving - b.first);

    await sleep(1500);
    await ff.activate(popupTab);
    const db = await poll(
      'two segments of the task',
      async () => {
        const snapshot = await ff.evaluate<DbSnapshot>(popupTab, READ_DB);
        return snapshot.segments.filter((s) => s.taskId === TASK).length === 2 ? snapshot : undefined;
      },
      10_000,
      250,
    );
    const measured = activeMsOf(db, TASK);
    recordFigure('firefox: scripted task, measured minus truth (ms)', measured - truth);
    expect(Math.abs(measured - truth)).toBeLessThanOrEqual(1000);
    expect(db.tasks.find((t) => t.id === TASK)?.idleThresholdS).toBe(THRESHOLD_S);
  });
});
