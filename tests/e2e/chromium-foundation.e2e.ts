import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { useChromium } from './support/chromium-suite';
import { artifactPath } from './support/paths';

/** Opens the popup until it lists `count` tasks: the record is written after the page's message. */
async function openPopupListing(chrome: ChromiumSession, popup: Page, count: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await popup.goto(chrome.extensionUrl('popup.html'));
        return popup.locator('li.task').count();
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(count);
}

const working = loadFixtures().find((f) => f.platform === 'mturk' && f.kind === 'working');
if (!working) throw new Error('tests/fixtures/mturk has no "working" fixture');

describe('Chromium: an MTurk task is read, stored and listed', () => {
  const suite = useChromium();

  it('lists the accepted task in the popup with its title, requester and reward', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(working.url.href);
    expect(await page.locator('.task-project-title').textContent()).toContain('Transcribe a shopping receipt');

    const popup = await suite.chrome.newPage();
    await popup.setViewportSize({ width: 360, height: 480 });
    await openPopupListing(suite.chrome, popup, 1);
    const task = popup.locator('li.task').first();
    expect(await task.locator('.task-title').textContent()).toBe(
      'Transcribe a shopping receipt (~3 min) & "check" totals',
    );
    expect(await task.locator('.task-reward').textContent()).toBe('$0.35');
    expect(await task.locator('.task-requester').textContent()).toBe('Receipt Research Lab');
    expect(await task.getAttribute('data-task-id')).toBe('mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    await popup.screenshot({ path: artifactPath('chromium-popup-en-light.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(21, 24, 28)',
    );
    await popup.screenshot({ path: artifactPath('chromium-popup-en-dark.png') });
  });

  it('shows an empty state that says what to do, in a fresh profile', async () => {
    const fresh = await launchChromium({
      hostResolverRules: suite.server.hostResolverRules,
      spki: suite.server.spki,
    });
    try {
      const popup = await fresh.newPage();
      await popup.goto(fresh.extensionUrl('popup.html'));
      expect(await popup.locator('.empty').textContent()).toContain('Open a task on Mechanical Turk');
      expect(await popup.locator('li.task').count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe('Chromium in French', () => {
  const suite = useChromium({ extraArgs: ['--lang=fr'] });

  it('translates the popup and formats money the French way', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(working.url.href);
    const popup = await suite.chrome.newPage();
    await popup.setViewportSize({ width: 360, height: 480 });
    await openPopupListing(suite.chrome, popup, 1);
    expect(await popup.locator('h2').allTextContents()).toContain('Tâches récentes');
    expect(await popup.locator('.task-status').textContent()).toBe('Acceptée');
    expect(await popup.locator('html').getAttribute('lang')).toMatch(/^fr/);
    // fr: 0,35 followed by a no-break space and the dollar sign ("0,35 $US" or "0,35 $").
    expect(await popup.locator('.task-reward').textContent()).toMatch(/^0,35\s\$/u);
    await popup.screenshot({ path: artifactPath('chromium-popup-fr-light.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: artifactPath('chromium-popup-fr-dark.png') });
  });
});
