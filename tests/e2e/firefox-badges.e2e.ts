import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { generatedOffers } from '../../demo/generated-list';
import { readTablesExpression } from './support/extension-db';
import { launchFirefox, poll, type Firefox } from './support/firefox';
import { artifactPath, FIREFOX_DIST } from './support/paths';
import { seedExpression } from './support/seed';

const N = 20;
const offers = generatedOffers(N);
const LIST = `https://worker.mturk.com/projects?truerate_offers=${N}`;
const settings = (more: Record<string, unknown> = {}) => ({ idleThresholdS: 60, idleThresholdByPlatform: {}, minHourlyMinor: { USD: 600 }, ...more });

/**
 * For every badge host on the page: its group, the group of the row it sits in (by the row's own
 * link), and whether the badge is drawn where the host says. A closed shadow root is out of reach
 * of every script here, BiDi's included, but hit-testing is not: a point inside the badge's button
 * hits the host, to which events from its shadow root are retargeted.
 */
const HOSTS = `[...document.querySelectorAll('[data-truerate-badge]')].map((host) => {
  const row = host.closest('.table-row');
  const href = row?.querySelector('.project-name-column a')?.getAttribute('href') ?? '';
  const r = host.getBoundingClientRect();
  host.scrollIntoView({ block: 'center' });
  const s = host.getBoundingClientRect();
  return { groupId: host.getAttribute('data-truerate-badge'), row: /\\/projects\\/([A-Z0-9]+)\\//.exec(href)?.[1] ?? '', drawn: document.elementFromPoint(s.left + 20, s.top + 9) === host, x: r.left };
})`;
type Host = { groupId: string; row: string; drawn: boolean; x: number };

/** The groups of the list's rows, top to bottom. */
const ROWS = `[...document.querySelectorAll('.table-row .project-name-column a')].map((a) => /\\/projects\\/([A-Z0-9]+)\\//.exec(a.getAttribute('href'))?.[1] ?? '')`;

/**
 * Firefox ESR, the main path of badges: the right badge beside the right offer of an MTurk list by
 * id, drawn, also after the page's own script re-sorts and re-renders the list; the keyboard opens
 * the panel; the setting turns them off.
 */
describe('Firefox: badges beside the offers of an MTurk list', () => {
  let server: FixtureServer;
  let ff: Firefox;
  let ext = '';
  let tab = '';

  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort });
    ext = await ff.newTab();
    await ff.navigate(ext, ff.extensionUrl('popup.html'));
    await ff.waitFor(ext, `document.querySelector('h1')`);
    tab = await ff.newTab();
    await ff.activate(tab);
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  const setSettings = (value: unknown) => ff.evaluate(ext, `browser.storage.local.set({ settings: ${JSON.stringify(value)} })`);
  const hosts = () => ff.evaluate<Host[]>(tab, HOSTS);
  /** Every row has its own badge, drawn, and no other. */
  const allRight = async () => {
    const [seen, rows] = [await hosts(), await ff.evaluate<string[]>(tab, ROWS)];
    return seen.length === N && seen.every((h) => h.drawn && h.groupId === h.row) && seen.map((h) => h.groupId).join() === rows.join() ? true : undefined;
  };

  it('puts the right badge beside the right offer, also after the page re-sorts and re-renders its list', async () => {
    await setSettings(settings());
    const groups = offers.slice(0, 15).map(({ groupId, requesterId, requesterName }) => ({ groupId, requesterId, requesterName }));
    const seeded = await ff.evaluate<{ tasks: number }>(ext, seedExpression({ count: 600, now: Date.now() - 3_600_000, days: 30, segments: false, mturkGroups: groups }));
    expect(seeded.tasks).toBe(600);

    await ff.navigate(tab, LIST);
    await poll('a drawn badge beside every offer, by id', allRight, 15_000, 250);
    await ff.evaluate(tab, 'scrollTo(0, 0)');
    await ff.screenshot(tab, artifactPath('firefox-badges-mturk-list.png'));

    await ff.evaluate(tab, 'window.truerateDemoResort()');
    expect((await ff.evaluate<string[]>(tab, ROWS))[0]).toBe(offers[N - 1]!.groupId);
    await poll('the badges after the re-sort', allRight, 10_000, 250);
    await ff.evaluate(tab, 'window.truerateDemoRerender()');
    await poll('the badges after the re-render (new nodes)', allRight, 10_000, 250);
  });

  it('opens the panel with the keyboard, below or above its badge, and Escape closes it', async () => {
    // The page's first focusable element is the first row's requester link, then its offer link,
    // then that offer's badge.
    await ff.evaluate(tab, 'scrollTo(0, 0); document.activeElement?.blur()');
    const first = (await ff.evaluate<string[]>(tab, ROWS))[0]!;
    let focused: string | null = null;
    for (let i = 0; i < 10 && focused !== first; i++) {
      await ff.pressKey(tab, '\uE004'); // Tab
      focused = await ff.evaluate<string | null>(tab, `document.activeElement?.getAttribute('data-truerate-badge') ?? null`);
    }
    expect(focused).toBe(first);
    // Under the badge, before the panel opens: the page's own row below.
    const under = `(() => { const host = document.querySelector('[data-truerate-badge="${first}"]'); const r = host.getBoundingClientRect(); return document.elementFromPoint(r.left + 60, r.top + 80) === host; })()`;
    expect(await ff.evaluate<boolean>(tab, under)).toBe(false);
    await ff.pressKey(tab, '\uE007'); // Enter
    await poll('the panel over the rows below the badge', async () => ((await ff.evaluate<boolean>(tab, under)) ? true : undefined), 10_000, 100);
    await ff.screenshot(tab, artifactPath('firefox-badges-panel.png'));
    await ff.pressKey(tab, '\uE00C'); // Escape
    await poll('the panel closed', async () => ((await ff.evaluate<boolean>(tab, under)) ? undefined : true), 10_000, 100);
  });

  it('shows none on MTurk once the worker turns them off there', async () => {
    await setSettings(settings({ badgesOff: ['mturk'] }));
    const seen = async () => (await ff.evaluate<{ offers: { groupId: string; lastSeenAt: number }[] }>(ext, readTablesExpression(['offers']))).offers.find((o) => o.groupId === offers[0]!.groupId)?.lastSeenAt ?? 0;
    const before = await seen();
    await ff.navigate(tab, LIST);
    // The page's read is in (this sighting recorded), which is when badges would start: none comes.
    await poll('this sighting of the list recorded', async () => ((await seen()) > before ? true : undefined), 10_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await hosts()).toEqual([]);
  });
});
