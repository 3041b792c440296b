import { describe, expect, it } from 'vitest';
import { generatedOffers } from '../../demo/generated-list';
import { COLLECTIVE_HOST } from '../../demo/server';
import type { FeedBody } from '@/lib/share/feed';
import { newKey, signedFile, type TestKey } from '../unit/share/test-keys';
import { axeViolations } from './support/axe';
import { useChromium } from './support/chromium-suite';
import { setSettings } from './support/extension-db';
import { artifactPath } from './support/paths';
import { seedExpression } from './support/seed';
import { cdpOf, readBadges, readPanel } from './support/shadow';

const N = 6;
const offers = generatedOffers(N);
const LIST = `https://worker.mturk.com/projects?truerate_offers=${N}`;
const FEED_URL = `https://${COLLECTIVE_HOST}/feed.json`;
/** The collective's own text, shown as text wherever it appears (markup in it is refused: lib/share/feed.ts). */
const NAME = 'Turkers "United" & Co';

const feedBody = (key: TestKey, version: number, median: number): FeedBody => ({
  format: 'truerate-feed',
  formatVersion: 1,
  feed: 'turkers-united',
  name: NAME,
  version,
  publishedAt: Date.UTC(2026, 10, 24),
  expiresAt: Date.now() + 14 * 86_400_000,
  keyId: key.id,
  nextKeyId: null,
  k: 10,
  groups: [
    // The first offer's group, and the requester of the second (whose group the feed lacks).
    { platform: 'mturk', by: 'group', id: offers[0]!.groupId, currency: 'USD', tasks: 420, contributors: 37, rate: { median, p25: median - 200, p75: median + 200, n: 400 }, ratio: { median: 1.2, low: 1.1, high: 1.3, coverage: 0.9, n: 380 }, rejectedShare: 0.04, returnedShare: 0.02 },
    { platform: 'mturk', by: 'requester', id: offers[1]!.requesterId, currency: 'USD', tasks: 900, contributors: 52, rate: { median: 480, p25: 300, p75: 700, n: 880 }, ratio: null, rejectedShare: 0.1, returnedShare: 0 },
  ],
});

/**
 * A collective's feed served by the fixture server (as a static host would), subscribed to in the
 * dashboard of the built extension: checked, its figures beside the worker's own in the requester
 * table and in the badges of an MTurk list, its name shown as text; then a tampered copy is
 * refused, says why, and the figures stay.
 */
