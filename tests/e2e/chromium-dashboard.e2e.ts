import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { useChromium } from './support/chromium-suite';
import { readTablesExpression } from './support/extension-db';
import { artifactPath, recordFigure } from './support/paths';
import { seedExpression } from './support/seed';

const fr = JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8')) as Record<string, { message: string }>;
const activeMsOf = async (page: Page, id: string) =>
  ((await page.evaluate(readTablesExpression(['tasks']))) as { tasks: { id: string; activeMs: number }[] }).tasks.find((t) => t.id === id)?.activeMs;

const shoot = async (page: Page, name: string) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: artifactPath(`chromium-dashboard-${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
};

/** The dashboard with a seeded history: overview, history, a task's correction and undo, French. */
describe('Chromium: the dashboard', () => {
  const suite = useChromium();

  it('overview, history (sort, open a task), exclude time and undo it, requesters, French; no axe violations', async () => {
    const page = await suite.chrome.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(suite.chrome.extensionUrl('options.html#overview'));
    await page.locator('[role="tablist"]').waitFor();
    await page.evaluate(seedExpression({ count: 300, now: Date.now(), days: 60 }));
    await page.reload();

    await page.locator('svg').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'overview-en');

    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => page.getByText('300 of 300 tasks').count()).toBe(1);
    // Virtualised: far fewer rows in the page than tasks.
    const rendered = await page.locator('tr.history-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'history-en');

    // Open a finished task with two measured segments, exclude one, then undo.
    const seeded = (await page.evaluate(readTablesExpression(['tasks']))) as { tasks: { id: string; activeMs: number; status: string }[] };
    const task = seeded.tasks.find((t) => t.activeMs > 120_000 && t.status === 'approved');
    expect(task).toBeDefined();
    if (!task) return;
    await page.goto(suite.chrome.extensionUrl(`options.html#task/${encodeURIComponent(task.id)}`));
    const active = page.locator('.detail-active');
    await active.waitFor();
    const before = Number(await active.getAttribute('data-active-ms'));
    expect(before).toBe(task.activeMs);
    await page.getByRole('button', { name: /^Exclude / }).first().click();
    await expect.poll(() => activeMsOf(page, task.id)).toBeLessThan(before);
    await expect.poll(async () => Number(await active.getAttribute('data-active-ms'))).toBeLessThan(before);
    // The timeline paints the excluded segment hatched, not as counted time.
    await expect.poll(() => page.locator('rect.tl-is-excluded').first().evaluate((el) => getComputedStyle(el).fill)).toContain('-excluded');
    await page.locator('.detail-active').scrollIntoViewIfNeeded();
    await shoot(page, 'task-en');
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await expect.poll(() => activeMsOf(page, task.id)).toBe(before);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(suite.chrome.extensionUrl('options.html#requesters'));
    await page.locator('table').first().waitFor();
    // Evidence for a requester: n, the interval, and one line per finished task.
    await page.getByRole('button', { name: /^Evidence for / }).first().click();
    const evidence = await page.locator('.group-evidence textarea').inputValue();
    expect(evidence).toMatch(/Finished tasks: \d+/);
    expect(evidence).toMatch(/which holds the true median with probability \d+/);
    await shoot(page, 'requesters-en');

    await page.evaluate(`chrome.storage.local.set({ settings: { idleThresholdS: 60, idleThresholdByPlatform: {}, language: 'fr' } })`);
    await page.goto(suite.chrome.extensionUrl('options.html#overview'));
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('tab', { name: fr.dash_tab_history?.message ?? '?' }).count()).toBe(1);
    await page.locator('svg').first().waitFor();
    await shoot(page, 'overview-fr');
  });

});

describe('Chromium: the dashboard and popup with 100,000 tasks', () => {
  const suite = useChromium();

  it('100,000 tasks: the history counts them all, scrolls to the last, and stays a window of rows', async () => {
    const page = await suite.chrome.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(suite.chrome.extensionUrl('options.html#history'));
    await page.locator('[role="tablist"]').waitFor();
    await page.evaluate(seedExpression({ count: 100_000, now: Date.now(), days: 365, segments: false }));
    const started = Date.now();
    await page.reload();
    // The newest tasks first, while the rest are read: rows at once, the filters off until then.
    const partial = page.locator('.history-count[data-partial="true"]');
    await partial.waitFor({ timeout: 30_000 });
    expect(await partial.textContent()).toMatch(/^Your newest 200 tasks, while all 100,000 are read/);
    expect(await page.locator('tr.history-row').first().getAttribute('data-task-id')).toMatch(/:SEED00099999$/);
    expect(await page.locator('fieldset.history-filters-box').evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(true);
    await page.getByText('100,000 of 100,000 tasks').waitFor({ timeout: 60_000 });
    expect(await page.locator('fieldset.history-filters-box').evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(false);
    const interactive = (await page.evaluate(`performance.getEntriesByName('truerate:interactive')[0]?.startTime`)) as number;
    recordFigure('dashboard: time to interactive with 100,000 tasks (ms)', Math.round(interactive));
    recordFigure('dashboard: until "100,000 of 100,000 tasks" shows (ms)', Date.now() - started);

    const rows = page.locator('tr.history-row');
    expect(await rows.count()).toBeLessThan(80);
    // Newest first: the first row is the newest task; after a jump to the end, the last row is the
    // oldest (the seed's task 0), and the page still holds only a window of rows.
    expect(await rows.first().getAttribute('data-task-id')).toMatch(/:SEED00099999$/);
    await page.locator('.history-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => rows.last().getAttribute('data-task-id')).toMatch(/:SEED00000000$/);
    expect(await rows.last().getAttribute('data-index')).toBe('99999');
    expect(await rows.count()).toBeLessThan(80);

    await page.goto(suite.chrome.extensionUrl('popup.html'));
    await page.locator('.today').waitFor();
    const ready = (await page.evaluate(`performance.getEntriesByName('truerate:ready')[0]?.startTime`)) as number;
    recordFigure('popup: first render with 100,000 tasks (ms, one load in the e2e run)', Math.round(ready));
    // The popup reads only today's rows: the seeded year holds ~270 tasks a day, none of the rest.
    expect(await page.locator('li.task').count()).toBe(8);
  }, 300_000);
});
