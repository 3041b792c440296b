import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generatedOffers } from '../../demo/generated-list';
import { useChromium } from './support/chromium-suite';
import { setSettings } from './support/extension-db';
import { artifactPath } from './support/paths';
import { seedExpression } from './support/seed';
import { axeViolations } from './support/axe';
import { cdpOf, readBadges, readPanel, shadowMarkup } from './support/shadow';

const N = 20;
const offers = generatedOffers(N);
const LIST = `https://worker.mturk.com/projects?truerate_offers=${N}`;
const settings = (more: Record<string, unknown> = {}) => ({ idleThresholdS: 60, idleThresholdByPlatform: {}, minHourlyMinor: { USD: 600 }, ...more });

/** The groups of the badges actually drawn (a host copied by the page's own innerHTML has none). */
const drawn = async (cdp: Awaited<ReturnType<typeof cdpOf>>) => (await readBadges(cdp)).filter((b) => b.text !== '').map((b) => b.groupId);

/** The group each row of the page shows, by the row's own link (what a worker reads). */
const rowsOf = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.table-row')].map((row) => {
      const href = row.querySelector('.project-name-column a')?.getAttribute('href') ?? '';
      return /\/projects\/([A-Z0-9]+)\//.exec(href)?.[1] ?? '';
    }),
  );

/**
 * Presses Tab until the badge of `groupId` has the focus: the badge is in the page's own tab
 * order (its host is the active element, its closed root holds the focused button).
 */
async function tabTo(page: Page, groupId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-truerate-badge') ?? null);
    if (focused === groupId) return;
  }
  throw new Error(`Tab never reached the badge of ${groupId}`);
}

/** Every box the page itself draws in its list, to compare with badges on and off. */
const boxesOf = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#MainContent *')]
      .filter((el) => !el.hasAttribute('data-truerate-badge'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
      }),
  );

/**
 * Badges next to every offer of an MTurk list, in real Chromium with a seeded history: by id,
 * after the page's own re-sort and re-render, without moving the page's elements, page text as
 * text, and a panel the keyboard opens.
 */
