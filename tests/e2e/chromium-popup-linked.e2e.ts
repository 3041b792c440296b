import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { axeViolations } from './support/axe';
import { useChromium } from './support/chromium-suite';
import { readTable, setSettings } from './support/extension-db';
import { artifactPath } from './support/paths';

const working = loadFixtures().find((f) => f.file.endsWith('mturk/working-html-question.html'));
if (!working) throw new Error('no MTurk working fixture');
const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';

interface TrackerRow {
  key: string;
  state: { tabs: Record<string, { linked: boolean; taskId: string | null }> };
}

/** Writes a journal entry as the ledger would after a clock set back (the system clock is not the test's to move). */
const addClockBack = (popup: Page, from: number, to: number) =>
  popup.evaluate(
    `new Promise((resolve, reject) => {
      const open = indexedDB.open('truerate');
      open.onsuccess = () => {
        const tx = open.result.transaction('journal', 'readwrite');
        tx.objectStore('journal').add({ at: ${to}, kind: 'clock-back', taskId: null, from: ${from}, to: ${to}, detail: null, seenAt: null });
        tx.oncomplete = () => { open.result.close(); resolve(true); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    })`,
  );

/**
 * The popup says what TrueRate credits and what happened without the worker: the survey tab a
 * task opened is listed and can be unlinked; a clock set back is said in words until dismissed.
 */
describe('Chromium: the popup shows linked tabs and the journal', () => {
  const suite = useChromium();

  it('lists the survey tab a task opened, unlinks it on request, and says the clock went back until dismissed', async () => {
    const task = await suite.chrome.newPage();
    await task.goto(working.url.href);
    await task.keyboard.press('a');
    const tabsOf = async () => Object.values((await readTable<TrackerRow>(suite.chrome.serviceWorker, 'tracker')).find((r) => r.key === 'state')?.state.tabs ?? {});
    // The worker opens the survey once the task page is read (a survey link is clicked seconds in).
    await expect.poll(async () => (await tabsOf()).some((tab) => !tab.linked && tab.taskId === TASK), { timeout: 10_000 }).toBe(true);
    // The task page opens its survey: a tab with the task page as opener is linked to the task.
    const [survey] = await Promise.all([
      suite.chrome.context.waitForEvent('page'),
      task.evaluate(() => void window.open('https://example-survey.test/s/receipts', '_blank')),
    ]);
    await survey.waitForLoadState();
    const linkedTabs = async () => (await tabsOf()).filter((tab) => tab.linked && tab.taskId === TASK).length;
    await expect.poll(linkedTabs, { timeout: 10_000 }).toBe(1);

    const popup = await suite.chrome.newPage();
    await popup.setViewportSize({ width: 360, height: 640 });
    await popup.goto(suite.chrome.extensionUrl('popup.html'));
    const now = Date.now();
    await addClockBack(popup, now + 2 * 3_600_000, now);
    await popup.reload();

    const linked = popup.locator('.linked li');
    await expect.poll(() => linked.count(), { timeout: 5000 }).toBe(1);
    expect(await linked.textContent()).toContain('Transcribe a shopping receipt');
    const notice = popup.locator('.journal li');
    expect(await notice.textContent()).toMatch(/clock went back 2 h/);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.screenshot({ path: artifactPath('chromium-popup-linked-journal-light-en.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: artifactPath('chromium-popup-linked-journal-dark-en.png') });
    await popup.emulateMedia({ colorScheme: 'light' });

    await popup.getByRole('button', { name: 'Unlink' }).click();
    await expect.poll(linkedTabs, { timeout: 5000 }).toBe(0);
    await expect.poll(() => linked.count(), { timeout: 5000 }).toBe(0);

    await popup.getByRole('button', { name: 'Got it' }).click();
    await expect.poll(() => notice.count(), { timeout: 5000 }).toBe(0);
    const journal = await readTable<{ kind: string; seenAt: number | null }>(suite.chrome.serviceWorker, 'journal');
    expect(journal.map((j) => [j.kind, j.seenAt !== null])).toEqual([['clock-back', true]]);

    // The same notice in French, in the dark theme, to look at.
    await setSettings(suite.chrome.serviceWorker, { idleThresholdS: 60, idleThresholdByPlatform: {}, language: 'fr' });
    await addClockBack(popup, now + 3_600_000, now);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.reload();
    await expect.poll(() => popup.locator('.journal li').textContent(), { timeout: 5000 }).toMatch(/a reculé de 1 h/);
    await popup.screenshot({ path: artifactPath('chromium-popup-journal-dark-fr.png') });
  });
});
