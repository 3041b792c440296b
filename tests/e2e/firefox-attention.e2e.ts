import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { activeMsOf, READ_DB, readTablesExpression, type DbSnapshot } from './support/extension-db';
import { clickElement, launchFirefox, poll, type Firefox } from './support/firefox';
import { FIREFOX_DIST, recordFigure } from './support/paths';
import { typeWith } from './support/typing';

/**
 * The attention rules of docs/time.md in Firefox ESR (event-page background), against instants
 * the script takes itself around each input: direct evidence beats inference, switching tabs.
 */

const fixture = (name: string) => {
  const found = loadFixtures().find((f) => f.file.endsWith(`mturk/${name}`));
  if (!found) throw new Error(`no fixture mturk/${name}`);
  return found;
};
const A = { url: fixture('working-html-question.html').url.href, task: 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P' };
const B = { url: fixture('working-receipt-total.html').url.href, task: 'mturk:3T75V2SEH60KVJ50CE9UVW53EFR4ED' };
const THRESHOLD_S = 5;
/** Above the 5 s heartbeat, as in chromium-attention.e2e.ts: see there why. */
const GAP_THRESHOLD_S = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));

describe('Firefox: attention, against a scripted truth', () => {
  let server: FixtureServer;
  let ff: Firefox;
  /** The popup as a tab: reads the database, and is a tab TrueRate gives no time to. */
  let dbTab = '';

  const settings = (idleThresholdS: number) =>
    ff.evaluate(dbTab, `browser.storage.local.set({ settings: { idleThresholdS: ${idleThresholdS}, idleThresholdByPlatform: {} } })`);
  const snapshot = () => ff.evaluate<DbSnapshot>(dbTab, READ_DB);
  const statusIs = (taskId: string, status: string) =>
    poll(`${taskId} ${status}`, async () => (await snapshot()).tasks.find((t) => t.id === taskId)?.status === status, 10_000, 250);
  const nothingOpen = () =>
    poll('no open segment', async () => {
      const db = await snapshot();
      return (db.tracker[0]?.state.open ?? null) === null ? db : undefined;
    }, 10_000, 250);

  beforeEach(async () => {
    server = await startFixtureServer();
    ff = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort });
    dbTab = await ff.newTab();
    await ff.navigate(dbTab, ff.extensionUrl('popup.html'));
  });
  afterEach(async () => {
    await ff?.close();
    await server?.close();
  });

  /** A BiDi click at the middle of `selector`, in the browsing context of the frame it is in. */
  const click = (context: string, selector: string) => clickElement(ff, context, `document.querySelector(${JSON.stringify(selector)})`, false);

  const typeFor = (context: string, ms: number) => typeWith(() => ff.pressKey(context, 'a'), ms);
  const focusOf = (context: string) =>
    ff.evaluate<{ hasFocus: boolean; active: string | null }>(context, `({ hasFocus: document.hasFocus(), active: document.activeElement ? document.activeElement.tagName : null })`);

  /**
   * Rule: "Direct evidence beats inference", as in chromium-attention.e2e.ts. BiDi keys sent to
   * the tab's top context land in the top document even when the focus is in the frame (seen:
   * the frame's field stays empty), so the frame is clicked and typed into through its own
   * browsing context: real input, in the frame, and the focus really there.
   * What it can and cannot catch here: headless Firefox's browser.idle says "idle" some 15 s
   * after start-up and stays so, whatever BiDi input comes (seen with queryState(15): "active"
   * until about 13 s after the task page loaded, "idle" from then on, keys going into the frame
   * all along), and "idle" takes inferred time back. So the rule's own breakage (the page's "focus in a frame" counted
   * although the frame is sensed) is hidden here: the current code with that rule taken out
   * still passes. BiDi in Firefox ESR 140 has no chrome-scope script to keep the idle service
   * awake; Chromium's test, where headless idle is always "active", is the one that catches it.
   * It does catch a gap counted on other grounds: a 5cbf75a build measured 12.3 s over the truth.
   */
  it('focus in a sensed task frame, a quiet gap longer than the threshold, typing again: the gap counts nothing', async () => {
    await settings(GAP_THRESHOLD_S);
    const tab = await ff.newTab();
    await ff.activate(tab);
    await ff.navigate(tab, A.url);
    const loaded = Date.now();
    await statusIs(A.task, 'accepted');
    const frame = (await ff.frames(tab)).find((f) => f.url.startsWith('https://www.mturkcontent.com/dynamic/hit'));
    if (!frame) throw new Error('the task frame did not load');
    await click(frame.context, 'textarea[name="items"]');
    const a = await typeFor(frame.context, 3000);
    expect(await ff.evaluate(frame.context, `document.querySelector('textarea[name="items"]').value.length`)).toBeGreaterThan(0);
    expect({ page: await focusOf(tab), frame: await focusOf(frame.context) }).toEqual({
      page: { hasFocus: true, active: 'IFRAME' },
      frame: { hasFocus: true, active: 'TEXTAREA' },
    });
    await sleepUntil(a.last + 12_000); // no input at all, the focus stays in the frame
    expect(await focusOf(frame.context)).toEqual({ hasFocus: true, active: 'TEXTAREA' });
    const b = await typeFor(frame.context, 3000);
    const leaving = Date.now();
    await click(frame.context, '#submitButton');
    await statusIs(A.task, 'submitted');
    const truth = a.last - loaded + (leaving - b.first);

    const db = await snapshot();
    const measured = activeMsOf(db, A.task);
    recordFigure('firefox: focus in a sensed task frame, quiet gap, measured minus truth (ms)', measured - truth);
    expect(Math.abs(measured - truth), `measured ${measured} ms, truth ${truth} ms`).toBeLessThanOrEqual(1000);
    expect(db.tasks.find((t) => t.id === A.task)?.idleThresholdS).toBe(GAP_THRESHOLD_S);
    expect(db.segments.filter((s) => s.taskId === A.task)).toHaveLength(2);
    const { gaps } = await ff.evaluate<{ gaps: { taskId: string; start: number; end: number }[] }>(dbTab, readTablesExpression(['gaps']));
    const gap = gaps.filter((g) => g.taskId === A.task);
    expect(gap).toHaveLength(1);
    expect(Math.abs((gap[0]?.start ?? 0) - a.last)).toBeLessThanOrEqual(1000);
    expect(Math.abs((gap[0]?.end ?? 0) - b.first)).toBeLessThanOrEqual(1000);
  });

  /**
   * Rule: "Switching tabs", as in chromium-attention.e2e.ts: keys 1 s after each switch and 1 s
   * before the next, so a task not timed from the switch to it, or not to the switch away, loses
   * about 1 s per stretch, 2 s over its 2 stretches (5.0 s over eight stretches, measured with the
   * switch's sign taken out of the current code, and with a 5cbf75a build).
   */
  it('two accepted HITs in two tabs brought to front in turn: each gets the time it was in front', async () => {
    await settings(THRESHOLD_S);
    const tabs = { A: await ff.newTab(), B: await ff.newTab() };
    await ff.navigate(tabs.A, A.url);
    await ff.navigate(tabs.B, B.url);
    await statusIs(A.task, 'accepted');
    await statusIs(B.task, 'accepted');
    // The popup's tab in front while the loads settle: what each task had before the first
    // switch is counted apart, so the truth below is all the script's own.
    await ff.activate(dbTab);
    const before = await nothingOpen();
    const base = { A: activeMsOf(before, A.task), B: activeMsOf(before, B.task) };

    const truth = { A: 0, B: 0 };
    let front = Date.now();
    // Four stretches of 5 s, two per task: each task arrives twice and leaves twice.
    for (let i = 0; i < 4; i++) {
      const [key, other] = i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const);
      const start = Date.now();
      if (i > 0) truth[other] += start - front;
      front = start;
      await ff.activate(tabs[key]);
      for (let k = 1; k <= 4; k++) {
        await sleepUntil(start + k * 1000);
        await ff.pressKey(tabs[key], 'a');
      }
      if (i < 2) {
        expect(await ff.evaluate(tabs[other], 'document.visibilityState')).toBe('hidden');
        expect(await ff.evaluate(tabs[key], 'document.visibilityState')).toBe('visible');
      }
      await sleepUntil(start + 5000);
    }
    truth.B += Date.now() - front;
    await ff.activate(dbTab);

    const after = await nothingOpen();
    const measured = { A: activeMsOf(after, A.task) - base.A, B: activeMsOf(after, B.task) - base.B };
    recordFigure('firefox: parallel tabs, task A measured minus truth (ms)', measured.A - truth.A);
    recordFigure('firefox: parallel tabs, task B measured minus truth (ms)', measured.B - truth.B);
    expect(Math.abs(measured.A - truth.A), `A: measured ${measured.A} ms, truth ${truth.A} ms`).toBeLessThanOrEqual(1000);
    expect(Math.abs(measured.B - truth.B), `B: measured ${measured.B} ms, truth ${truth.B} ms`).toBeLessThanOrEqual(1000);
    const sorted = [...after.segments].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.start ?? 0).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? 0);
  });
});
