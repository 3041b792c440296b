import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { copyOfBuild, withoutUnlimitedStorage, type BuildCopy } from './support/build-copy';
import { activeMsOf, duplicatesIn, READ_DB, type DbSnapshot } from './support/extension-db';
import { launchFirefox, poll, type Firefox } from './support/firefox';
import { artifactPath, FIREFOX_DIST, recordFigure } from './support/paths';
import { typeWith } from './support/typing';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
if (!working) throw new Error('no MTurk working fixture');
const WORKING_URL = working.url.href;
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
/** At most one heartbeat lost per fault (docs/time.md). */
const HEARTBEAT_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const typeFor = (ff: Firefox, tab: string, ms: number) => typeWith(() => ff.pressKey(tab, 'a'), ms);

/**
 * The fixture server and a Firefox running a copy of the built add-on (so that a test may change
 * its files), for one describe block, and what each test first does: the popup's tab with the
 * settings given, then a task page in front.
 */
function useFirefoxCopy(opts: { edit?: Parameters<BuildCopy['editManifest']>[0]; prefs?: Record<string, number> } = {}) {
  const suite = {} as { server: FixtureServer; ff: Firefox; copy: BuildCopy };
  beforeAll(async () => {
    suite.server = await startFixtureServer();
    suite.copy = copyOfBuild(FIREFOX_DIST);
    if (opts.edit) suite.copy.editManifest(opts.edit);
    suite.ff = await launchFirefox({ extensionDir: suite.copy.dir, proxyPort: suite.server.proxyPort, ...(opts.prefs ? { prefs: opts.prefs } : {}) });
  });
  afterAll(async () => {
    await suite.ff?.close();
    await suite.server?.close();
    suite.copy?.remove();
  });
  const openTask = async (idleThresholdS: number) => {
    const { ff } = suite;
    const popup = await ff.newTab();
    await ff.navigate(popup, ff.extensionUrl('popup.html'));
    await ff.evaluate(popup, `browser.storage.local.set({ settings: { idleThresholdS: ${idleThresholdS}, idleThresholdByPlatform: {} } })`);
    const page = await ff.newTab();
    await ff.activate(page);
    await ff.navigate(page, WORKING_URL);
    return { popup, page, loaded: Date.now() };
  };
  return { suite, openTask };
}

describe('Firefox: an update mid-task', () => {
  // A copy, so that the update can change the files on disk as a real one does.
  const { suite, openTask } = useFirefoxCopy();

  it('newer files installed over the running version: the open task goes on being timed, once', async () => {
    const { ff, copy } = suite;
    // A short idle threshold: were the page's signs not timed after the update, the stretch from
    // the update to leaving the tab (about 6 s) would be a pause longer than it, and not counted.
    const { page, loaded } = await openTask(5);
    const a = await typeFor(ff, page, 4000);
    copy.editManifest((manifest) => ({ ...manifest, version: '99.0.0' }));
    await ff.reinstall(copy.dir);
    // The page is not reloaded: whatever times it now was started by the new version.
    const back = Date.now();
    const b = await typeFor(ff, page, 4000);
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
    expect(duplicatesIn(db, TASK)).toEqual([]);
  }, 120_000);
});

/**
 * Fills the extension's IndexedDB quota from one of its pages, with a database of its own: 1 MB
 * records until one is refused, then smaller ones, down to 256 bytes, until the origin has no
 * room left even for a ledger write.
 */
