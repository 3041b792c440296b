import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { activeMsOf, READ_DB, type DbSnapshot } from './support/extension-db';
import { launchFirefox, type Firefox } from './support/firefox';
import { FIREFOX_DIST, recordFigure } from './support/paths';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
if (!working) throw new Error('no MTurk working fixture');
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
/** At most one heartbeat lost per fault (docs/time.md). */
const HEARTBEAT_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Firefox: an update mid-task', () => {
  let server: FixtureServer;
  let ff: Firefox | undefined;
  let dir = '';
  beforeAll(async () => {
    server = await startFixtureServer();
    // A copy, so that the update can change the files on disk as a real one does.
    dir = mkdtempSync(join(tmpdir(), 'tr-x-'));
    cpSync(FIREFOX_DIST, dir, { recursive: true });
    ff = await launchFirefox({ extensionDir: dir, proxyPort: server.proxyPort });
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('newer files installed over the running version: the open task goes on being timed, once', async () => {
    if (!ff) throw new Error('Firefox did not start');
    const setup = await ff.newTab();
    await ff.navigate(setup, ff.extensionUrl('popup.html'));
    // A short idle threshold: were the page's signs not timed after the update, the stretch from
    // the update to leaving the tab (about 6 s) would be a pause longer than it, and not counted.
    await ff.evaluate(setup, `browser.storage.local.set({ settings: { idleThresholdS: 5, idleThresholdByPlatform: {} } })`);
    const page = await ff.newTab();
    await ff.activate(page);
    await ff.navigate(page, working.url.href);
    const typeFor = async (ms: number) => {
      const first = Date.now();
      let last = first;
      while (Date.now() - first < ms) {
        await ff!.pressKey(page, 'a');
        last = Date.now();
        await sleep(250);
      }
      return { first, last };
    };
    const loaded = Date.now();
    const a = await typeFor(4000);
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), version: '99.0.0' }));
    await ff.reinstall(dir);
    // The page is not reloaded: whatever times it now was started by the new version.
    const back = Date.now();
    const b = await typeFor(4000);
    await sleep(1500);
    // Leaving the tab is the task's last sign: the reading pause before it counts (docs/time.md).
    const leaving = Date.now();
    const reader = await ff.newTab();
    await ff.navigate(reader, ff.extensionUrl('popup.html'));
    expect(await ff.evaluate(reader, 'browser.runtime.getManifest().version')).toBe('99.0.0');
    const db = await ff.evaluate<DbSnapshot>(reader, READ_DB);
    const measured = activeMsOf(db, TASK);
    const gap = back - a.last;
    const truth = a.last - loaded + (leaving - back);
    recordFigure('firefox: an update mid-task, measured minus truth (ms)', measured - truth);
    recordFigure('firefox: an update mid-task, the update took (ms)', gap);
    expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
    expect(measured).toBeLessThanOrEqual(truth + gap + 1000);
    const ends = db.segments.filter((s) => s.taskId === TASK).map((s) => s.end);
    const open = db.tracker[0]?.state.open;
    expect(Math.max(...ends, open?.taskId === TASK ? open.end : 0)).toBeGreaterThanOrEqual(b.last - 2000);
    expect(db.tasks.filter((t) => t.id === TASK)).toHaveLength(1);
    const spans = db.segments.filter((s) => s.end > s.start).sort((x, y) => x.start - y.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  }, 120_000);
});
