import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tasksToCsv } from '@/lib/backup/csv';
import type { TaskRecord } from '@/lib/model/records';
import { taskRates } from '@/lib/rates/task-rates';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { useChromium } from './support/chromium-suite';
import { catchDownloads } from './support/downloads';
import { readTablesExpression } from './support/extension-db';
import { ROOT } from './support/paths';

const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', 'backup', name);
const valid = JSON.parse(readFileSync(fixture('valid.json'), 'utf8')) as { tasks: { id: string }[]; segments: unknown[] };

type Tables = { tasks: { id: string }[]; segments: unknown[] };
const tables = (page: Page) => page.evaluate(readTablesExpression(['tasks', 'segments'])) as Promise<Tables>;

/** "Your data" in the built extension: restore (broken, then valid), CSV and backup files. */
describe('Chromium: the worker’s data — restore, CSV, backup', () => {
  const suite = useChromium();

  it('a broken backup lists each problem and changes nothing; a valid one restores; CSV and backup files download', async () => {
    const page = await suite.chrome.newPage();
    await page.goto(suite.chrome.extensionUrl('options.html#data'));
    const input = page.getByLabel('Restore from a backup file');
    await input.waitFor({ state: 'attached' });

    await input.setInputFiles(fixture('broken.json'));
    const problems = page.locator('.data-problems li');
    await expect.poll(() => problems.count()).toBe(7);
    expect(await problems.evaluateAll((items) => items.map((li) => li.getAttribute('data-path')))).toEqual(
      expect.arrayContaining(['tasks[1].reward.currency', 'segments[5].taskId', 'segments[6].end']),
    );
    await expect.poll(async () => (await tables(page)).tasks.length).toBe(0);

    await input.setInputFiles(fixture('valid.json'));
    await page.getByRole('button', { name: 'Replace all my data with this file' }).click();
    await page.locator('.data-done').waitFor();
    const restored = await tables(page);
    expect(restored.tasks.map((t) => t.id).sort()).toEqual(valid.tasks.map((t) => t.id).sort());
    expect(restored.segments).toHaveLength(valid.segments.length);

    const downloads = await catchDownloads(suite.chrome.browser);
    await page.getByRole('button', { name: /as a spreadsheet/ }).click();
    const csv = await downloads.next();
    expect(csv.suggestedFilename).toMatch(/^truerate-tasks-\d{4}-\d{2}-\d{2}\.csv$/);
    // The file is exactly what lib/backup/csv.ts makes of the restored tasks, oldest first, with
    // the flags and rates of the default settings.
    const restoredTasks = ((await page.evaluate(readTablesExpression(['tasks']))) as { tasks: TaskRecord[] }).tasks;
    const expected = tasksToCsv([...restoredTasks].sort((a, b) => a.acceptedAt - b.acceptedAt), {
      flagsOf: (task) => taskRates(task, DEFAULT_SETTINGS).flags,
      rateOf: (task) => taskRates(task, DEFAULT_SETTINGS).trueRate,
    });
    const csvText = csv.text;
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(csvText.replace(/^\uFEFF/, '')).toBe(expected.replace(/^\uFEFF/, ''));
    expect(csvText.split('\r\n').length).toBeGreaterThan(valid.tasks.length);

    await page.getByRole('button', { name: /backup of all my data/ }).click();
    const backup = await downloads.next();
    downloads.close();
    expect(backup.suggestedFilename).toMatch(/^truerate-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(backup.text) as { format: string; tasks: { id: string }[]; segments: unknown[] };
    expect(saved.format).toBe('truerate-backup');
    expect(saved.tasks.map((t) => t.id).sort()).toEqual(valid.tasks.map((t) => t.id).sort());
    expect(saved.segments).toEqual(valid.segments);
  });
});
