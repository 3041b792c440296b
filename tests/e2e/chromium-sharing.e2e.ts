import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '@/lib/model/records';
import { contributedTaskSchema, contributionHeaderSchema, contributionLines } from '@/lib/share/contribution';
import { axeViolations } from './support/axe';
import { useChromium } from './support/chromium-suite';
import { catchDownloads } from './support/downloads';
import { readTablesExpression } from './support/extension-db';
import { artifactPath } from './support/paths';
import { seedExpression } from './support/seed';

/**
 * The Sharing page in the built extension: a worker with a history previews their contribution,
 * leaves a platform out, and saves the file; the file is exactly what lib/share makes of the
 * same tasks, with a token made for that collective, and holds nothing of the worker's secrets.
 */
describe('Chromium: sharing with a collective', () => {
  const suite = useChromium();

  it('previews every line, leaves out what the worker unticks, and saves exactly that file', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(suite.chrome.extensionUrl('popup.html'));
    await page.locator('h1').waitFor();
    await page.evaluate(seedExpression({ count: 120, now: Date.now(), days: 30 }));
    await page.goto(suite.chrome.extensionUrl('options.html#sharing'));
    const count = page.locator('.sharing-count');
    await count.waitFor();
    const all = Number(await count.getAttribute('data-count'));
    expect(all).toBeGreaterThan(20);

    // Leave Prolific out: fewer lines, none of them Prolific's.
    await page.getByRole('checkbox', { name: 'Prolific' }).uncheck();
    await expect.poll(async () => Number(await count.getAttribute('data-count'))).toBeLessThan(all);
    const shown = (await page.locator('.sharing-preview').textContent()) ?? '';
    expect(shown).not.toContain('"prolific"');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('chromium-sharing.png'), fullPage: true });

    // Saving needs the collective's name: its token is made for it alone.
    await page.getByRole('button', { name: 'Save the contribution file' }).click();
    await page.getByText('Name the collective first').waitFor();
    await page.getByLabel('Collective’s name').fill('Turkers United');
    const downloads = await catchDownloads(suite.chrome.browser);
    await page.getByRole('button', { name: 'Save the contribution file' }).click();
    const saved = await downloads.next();
    downloads.close();
    expect(saved.suggestedFilename).toMatch(/^truerate-contribution-turkers-united-\d{4}-W\d{2}\.ndjson$/);
    const lines = saved.text.trim().split('\n');
    const header = contributionHeaderSchema.parse(JSON.parse(lines[0]!));
    const records = lines.slice(1).map((line) => contributedTaskSchema.parse(JSON.parse(line)));
    expect(records.length).toBe(Number(await count.getAttribute('data-count')));
    expect(records.some((r) => r.platform === 'prolific')).toBe(false);

    // Exactly what lib/share makes of the stored tasks, with the token kept for that collective.
    const { tasks } = (await page.evaluate(readTablesExpression(['tasks']))) as { tasks: TaskRecord[] };
    const platforms = [...new Set(records.map((r) => r.platform))];
    const expected = contributionLines(tasks, { contributor: header.contributor, platforms, weeks: null, now: Date.now() });
    expect(lines).toEqual(expected);
    const stored = (await suite.chrome.serviceWorker.evaluate(`chrome.storage.local.get('contributorTokens')`)) as { contributorTokens: Record<string, string> };
    expect(stored.contributorTokens['Turkers United']).toBe(header.contributor);
    // Nothing of the worker's records beyond the format: no title, no task id.
    for (const task of tasks) {
      expect(saved.text).not.toContain(task.externalId);
      if (task.title) expect(saved.text).not.toContain(task.title);
    }
  });
});
