import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { useChromium } from './support/chromium-suite';
import { activeMsOf, readDb, readTable, setSettings, type DbSnapshot } from './support/extension-db';
import { recordFigure } from './support/paths';
import { typeWith } from './support/typing';

/**
 * The attention rules of docs/time.md that only a real browser can show: direct evidence (a
 * sensed task frame's own input) beats inference, switching tabs, media, and task-frame hosts.
 * Every figure is compared with instants the script itself took around each input.
 */

const fixture = (name: string) => {
  const found = loadFixtures().find((f) => f.file.endsWith(`mturk/${name}`));
  if (!found) throw new Error(`no fixture mturk/${name}`);
  return found;
};
/** Two accepted HITs whose question frames are on www.mturkcontent.com, where the sensor runs. */
const A = { url: fixture('working-html-question.html').url.href, task: 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P' };
const B = { url: fixture('working-receipt-total.html').url.href, task: 'mturk:3T75V2SEH60KVJ50CE9UVW53EFR4ED' };
const FRAME_OF_A = fixture('frame-dynamic-hit.html').url.href;

const THRESHOLD_S = 5;
/**
 * The quiet-gap test's threshold: above the 5 s heartbeat, so that with the rule it checks
 * broken, the heartbeats' "focus in a frame" would chain across the whole quiet stretch every
 * time, not only when the timers' jitter happens to keep two heartbeats within the threshold.
 */
const GAP_THRESHOLD_S = 8;
const MEDIA_LIMIT_S = 12;

const sleepUntil = (page: Page, at: number) => page.waitForTimeout(Math.max(0, at - Date.now()));

/** Presses a key every 250 ms for `ms`; returns the instants of the first and last press. */
const typeFor = (page: Page, ms: number) => typeWith(() => page.keyboard.press('a'), ms);

async function taskFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith('https://www.mturkcontent.com/dynamic/hit'));
    if (frame) {
      await frame.locator('form').waitFor();
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the task frame did not load');
}

/** Where the focus is, as the sensors see it (document.hasFocus and the active element). */
const focusOf = (where: Page | Frame) =>
  where.evaluate(() => ({ hasFocus: document.hasFocus(), active: document.activeElement?.tagName ?? null }));

