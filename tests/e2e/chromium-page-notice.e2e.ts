import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { useChromium } from './support/chromium-suite';
import { artifactPath } from './support/paths';

const broken = loadFixtures().find((f) => f.file.endsWith('mturk/working-key-element-removed.html'));

/**
 * Fail soft and say so: a platform page whose key element is gone still yields what
 * could be read, and the popup names what could not. The popup asks for the active tab of the last
 * focused window; opened as a test tab it would be that tab itself, so here it opens in a window of
 * its own that does not take the focus, as the toolbar popup does not.
 */
describe('Chromium: the popup says when a platform page was not fully recognised', () => {
  const suite = useChromium();

  it('names the platform and what could not be read, for the page in the focused window', async () => {
    if (!broken) throw new Error('no MTurk key-element-removed fixture');
    const page = await suite.chrome.newPage();
    await page.goto(broken.url.href);
    await page.bringToFront();
    // The background keeps the note per tab in session storage once it has read the page.
    await expect
      .poll(() => suite.chrome.serviceWorker.evaluate(`chrome.storage.session.get(null).then((all) => Object.keys(all).filter((k) => k.startsWith('page:')).length)`), { timeout: 10_000 })
      .toBeGreaterThan(0);

    const opened = suite.chrome.context.waitForEvent('page', { predicate: (p: Page) => p.url().endsWith('/popup.html') });
    await suite.chrome.serviceWorker.evaluate(
      `chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', focused: false, width: 380, height: 600 })`,
    );
    const popup = await opened;
    const notice = popup.locator('.notice');
    await notice.waitFor({ timeout: 10_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('This MTurk page was not fully recognised');
    expect(text).toMatch(/could not read: [a-z]/i);
    await popup.screenshot({ path: artifactPath('chromium-popup-page-notice.png') });
  });
});