describe('Chromium: a collective feed', () => {
  const suite = useChromium();

  it('is subscribed to, verified, shown in the requester table and the badges, and a tampered copy changes nothing', async () => {
    const { chrome, server } = suite;
    const key = await newKey();
    server.collective.feed = await signedFile(feedBody(key, 1, 610), key);
    await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {}, minHourlyMinor: { USD: 600 } });
    const page = await chrome.newPage();
    await page.goto(chrome.extensionUrl('popup.html'));
    await page.locator('h1').waitFor();
    const groups = offers.slice(0, 3).map(({ groupId, requesterId, requesterName }) => ({ groupId, requesterId, requesterName }));
    await page.evaluate(seedExpression({ count: 90, now: Date.now() - 3_600_000, days: 20, segments: false, mturkGroups: groups }));

    await page.goto(chrome.extensionUrl('options.html#sharing'));
    await page.getByLabel('Feed address (https)').fill(FEED_URL);
    await page.getByLabel('The collective’s public key').fill(key.id);
    await page.getByRole('button', { name: 'Add and fetch' }).click();
    const card = page.locator(`li.feed[data-feed="${FEED_URL}"]`);
    await card.locator('h3').filter({ hasText: 'Turkers' }).waitFor();
    expect(await card.locator('h3').textContent()).toBe(NAME);
    expect(await card.textContent()).toContain('version 1 · 2 figures');
    // The host learnt that someone fetched the file, and nothing else: no cookie, no referrer.
    expect(server.collective.fetches.length).toBeGreaterThan(0);
    expect(server.collective.fetches.every((f) => f.cookie === undefined && f.referer === undefined)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('chromium-collective-feeds.png'), fullPage: true });

    // The requester table: the collective's figure for the second offer's requester, with n,
    // workers, the feed's name and date.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(chrome.extensionUrl('options.html#requesters'));
    const cell = page.locator('td.collective[data-collective]').first();
    await cell.waitFor();
    const cellText = (await cell.textContent()) ?? '';
    expect(cellText).toContain('$4.80/h');
    expect(cellText).toContain('n = 900');
    expect(cellText).toContain('52 workers');
    expect(cellText).toContain(NAME);
    expect(cellText).toContain('Nov');
    await page.screenshot({ path: artifactPath('chromium-collective-requesters.png'), fullPage: true });
    // By task group: the first offer's group, which the worker has timed too, with their pace.
    await page.getByText('Task groups').click();
    const groupCell = page.locator(`tr[data-group="mturk:${offers[0]!.groupId}"] td.collective`);
    await groupCell.waitFor();
    expect(await groupCell.textContent()).toMatch(/n = 420 · 37 workers.*you take \d\.\d× their time \(your \d+ tasks\): \$\d+\.\d\d\/h at your pace/);

    // The badges: the first offer has its group's figure (at the worker's pace where the worker has
    // timed it), the second its requester's, said as such; the page's title untouched.
    const list = await chrome.newPage();
    await list.setViewportSize({ width: 1280, height: 800 });
    await list.goto(LIST);
    const cdp = await cdpOf(list);
    const badgeOf = async (groupId: string) => (await readBadges(cdp)).find((b) => b.groupId === groupId && b.text !== '');
    await expect.poll(async () => (await badgeOf(offers[0]!.groupId))?.text ?? '', { timeout: 10_000 }).toContain('n = 420');
    const first = (await badgeOf(offers[0]!.groupId))!;
    expect(first.text).toContain('37 workers');
    expect(first.text).toMatch(/\$6\.10\/h|at your pace/);
    expect(first.label).toContain(`Collective ${NAME} (published Nov 24, 2026): 420 tasks from 37 workers.`);
    expect(first.tags).not.toContain('img');
    expect(first.tags).not.toContain('b');
    const second = (await badgeOf(offers[1]!.groupId))!;
    expect(second.text).toContain('(requester)');
    expect(second.text).toContain('$4.80/h');
    expect(await list.title()).not.toBe('pwned');
    await list.screenshot({ path: artifactPath('chromium-collective-badges.png') });
    // The badge's panel says the collective's figure in sentences above the worker's own tasks.
    const host = list.locator(`[data-truerate-badge="${offers[0]!.groupId}"]`).first();
    const box = (await host.boundingBox())!;
    await list.mouse.click(box.x + 40, box.y + 9);
    await expect.poll(async () => (await readPanel(cdp))?.text ?? '', { timeout: 5000 }).toContain('Collective Turkers');
    expect((await readPanel(cdp))!.text).toContain('420 tasks from 37 workers');
    await list.screenshot({ path: artifactPath('chromium-collective-badge-panel.png') });
    await list.keyboard.press('Escape');

    // A tampered copy (a higher version, its figures changed after signing) is refused with the
    // reason; the figures in use stay, in the dashboard and in the badges.
    const good = await signedFile(feedBody(key, 2, 610), key);
    server.collective.feed = good.replace('\\"median\\":610', '\\"median\\":9990');
    await page.goto(chrome.extensionUrl('options.html#sharing'));
    // A tab in the background draws no frames: the list's tab was in front.
    await page.bringToFront();
    await card.getByRole('button', { name: 'Check now' }).click();
    const problem = card.locator('.feed-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-reason')).toBe('bad-signature');
    expect(await problem.textContent()).toContain('The figures you had are kept.');
    expect(await card.textContent()).toContain('version 1 · 2 figures');
    await page.screenshot({ path: artifactPath('chromium-collective-refused.png'), fullPage: true });
    // The same page dark and in French: the refusal still in words, axe still satisfied.
    await page.emulateMedia({ colorScheme: 'dark' });
    await setSettings(chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {}, minHourlyMinor: { USD: 600 }, language: 'fr' });
    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await card.locator('.feed-problem').waitFor();
    expect(await card.locator('.feed-problem').textContent()).toContain('sa signature ne correspond pas');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('chromium-collective-refused-dark-fr.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await list.bringToFront();
    await list.reload();
    const cdp2 = await cdpOf(list);
    await expect.poll(async () => (await readBadges(cdp2)).find((b) => b.groupId === offers[0]!.groupId && b.text !== '')?.text ?? '', { timeout: 10_000 }).toContain('n = 420');
    expect((await readBadges(cdp2)).find((b) => b.groupId === offers[0]!.groupId)?.label).not.toContain('$99.90');
  });
});