describe('Chromium: attention, against a scripted truth', () => {
  const suite = useChromium({
    each: true,
    setup: ({ chrome }) =>
      setSettings(chrome.serviceWorker, { idleThresholdS: THRESHOLD_S, idleThresholdByPlatform: {}, mediaLimitS: MEDIA_LIMIT_S }),
  });
  const db = () => readDb(suite.chrome.serviceWorker);
  const statusOf = async (taskId: string) => (await db()).tasks.find((t) => t.id === taskId)?.status;
  const accepted = (taskId: string) => expect.poll(() => statusOf(taskId), { timeout: 10_000 }).toBe('accepted');

  /**
   * Rule: "Direct evidence beats inference". The focus sits in the task frame, where TrueRate's
   * own sensor runs, so the frame's input alone decides; the page's "focus is in a frame" (which
   * counts while browser.idle says the machine is in use, and headless Chromium always says so)
   * must not carry the task across the quiet stretch.
   * Can fail: with that rule broken, the page above the frame sends "focus in a frame" with every
   * heartbeat, 5 s apart and so within the 8 s threshold, each a sign: the quiet 12 s would count
   * whole. Run against the current code with the rule taken out, and against a build of 5cbf75a
   * (before the rule), it measured 12.1 s over the truth.
   */
  it('focus in a sensed task frame, a quiet gap longer than the threshold, typing again: the gap counts nothing', async () => {
    await setSettings(suite.chrome.serviceWorker, { idleThresholdS: GAP_THRESHOLD_S, idleThresholdByPlatform: {} });
    const page = await suite.chrome.newPage();
    await page.goto(A.url);
    const loaded = Date.now();
    const frame = await taskFrame(page);
    await accepted(A.task);
    await frame.locator('textarea[name="items"]').click();
    const a = await typeFor(page, 3000);
    // What the sensors will report through the quiet stretch: the page holds the focus in its
    // frame (focusInFrame), and the frame holds it itself (focusHere).
    expect({ page: await focusOf(page), frame: await focusOf(frame) }).toEqual({
      page: { hasFocus: true, active: 'IFRAME' },
      frame: { hasFocus: true, active: 'TEXTAREA' },
    });
    await sleepUntil(page, a.last + 12_000); // no input at all, the focus stays in the frame
    expect(await focusOf(frame)).toEqual({ hasFocus: true, active: 'TEXTAREA' });
    const b = await typeFor(page, 3000);
    const leaving = Date.now();
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => statusOf(A.task), { timeout: 10_000 }).toBe('submitted');
    const truth = a.last - loaded + (leaving - b.first);

    const snapshot = await db();
    const measured = activeMsOf(snapshot, A.task);
    recordFigure('chromium: focus in a sensed task frame, quiet gap, measured minus truth (ms)', measured - truth);
    expect(Math.abs(measured - truth), `measured ${measured} ms, truth ${truth} ms`).toBeLessThanOrEqual(1000);
    expect(snapshot.tasks.find((t) => t.id === A.task)?.idleThresholdS).toBe(GAP_THRESHOLD_S);
    expect(snapshot.segments.filter((s) => s.taskId === A.task)).toHaveLength(2);
    // The quiet stretch is the gap the popup asks about, from the last key to the next one.
    const gaps = (await readTable<{ taskId: string; start: number; end: number; answer: string }>(suite.chrome.serviceWorker, 'gaps')).filter((g) => g.taskId === A.task);
    expect(gaps).toHaveLength(1);
    expect(Math.abs((gaps[0]?.start ?? 0) - a.last)).toBeLessThanOrEqual(1000);
    expect(Math.abs((gaps[0]?.end ?? 0) - b.first)).toBeLessThanOrEqual(1000);
  });

  /**
   * Rule: "Switching tabs". Bringing a tab to front is a sign in that tab at that instant, and
   * leaving it is its last sign: each task gets exactly the time its tab was in front.
   * Can fail: the first key after each switch comes 1 s after it and the last 1 s before the
   * next switch, so a task timed from its first key (no sign at the switch to it) or to its last
   * key (leaving no sign) loses about 1 s per stretch, 2 s over its 2 stretches; a hidden tab's
   * time, or a second counted twice, would show as more. With either sign taken out of the
   * current code task A measured 5.0 s under the truth over eight stretches, and 3.0 s under with a
   * 5cbf75a build: over four, half that, still past the 1 s allowed.
   */
  it('two accepted HITs in two tabs brought to front in turn: each gets the time it was in front', async () => {
    // Every tab is made before any shows a task: Chromium gives a tab made over CDP the tab in
    // front as its opener, and a tab opened from a task's tab is linked to that task (docs/time.md,
    // "Linked tabs"), which the tab kept neutral here must not be.
    const neutral = await suite.chrome.newPage();
    const pageA = await suite.chrome.newPage();
    const pageB = await suite.chrome.newPage();
    await pageA.goto(A.url);
    await pageB.goto(B.url);
    await accepted(A.task);
    await accepted(B.task);
    // A tab TrueRate gives no time to, in front while the loads settle: what each task has before
    // the first switch is counted apart, so the truth below is all the script's own.
    await neutral.bringToFront();
    await expect.poll(async () => (await db()).tracker[0]?.state.open ?? null, { timeout: 10_000 }).toBeNull();
    const before = await db();
    const base = { A: activeMsOf(before, A.task), B: activeMsOf(before, B.task) };

    const truth = { A: 0, B: 0 };
    const STRETCH_MS = 5000;
    // Four stretches of 5 s, two per task: each task arrives twice and leaves twice.
    const SWITCHES = 4;
    let front = Date.now();
    for (let i = 0; i < SWITCHES; i++) {
      const [page, other, key] = i % 2 === 0 ? [pageA, pageB, 'A' as const] : [pageB, pageA, 'B' as const];
      const start = Date.now();
      if (i > 0) truth[key === 'A' ? 'B' : 'A'] += start - front;
      front = start;
      await page.bringToFront();
      for (let k = 1; k <= 4; k++) {
        await sleepUntil(page, start + k * 1000);
        await page.keyboard.press('a');
      }
      if (i < 2) {
        // Attached over CDP, the tab left behind is really hidden (tests/e2e/support/chromium.ts).
        expect(await other.evaluate(() => document.visibilityState)).toBe('hidden');
        expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
      }
      await sleepUntil(page, start + STRETCH_MS);
    }
    const end = Date.now();
    truth.B += end - front;
    await neutral.bringToFront();
    await expect.poll(async () => (await db()).tracker[0]?.state.open ?? null, { timeout: 10_000 }).toBeNull();

    const after = await db();
    const measured = { A: activeMsOf(after, A.task) - base.A, B: activeMsOf(after, B.task) - base.B };
    recordFigure('chromium: parallel tabs, task A measured minus truth (ms)', measured.A - truth.A);
    recordFigure('chromium: parallel tabs, task B measured minus truth (ms)', measured.B - truth.B);
    expect(Math.abs(measured.A - truth.A), `A: measured ${measured.A} ms, truth ${truth.A} ms`).toBeLessThanOrEqual(1000);
    expect(Math.abs(measured.B - truth.B), `B: measured ${measured.B} ms, truth ${truth.B} ms`).toBeLessThanOrEqual(1000);
    expectNoOverlap(after);
  });

  /**
   * Rule: "Media". A playing video the worker can see counts, for at most the media limit after
   * the worker's last act; one that can be neither heard nor seen counts nothing.
   * Can fail: without the limit the visible video would carry the task to the end (measured so
   * with a 30 s limit: 45.0 s after the key, over the 31 s allowed; here limit + 10 s over limit + 1 s); with media counting nothing the task stops at
   * the key (0 s after it, under the 28 s required); a hidden video counted as visible gives task
   * B its 12 s of quiet (measured so with the sensor's visibility check taken out, and with a
   * 5cbf75a build), over the 1 s allowed.
   */
  it('a muted looping video: counted while visible up to the media limit, never while hidden', async () => {
    // Hidden first: one video out of the layout, one laid out off screen, both really playing.
    const pageB = await suite.chrome.newPage();
    await pageB.goto(B.url);
    const loadedB = Date.now();
    await accepted(B.task);
    await addLoopingVideos(pageB, ['display:none', 'position:absolute;left:-10000px;top:0;width:160px;height:90px']);
    await pageB.keyboard.press('a');
    const actB = Date.now();
    expect(actB - loadedB, 'the key comes within the threshold of the page load').toBeLessThan((THRESHOLD_S - 1) * 1000);
    await sleepUntil(pageB, actB + 12_000);
    expect(await playing(pageB)).toEqual([true, true]);
    const hidden = activeMsOf(await db(), B.task);
    recordFigure('chromium: hidden muted video, measured minus truth (ms)', hidden - (actB - loadedB));
    expect(Math.abs(hidden - (actB - loadedB)), `hidden video: measured ${hidden} ms, truth ${actB - loadedB} ms`).toBeLessThanOrEqual(1000);
    await pageB.close();

    // Visible: muted, in the viewport, looping, with one key at the start and none after.
    const pageA = await suite.chrome.newPage();
    await pageA.goto(A.url);
    const loadedA = Date.now();
    await accepted(A.task);
    await addLoopingVideos(pageA, ['position:fixed;top:0;left:0;width:160px;height:90px;z-index:10']);
    await pageA.keyboard.press('a');
    const actA = Date.now();
    expect(actA - loadedA, 'the key comes within the threshold of the page load').toBeLessThan((THRESHOLD_S - 1) * 1000);
    await sleepUntil(pageA, actA + (MEDIA_LIMIT_S + 10) * 1000);
    expect(await playing(pageA)).toEqual([true]);
    const visible = activeMsOf(await db(), A.task);
    const beyondAct = visible - (actA - loadedA);
    recordFigure('chromium: visible muted video, counted after the last act minus the media limit (ms)', beyondAct - MEDIA_LIMIT_S * 1000);
    expect(beyondAct, `visible video: ${beyondAct} ms counted after the key`).toBeLessThanOrEqual(MEDIA_LIMIT_S * 1000 + 1000);
    expect(beyondAct, `visible video: ${beyondAct} ms counted after the key`).toBeGreaterThanOrEqual(MEDIA_LIMIT_S * 1000 - 2000);
  });

  /**
   * Rule: "Task-frame hosts" (docs/trust-boundaries.md). A www.mturkcontent.com page runs the
   * sensor, but its pulses count only in a tab whose top page is a platform page TrueRate reads
   * (or a linked tab). Framed by any other site, the worker's typing there gives time to nothing.
   * Can fail: the pulses are shown to reach the background (a listener of the test's own in the
   * service worker sees them, with input); a background that took them registers the tab (seen
   * with a 5cbf75a build, and with the current code made to take them as a platform page's).
   */
  it('a task frame inside a page that is no platform page: typing there gives time to nothing', async () => {
    const sw = suite.chrome.serviceWorker;
    await sw.evaluate(`(() => {
      globalThis.__framePulses = [];
      chrome.runtime.onMessage.addListener((message, sender) => {
        if (message && message.type === 'activity/pulse') {
          globalThis.__framePulses.push({ tabId: sender.tab ? sender.tab.id : null, url: sender.url, input: message.inputAgoMs !== null });
        }
      });
    })()`);
    const page = await suite.chrome.newPage();
    // The fixture server has no page at this address and says so: a page of a site that is not a
    // platform, which is all this test needs.
    await page.goto('https://example-survey.test/embeds-a-hit');
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.width = '600';
      frame.height = '420';
      document.body.append(frame);
    }, FRAME_OF_A);
    const frame = await taskFrame(page);
    await frame.locator('textarea[name="items"]').click();
    await typeFor(page, 3000);
    await page.waitForTimeout(1500); // the trailing pulse of the last keys

    const pulses = (await sw.evaluate('globalThis.__framePulses')) as { tabId: number | null; url: string; input: boolean }[];
    const fromFrame = pulses.filter((p) => p.url.startsWith('https://www.mturkcontent.com/'));
    expect(fromFrame.some((p) => p.input), 'the frame’s sensor reported the typing').toBe(true);
    const tabId = fromFrame[0]?.tabId;
    const snapshot = await db();
    const state = snapshot.tracker[0]?.state;
    // The engine saw this tab in front, and still gave it nothing.
    expect(state?.activeTabByWindow?.[String(state.focusedWindowId)]).toBe(tabId);
    expect(Object.keys(state?.tabs ?? {})).not.toContain(String(tabId));
    expect(state?.open ?? null).toBeNull();
    expect(snapshot.segments).toEqual([]);
    expect(snapshot.tasks).toEqual([]);
  });
});

