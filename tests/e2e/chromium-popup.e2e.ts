import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/format';
import { formatRate } from '@/lib/format-rate';
import { todaySummary } from '@/lib/rates/aggregate';
import { axeViolations } from './support/axe';
import { useChromium } from './support/chromium-suite';
import { readTablesExpression } from './support/extension-db';
import { artifactPath } from './support/paths';
import { seedExpression, seedNowWithToday } from './support/seed';
import type { SegmentRecord, TaskRecord } from '@/lib/model/records';

/** The popup with a seeded history, today's figures per currency, in both themes and languages. */
describe('Chromium: the popup with a worker’s history', () => {
  const suite = useChromium();

  it('shows today per currency as the rates library computes it, recent tasks with flags, in English and French', async () => {
    const popup = await suite.chrome.newPage();
    await popup.setViewportSize({ width: 360, height: 760 });
    await popup.goto(suite.chrome.extensionUrl('popup.html'));
    await popup.locator('h1').waitFor();
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Two days of history, the newest tasks today (UTC and local agree on this machine's clock).
    const seeded = (await popup.evaluate(seedExpression({ count: 40, now: seedNowWithToday(timeZone), days: 2 }))) as { tasks: number };
    expect(seeded.tasks).toBe(40);
    await popup.reload();

    const { tasks, segments } = (await popup.evaluate(readTablesExpression(['tasks', 'segments']))) as {
      tasks: TaskRecord[];
      segments: SegmentRecord[];
    };
    const today = todaySummary(tasks, segments.filter((s) => s.taskId === null), Date.now(), timeZone);
    expect(today.currencies.length).toBeGreaterThan(0);
    for (const c of today.currencies) {
      const card = popup.locator(`.today-card[data-currency="${c.currency}"]`);
      await expect.poll(() => card.locator('.today-earned .today-value').textContent()).toBe(formatMoney({ amountMinor: c.earnedMinor, currency: c.currency }, 'en'));
      if (c.trueRate) expect(await card.locator('.today-true .today-value').textContent()).toBe(formatRate(c.trueRate, 'en'));
    }
    // Once the day totals are built (the dashboard builds them when it opens; the background at
    // start-up), the popup reads today as one record, with the very same figures.
    const dashboard = await suite.chrome.newPage();
    await dashboard.goto(suite.chrome.extensionUrl('options.html#overview'));
    await dashboard.locator('.card').first().waitFor();
    await dashboard.close();
    const { days } = (await popup.evaluate(readTablesExpression(['days']))) as { days: { day: string; zone?: string }[] };
    expect(days.find((d) => d.day === '\u0000built')?.zone).toBe(timeZone);
    await popup.reload();
    for (const c of today.currencies) {
      const card = popup.locator(`.today-card[data-currency="${c.currency}"]`);
      await expect.poll(() => card.locator('.today-earned .today-value').textContent()).toBe(formatMoney({ amountMinor: c.earnedMinor, currency: c.currency }, 'en'));
      if (c.trueRate) expect(await card.locator('.today-true .today-value').textContent()).toBe(formatRate(c.trueRate, 'en'));
    }
    // The newest tasks are listed with their flags in words.
    await expect.poll(() => popup.locator('li.task').count()).toBe(8);
    expect(await popup.locator('li.task .badge').count()).toBeGreaterThan(0);
    expect(await axeViolations(popup)).toEqual([]);

    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: artifactPath(`chromium-popup-today-en-${scheme}.png`), fullPage: true });
    }

    await popup.evaluate(`chrome.storage.local.set({ settings: { idleThresholdS: 60, idleThresholdByPlatform: {}, language: 'fr' } })`);
    await popup.reload();
    await expect.poll(() => popup.locator('html').getAttribute('lang')).toBe('fr');
    const fr = today.currencies[0];
    if (fr) {
      await expect
        .poll(() => popup.locator(`.today-card[data-currency="${fr.currency}"] .today-earned .today-value`).textContent())
        .toBe(formatMoney({ amountMinor: fr.earnedMinor, currency: fr.currency }, 'fr'));
    }
    expect(await popup.locator('#today-heading').textContent()).toBe(JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8')).today_title.message);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: artifactPath(`chromium-popup-today-fr-${scheme}.png`), fullPage: true });
    }
  });
});
