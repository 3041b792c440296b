import { describe, expect, it } from 'vitest';
import { useChromium } from './support/chromium-suite';
import { activeMsOf, readDb, readTable } from './support/extension-db';

const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';

/**
 * A whole MTurk life on the fixture hosts: list -> preview -> Accept -> work in the
 * task iframe -> submit to externalSubmit -> the status page shows the HIT approved.
 */
describe('Chromium: an MTurk HIT from the list to approved', () => {
  const suite = useChromium();

  it('ends with the right task, state, reward and time in IndexedDB', async () => {
    const page = await suite.chrome.newPage();
    await page.goto('https://worker.mturk.com/projects');
    await expect
      .poll(() => readTable(suite.chrome.serviceWorker, 'offers').then((rows) => rows.length).catch(() => -1), { timeout: 10_000 })
      .toBe(3);

    await page.locator('a[href*="3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks"]').first().click();
    await page.waitForURL(/\/tasks\/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R\?ref=/);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(/assignment_id=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P/);

    const frame = page.frameLocator('iframe.embed-responsive-item');
    await frame.locator('textarea[name="items"]').click();
    const started = Date.now();
    while (Date.now() - started < 3000) {
      await page.keyboard.type('milk ', { delay: 60 });
    }
    await frame.locator('input[name="total"]').fill('4.20');
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(async () => (await readDb(suite.chrome.serviceWorker)).tasks.find((t) => t.id === TASK)?.status, { timeout: 10_000 })
      .toBe('submitted');

    await page.goto('https://worker.mturk.com/status_details/2026-11-29');
    await expect
      .poll(async () => (await readDb(suite.chrome.serviceWorker)).tasks.find((t) => t.id === TASK)?.status, { timeout: 10_000 })
      .toBe('approved');
    const db = await readDb(suite.chrome.serviceWorker);
    expect(db.tasks.find((t) => t.id === TASK)).toMatchObject({
      title: 'Transcribe a shopping receipt (~3 min) & "check" totals',
      reward: { amountMinor: 35, currency: 'USD' },
    });
    expect(activeMsOf(db, TASK)).toBeGreaterThanOrEqual(3000);
  });

  it('the Return button returns the HIT: its state is returned and its time stops', async () => {
    const RETURNED = 'mturk:3GN4TB7QW1ZX8RK2MD5CF0HJ9LV6PA';
    const page = await suite.chrome.newPage();
    await page.goto('https://worker.mturk.com/projects/3RT5YB8NW2KQ7ZD1MX4CF9HJ6LV0PG/tasks/3MZ6QA1WX8RT2KN5BD9CF4HJ7LP0VS?assignment_id=3GN4TB7QW1ZX8RK2MD5CF0HJ9LV6PA&ref=w_pl_prvw');
    await expect
      .poll(async () => (await readDb(suite.chrome.serviceWorker)).tasks.find((t) => t.id === RETURNED)?.status, { timeout: 10_000 })
      .toBe('accepted');
    await page.mouse.wheel(0, 200);
    await page.getByRole('button', { name: 'Return' }).click();
    await page.waitForURL('https://worker.mturk.com/projects');
    await expect
      .poll(async () => (await readDb(suite.chrome.serviceWorker)).tasks.find((t) => t.id === RETURNED)?.status, { timeout: 10_000 })
      .toBe('returned');
    const db = await readDb(suite.chrome.serviceWorker);
    // The tab now shows the list: no task of its own, and certainly not the returned one.
    expect(db.tracker[0]?.state.open?.taskId ?? null).not.toBe(RETURNED);
  });
});