const FILL_QUOTA = `(async () => {
  const open = () => new Promise((resolve, reject) => {
    const request = indexedDB.open('filler');
    request.onupgradeneeded = () => request.result.createObjectStore('s');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  let n = 0;
  // A refused write aborts its transaction, and Firefox then refuses any other on that
  // connection (it throws): each size has a connection of its own.
  const put = (db, size) => new Promise((resolve) => {
    // Random bytes: Firefox compresses what it stores. getRandomValues gives 64 KB at a time.
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    try {
      const tx = db.transaction('s', 'readwrite');
      tx.objectStore('s').put(bytes, n++);
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => resolve(false);
    } catch {
      resolve(false);
    }
  });
  let total = 0;
  for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8]) {
    const db = await open();
    while (await put(db, size)) total += size;
    db.close();
  }
  // Then it keeps the space taken: whatever the origin frees (Firefox's databases give pages
  // back), it takes again, until told to stop.
  globalThis.keepFull = true;
  void (async () => {
    while (globalThis.keepFull) {
      const db = await open();
      while (globalThis.keepFull && (await put(db, 256))) total += 256;
      db.close();
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return total;
})()`;

describe('Firefox: the quota full mid-task', () => {
  // The shipped add-on asks for unlimitedStorage, which lifts the quota: this copy leaves it out,
  // so that the origin has a site's quota; nothing else differs. The browser's storage is capped
  // at 50 MB, as on a small disk, which gives an origin 10 MB.
  const { suite, openTask } = useFirefoxCopy({ edit: withoutUnlimitedStorage, prefs: { 'dom.quotaManager.temporaryStorage.fixedLimit': 50 * 1024 } });

  it('IndexedDB refuses the writes: the popup says so, the activity waits in storage.local and is all written once space returns', async () => {
    const { ff } = suite;
    const { popup, page, loaded } = await openTask(60);
    await typeFor(ff, page, 3000);
    const filled = await ff.evaluate<number>(popup, FILL_QUOTA);
    const full = Date.now();
    await typeFor(ff, page, 5000);
    const held = await ff.evaluate<{ heldEvents?: { events: unknown[]; error: string } }>(popup, 'browser.storage.local.get("heldEvents")');
    // The first refusal is the quota's; after it Firefox refuses the connection's next writes as
    // not allowed (InvalidStateError) until space returns. The notice shows the last one.
    expect(held.heldEvents?.error).toMatch(/QuotaExceededError|InvalidStateError/);
    // Some writes still go through (pages the filler has not taken back yet): not all are held.
    expect(held.heldEvents?.events.length).toBeGreaterThan(0);
    expect(await ff.evaluate<number>(popup, 'document.querySelectorAll(".held-notice").length')).toBe(1);
    await ff.activate(popup);
    await ff.screenshot(popup, artifactPath('firefox-popup-quota-full.png'));
    await ff.activate(page);
    const refusedFor = Date.now() - full;
    // Space again: the filler deleted, the next write takes the held events first.
    await ff.evaluate(popup, 'globalThis.keepFull = false');
    await sleep(200);
    await ff.evaluate(popup, `new Promise((resolve, reject) => { const r = indexedDB.deleteDatabase('filler'); r.onsuccess = () => resolve(true); r.onerror = () => reject(r.error); })`);
    const typed = await typeFor(ff, page, 3000);
    await sleep(1500);
    const leaving = Date.now();
    await ff.activate(popup);
    await poll('the held events written', async () => ((await ff.evaluate<boolean>(popup, 'browser.storage.local.get("heldEvents").then((r) => "heldEvents" in r)')) ? undefined : true), 10_000, 250);
    const db = await ff.evaluate<DbSnapshot>(popup, READ_DB);
    const measured = activeMsOf(db, TASK);
    const truth = leaving - loaded;
    recordFigure('firefox: quota filled mid-task, filler (bytes)', filled);
    recordFigure('firefox: writes refused by a full quota for (ms)', refusedFor);
    recordFigure('firefox: writes refused by a full quota, then space again, measured minus truth (ms)', measured - truth);
    expect(measured).toBeGreaterThanOrEqual(truth - HEARTBEAT_MS);
    expect(measured).toBeLessThanOrEqual(truth + 1000);
    expect(typed.last).toBeLessThan(leaving);
    expect(duplicatesIn(db, TASK)).toEqual([]);
    expect(await ff.evaluate<number>(popup, 'document.querySelectorAll(".held-notice").length')).toBe(0);
  }, 120_000);
});
