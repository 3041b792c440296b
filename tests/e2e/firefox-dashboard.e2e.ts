import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { todaySummary } from '@/lib/rates/aggregate';
import type { SegmentRecord, TaskRecord } from '@/lib/model/records';
import { formatMoney } from '@/lib/format';
import { readTablesExpression } from './support/extension-db';
import { launchFirefox, type Firefox } from './support/firefox';
import { artifactPath, FIREFOX_DIST } from './support/paths';
import { seedExpression, seedNowWithToday } from './support/seed';

/** The dashboard's main paths in Firefox ESR: the popup's today figures and the dashboard with a history. */
describe('Firefox: popup and dashboard with a worker’s history', () => {
  let server: FixtureServer;
  let ff: Firefox;
  let tab = '';

  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort });
    tab = await ff.newTab();
    await ff.activate(tab);
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  it('shows today per currency as lib/rates computes it, and the dashboard overview, history and a task', async () => {
    await ff.navigate(tab, ff.extensionUrl('popup.html'));
    await ff.waitFor(tab, `document.querySelector('h1')`);
    await ff.evaluate(tab, seedExpression({ count: 60, now: seedNowWithToday(Intl.DateTimeFormat().resolvedOptions().timeZone), days: 3 }));
    await ff.navigate(tab, ff.extensionUrl('popup.html'));
    await ff.waitFor(tab, `document.querySelectorAll('li.task').length === 8`);

    const { tasks, segments } = await ff.evaluate<{ tasks: TaskRecord[]; segments: SegmentRecord[] }>(tab, readTablesExpression(['tasks', 'segments']));
    const today = todaySummary(tasks, segments.filter((s) => s.taskId === null), Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
    const first = today.currencies[0];
    expect(first).toBeDefined();
    if (!first) return;
    const shown = await ff.evaluate<string>(tab, `document.querySelector('.today-card[data-currency="${first.currency}"] .today-earned .today-value').textContent`);
    expect(shown).toBe(formatMoney({ amountMinor: first.earnedMinor, currency: first.currency }, 'en'));
    await ff.screenshot(tab, artifactPath('firefox-popup-today.png'));

    await ff.navigate(tab, ff.extensionUrl('options.html#history'));
    await ff.waitFor(tab, `document.body.textContent.includes('60 of 60 tasks')`, 20_000);
    const rows = await ff.evaluate<number>(tab, `document.querySelectorAll('tr.history-row').length`);
    expect(rows).toBeGreaterThan(5);
    const id = await ff.evaluate<string>(tab, `document.querySelector('tr.history-row').getAttribute('data-task-id')`);
    await ff.navigate(tab, ff.extensionUrl(`options.html#task/${encodeURIComponent(id)}`));
    await ff.waitFor(tab, `document.querySelector('.detail-active')`);
    const activeMs = await ff.evaluate<string>(tab, `document.querySelector('.detail-active').getAttribute('data-active-ms')`);
    expect(Number(activeMs)).toBe(tasks.find((t) => t.id === id)?.activeMs);

    await ff.navigate(tab, ff.extensionUrl('options.html#overview'));
    await ff.waitFor(tab, `document.querySelectorAll('svg').length >= 3`, 20_000);
    await ff.screenshot(tab, artifactPath('firefox-dashboard-overview.png'));
  });
});