/** Attention is one resource: no two segments share an instant. */
function expectNoOverlap(snapshot: DbSnapshot): void {
  const sorted = [...snapshot.segments].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++) {
    expect(sorted[i]?.start ?? 0).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? 0);
  }
}

/**
 * Muted, looping videos with the given styles, playing before this returns. The clip (1.5 s of a
 * canvas, WebM) is recorded in the page itself: the fixture server serves no media and nothing
 * may come from the network. A page script then changes each video's volume once a second (they
 * stay muted): a media event, no input, which makes the sensor pulse every second or so instead
 * of at its 5 s heartbeat, so that where the media limit falls is seen to the second.
 */
async function addLoopingVideos(page: Page, styles: string[]): Promise<void> {
  await page.evaluate(async (list) => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const paint = canvas.getContext('2d');
    let frame = 0;
    const draw = setInterval(() => {
      if (!paint) return;
      paint.fillStyle = `hsl(${(frame++ * 24) % 360} 70% 50%)`;
      paint.fillRect(0, 0, 160, 90);
    }, 40);
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    recorder.stop();
    await stopped;
    clearInterval(draw);
    const src = URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }));
    const videos = list.map((style) => {
      const video = document.createElement('video');
      Object.assign(video, { muted: true, loop: true, autoplay: true, src });
      video.setAttribute('style', style);
      document.body.prepend(video);
      return video;
    });
    await Promise.all(videos.map((v) => v.play()));
    setInterval(() => {
      for (const v of videos) v.volume = v.volume === 1 ? 0.5 : 1;
    }, 1000);
  }, styles);
}

/** Whether each video of the page is playing: not paused, data to play, and time moving on. */
async function playing(page: Page): Promise<boolean[]> {
  const at = () => page.evaluate(() => [...document.querySelectorAll('video')].map((v) => ({ t: v.currentTime, ok: !v.paused && !v.ended && v.readyState > 2 && v.muted })));
  const first = await at();
  await page.waitForTimeout(300);
  const second = await at();
  return first.map((v, i) => v.ok && second[i]?.ok === true && second[i]?.t !== v.t);
}
