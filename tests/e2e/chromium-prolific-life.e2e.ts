import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { useChromium } from './support/chromium-suite';
import { readDb, readTable } from './support/extension-db';

const fixture = (name: string) => {
  const f = loadFixtures().find((x) => x.file.endsWith(`prolific/${name}`));
  if (!f) throw new Error(`no fixture prolific/${name}`);
  return f.url.href;
};
const TASK = 'prolific:6750aa11bb22cc33dd44ee55';

/**
 * A whole Prolific life on the fixture hosts: the study list, the reserved study page,
 * the survey in a new tab (linked by its opener), and the completion URL with its code.
 */
describe('Chromium: a Prolific study from the list to the completion code', () => {
  const suite = useChromium();

  it('ends with the right task, state, reward, code and time in IndexedDB', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(fixture('list-studies.html'));
    await expect
      .poll(() => readTable(suite.chrome.serviceWorker, 'offers').then((rows) => rows.length).catch(() => -1), { timeout: 10_000 })
      .toBe(3);
    await page.goto(fixture('study-reserved.html'));
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 40);
      await page.waitForTimeout(250);
    }
    const [survey] = await Promise.all([
      suite.chrome.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open study link' }).click(),
    ]);
    await survey.waitForLoadState();
    await survey.bringToFront();
    await expect
      .poll(async () => {
        const state = (await readDb(suite.chrome.serviceWorker)).tracker[0]?.state as unknown as {
          tabs: Record<string, { linked: boolean; taskId: string | null }>;
        };
        return Object.values(state.tabs).some((t) => t.linked && t.taskId === TASK);
      }, { timeout: 10_000 })
      .toBe(true);
    await survey.waitForTimeout(2000);
    await survey.getByRole('link', { name: 'Click here to return to Prolific' }).click();
    await survey.waitForURL(/submissions\/complete/);

    await expect
      .poll(async () => (await readDb(suite.chrome.serviceWorker)).tasks.find((t) => t.id === TASK)?.status, { timeout: 10_000 })
      .toBe('submitted');
    const db = await readDb(suite.chrome.serviceWorker);
    const task = db.tasks.find((t) => t.id === TASK) as unknown as Record<string, unknown>;
    expect(task).toMatchObject({
      title: 'Grocery receipts & shopping habits',
      requesterName: 'Dr Ada Example',
      reward: { amountMinor: 150, currency: 'GBP' },
      advertisedSeconds: 600,
      completionCode: 'C1AB2CD3',
    });
    // Time on the study page and in the linked survey tab both count for the study.
    const segments = db.segments.filter((s) => s.taskId === TASK);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(segments.reduce((ms, s) => ms + s.end - s.start, 0)).toBeGreaterThanOrEqual(3000);
  });
});
