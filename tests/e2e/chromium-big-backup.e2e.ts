import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTIVE_HOST } from '../../demo/server';
import { useChromium } from './support/chromium-suite';
import { readTablesExpression } from './support/extension-db';
import { recordFigure } from './support/paths';

const dir = mkdtempSync(join(tmpdir(), 'tr-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A backup of about 100 MB: 56,000 tasks with ten segments each, and one bad record at its very
 * end, so the whole file must be read before it is refused.
 */
function bigBrokenBackup(): string {
  const T = Date.UTC(2026, 0, 1);
  const tasks: string[] = [];
  const segments: string[] = [];
  let segmentId = 1;
  for (let i = 0; i < 56_000; i++) {
    const id = `mturk:BIG${String(i).padStart(8, '0')}`;
    const at = T + i * 600_000;
    tasks.push(JSON.stringify({ id, platform: 'mturk', externalId: `BIG${String(i).padStart(8, '0')}`, groupId: `G${i % 500}`, requesterId: `R${i % 50}`, requesterName: 'Requester', title: 'Describe a picture of a street at night', reward: { amountMinor: 50, currency: 'USD' }, advertisedSeconds: 300, advertisedKind: 'estimate', allottedSeconds: 3600, status: 'approved', acceptedAt: at, endedAt: at + 500_000, activeMs: 400_000, wallMs: 500_000, idleThresholdS: 60, flags: [], completionCode: null, bonuses: [], updatedAt: at + 500_000 }));
    for (let k = 0; k < 10; k++) segments.push(JSON.stringify({ id: segmentId++, taskId: id, platform: 'mturk', start: at + k * 45_000, end: at + k * 45_000 + 40_000, source: 'measured', excluded: false }));
  }
  segments.push(JSON.stringify({ id: segmentId, taskId: 'mturk:NOSUCHTASK', platform: 'mturk', start: T, end: T - 1, source: 'measured', excluded: false }));
  return `{"format":"truerate-backup","version":1,"exportedAt":${T},"extensionVersion":"test","tasks":[${tasks.join(',')}],"segments":[${segments.join(',')}],"offers":[],"gaps":[],"edits":[]}`;
}

describe('Chromium: a 100 MB backup', () => {
  const suite = useChromium();

  it('is read whole and refused by its one bad record, named with its path; nothing is changed (figures: how long, and the longest main-thread task)', async () => {
    const file = join(dir, 'big-broken.json');
    writeFileSync(file, bigBrokenBackup());
    const megabytes = statSync(file).size / 1024 / 1024;
    expect(megabytes).toBeGreaterThan(90);
    const page = await suite.chrome.newPage();
    await page.goto(suite.chrome.extensionUrl('options.html#data'));
    // Over CDP, Playwright sends no file above 50 MB: the page fetches it from the fixture server
    // (its collective host, which any origin may read) and hands it to the file input as the
    // worker's pick would.
    suite.server.collective.feed = readFileSync(file, 'utf8');
    await page.evaluate(`(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask' });
    })()`);
    const input = page.getByLabel('Restore from a backup file');
    await input.waitFor({ state: 'attached' });
    const blob = await page.evaluate(`fetch('https://${COLLECTIVE_HOST}/feed.json').then((r) => r.blob()).then((b) => { window.__big = new File([b], 'big-broken.json', { type: 'application/json' }); return b.size; })`);
    expect(blob).toBe(statSync(file).size);
    const start = Date.now();
    await input.evaluate((el) => {
      const transfer = new DataTransfer();
      transfer.items.add((window as unknown as { __big: File }).__big);
      (el as HTMLInputElement).files = transfer.files;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const problems = page.locator('.data-problems li');
    await expect.poll(() => problems.count(), { timeout: 120_000 }).toBeGreaterThan(0);
    const answered = Date.now() - start;
    const paths = await problems.evaluateAll((items) => items.map((li) => li.getAttribute('data-path')));
    expect(paths).toEqual(expect.arrayContaining(['segments[560000].taskId', 'segments[560000].end']));
    expect(((await page.evaluate(readTablesExpression(['tasks']))) as { tasks: unknown[] }).tasks).toHaveLength(0);
    const longest = (await page.evaluate('window.__longest')) as number;
    recordFigure(`chromium: a ${megabytes.toFixed(0)} MB broken backup, file chosen to problems listed (ms)`, answered);
    recordFigure(`chromium: a ${megabytes.toFixed(0)} MB broken backup, longest main-thread task while checked (ms)`, Math.round(longest));
  }, 180_000);
});