describe('Chromium: badges beside the offers of an MTurk list', () => {
  const suite = useChromium();

  it('puts the right badge next to the right offer, also after the page re-sorts and re-renders its list', async () => {
    const chrome = suite.chrome;
    await setSettings(chrome.serviceWorker, settings());
    const ext = await chrome.newPage();
    await ext.goto(chrome.extensionUrl('popup.html'));
    await ext.locator('h1').waitFor();
    const groups = offers.slice(0, 15).map(({ groupId, requesterId, requesterName }) => ({ groupId, requesterId, requesterName }));
    const seeded = (await ext.evaluate(seedExpression({ count: 600, now: Date.now() - 3_600_000, days: 30, segments: false, mturkGroups: groups }))) as { tasks: number };
    expect(seeded.tasks).toBe(600);

    const page = await chrome.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(LIST);
    const cdp = await cdpOf(page);
    await expect.poll(async () => (await drawn(cdp)).length, { timeout: 10_000 }).toBe(N);

    const check = async () => {
      const rows = await rowsOf(page);
      const badges = await readBadges(cdp);
      expect(badges.map((b) => b.groupId)).toEqual(rows);
      for (const badge of badges) {
        // The badge sits beside its own offer: the element holding it shows that offer's title;
        // its description says, in sentences, what the figures rest on.
        const offer = offers.find((o) => o.groupId === badge.groupId)!;
        expect(badge.rowText).toContain(offer.title);
        expect(badge.label).toMatch(/^TrueRate, from your own history\. /);
        expect(badge.label.length).toBeGreaterThan(badge.text.length);
      }
      return badges;
    };
    const first = await check();
    // An offer with history says so, with its n.
    const withHistory = first.find((b) => b.groupId === offers[0]!.groupId)!;
    expect(withHistory.text).toMatch(/n = \d+/);
    expect(withHistory.buttonClass).toMatch(/badge (good|warn|bad)/);
    const without = first.find((b) => b.groupId === offers[N - 1]!.groupId)!;
    // A group new to the worker, of a requester it knows: the requester’s figure, said as such.
    expect(without.text).toMatch(/^✗?New to you · Requester: /);
    expect(await page.title()).not.toBe('pwned');
    await page.screenshot({ path: artifactPath('chromium-badges-mturk-list-light.png') });

    // The page's own script re-sorts its rows (same nodes), then re-renders them (new nodes).
    await page.evaluate(() => (window as unknown as { truerateDemoResort(): void }).truerateDemoResort());
    await expect.poll(async () => (await drawn(cdp)).join(), { timeout: 5000 }).toBe((await rowsOf(page)).join());
    await page.evaluate(() => (window as unknown as { truerateDemoRerender(): void }).truerateDemoRerender());
    await expect.poll(async () => (await drawn(cdp)).join(), { timeout: 5000 }).toBe((await rowsOf(page)).join());
    expect((await readBadges(cdp)).length).toBe(N);
    await check();
    // The panel: the keyboard opens it on the badge, it names itself, and Escape closes it.
    await tabTo(page, offers[0]!.groupId);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readPanel(cdp))?.role ?? null, { timeout: 5000 }).toBe('dialog');
    const panel = (await readPanel(cdp))!;
    expect(panel.label).toMatch(/Your tasks/i);
    expect(panel.buttons).toEqual(['Open in the dashboard', 'Close']);
    // The first offer is the last row after the re-sort, at the foot of the window: the panel
    // opens above its badge, whole in view, its buttons reachable without scrolling.
    const viewport = page.viewportSize()!;
    expect(panel.box.top).toBeGreaterThanOrEqual(0);
    expect(panel.box.bottom).toBeLessThanOrEqual(viewport.height);
    expect(panel.box.right).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: artifactPath('chromium-badges-panel-light.png') });
    // axe-core on the badge and its open panel, in both themes, on a copy of the closed root's
    // exact markup in an open root (axe cannot enter a closed one).
    const markup = await shadowMarkup(cdp, offers[0]!.groupId);
    expect(markup).toContain('role="dialog"');
    const copy = await chrome.newPage();
    await copy.setContent('<!doctype html><html lang="en"><head><title>Badge</title></head><body><main><p>Offer 1<span id="host"></span></p></main></body></html>');
    await copy.evaluate((html) => {
      const host = document.getElementById('host')!;
      host.setAttribute('style', 'all:initial;position:absolute;display:inline;width:0;height:0;');
      host.attachShadow({ mode: 'open' }).innerHTML = html;
    }, markup);
    for (const colorScheme of ['light', 'dark'] as const) {
      await copy.emulateMedia({ colorScheme });
      expect(await axeViolations(copy), colorScheme).toEqual([]);
    }
    await copy.close();
    await page.keyboard.press('Escape');
    await expect.poll(async () => readPanel(cdp), { timeout: 5000 }).toBeNull();

    // A group new to the worker opens its requester's tasks; that requester's name holds markup,
    // which the panel shows as text and nowhere as elements.
    const fresh = offers.find((o, i) => i >= 15 && o.requesterName.includes('<b>'))!;
    await tabTo(page, fresh.groupId);
    await page.keyboard.press(' ');
    await expect.poll(async () => (await readPanel(cdp))?.text ?? '', { timeout: 5000 }).toContain('<b>Bold</b> Requester <img src=x');
    const marked = (await readPanel(cdp))!;
    expect(marked.tags).not.toContain('img');
    expect(marked.tags).not.toContain('b');
    expect(await page.title()).not.toBe('pwned');
    await page.keyboard.press('Escape');
  });

  it('moves none of the page’s own elements: the same boxes with badges off and on', async () => {
    const chrome = suite.chrome;
    const page = await chrome.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await setSettings(chrome.serviceWorker, settings({ badgesOff: ['mturk'] }));
    await page.goto(LIST);
    const cdp = await cdpOf(page);
    // Badges off: the page is read (and its offers kept), but nothing is drawn.
    await page.waitForTimeout(1500);
    expect(await readBadges(cdp)).toEqual([]);
    const off = await boxesOf(page);

    await setSettings(chrome.serviceWorker, settings());
    await page.reload();
    await expect.poll(async () => (await readBadges(cdp)).length, { timeout: 10_000 }).toBe(N);
    expect(await boxesOf(page)).toEqual(off);
  });

  it('on a Prolific study list, the badges survive the app re-rendering its cards in place', async () => {
    const chrome = suite.chrome;
    await setSettings(chrome.serviceWorker, settings({ minHourlyMinor: { GBP: 600 } }));
    const page = await chrome.newPage();
    await page.goto('https://app.prolific.com/studies');
    const cdp = await cdpOf(page);
    const studies = () => page.evaluate(() => [...document.querySelectorAll('li[data-testid^="study-"]')].map((li) => li.getAttribute('data-testid')!.slice('study-'.length)));
    const ids = await studies();
    expect(ids.length).toBeGreaterThan(1);
    await expect.poll(async () => (await drawn(cdp)).join(), { timeout: 10_000 }).toBe(ids.join());
    // The app (Vue) throws its list away and renders it again: new nodes, same studies (the copy
    // even carries the old badges' hosts, without their shadow roots).
    await page.evaluate(() => {
      const list = document.querySelector('[data-testid="studies-list"]')!;
      const html = list.innerHTML;
      list.innerHTML = html;
    });
    await expect.poll(async () => (await drawn(cdp)).join(), { timeout: 10_000 }).toBe(ids.join());
    expect((await readBadges(cdp)).length).toBe(ids.length);
    const badges = await readBadges(cdp);
    // No history of these studies: the badge says so, with the rate the study advertises.
    expect(badges[0]!.text).toMatch(/No history yet · advertised £/);
    expect(badges[0]!.buttonClass).toBe('badge none');
    await page.screenshot({ path: artifactPath('chromium-badges-prolific-list.png') });

    // In French: the badge's words and numbers follow the worker's language. In a dark system
    // theme, on this light page, the badges stay light: they take the page's theme.
    await setSettings(chrome.serviceWorker, settings({ minHourlyMinor: { GBP: 600 }, language: 'fr' }));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect.poll(async () => (await readBadges(cdp)).map((b) => b.text).join('|'), { timeout: 10_000 }).toMatch(/^\?Pas encore d’historique · annoncé 9,00\s£GB\/h/);
    expect((await readBadges(cdp)).map((b) => b.buttonClass)).toEqual(ids.map(() => 'badge none'));
    // A dark page (a platform's dark theme, or a dark-mode extension): dark badges.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = 'body, li.list-item { background: rgb(24, 26, 27) !important; color: #dde; border-color: #333 !important }';
        document.head.append(style);
      });
    });
    await page.reload();
    await expect.poll(async () => (await readBadges(cdp)).map((b) => b.buttonClass).join(), { timeout: 10_000 }).toBe(ids.map(() => 'badge none dark').join());
    await page.screenshot({ path: artifactPath('chromium-badges-prolific-list-fr-dark.png') });
  });
});
