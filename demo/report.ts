import type { Page } from 'playwright-core';
import type { ChromiumSession } from '../tests/e2e/support/chromium';
import { counted } from './words';

/**
 * What TrueRate shows at the end of the demo, read from its own popup and dashboard (the words
 * and figures the worker would see), and their screenshots.
 */
export interface TaskLine {
  title: string;
  requester: string;
  reward: string;
  status: string;
  active: string;
  rate: string;
  flags: string[];
}

export interface Today {
  earned: string;
  pending: string;
  trueRate: string;
  allIn: string;
  active: string;
  between: string;
  unpaid: string;
}

// Strings, not functions: tsx wraps named helpers in functions handed to evaluate, and the page
// has no such wrapper.
const READ_TASKS = `[...document.querySelectorAll('li.task')].map((el) => {
  const text = (selector) => (el.querySelector(selector)?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  return {
    title: text('.task-title'), requester: text('.task-requester'), reward: text('.task-reward'),
    status: text('.task-status'), active: text('.task-active'), rate: text('.task-rate'),
    flags: [...el.querySelectorAll('.badge')].map((b) => b.textContent.trim()),
  };
})`;
const READ_TODAY = `(() => {
  const card = document.querySelector('.today-card');
  if (!card) return null;
  const text = (selector) => (card.querySelector(selector)?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  return {
    earned: text('.today-earned .today-value'), pending: text('.today-pending'),
    trueRate: text('.today-true dd'), allIn: text('.today-allin dd'),
    active: (card.querySelector('.today-active dd')?.firstChild?.textContent ?? '').trim(), between: text('.today-overhead dd'), unpaid: text('.today-unpaid dd'),
  };
})()`;

/** Opens the popup (as a page, the toolbar popup's size) until it lists `count` ended tasks. */
export async function readPopup(chrome: ChromiumSession, count: number): Promise<{ page: Page; tasks: TaskLine[]; today: Today | null }> {
  const page = await chrome.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(chrome.extensionUrl('popup.html'));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const tasks = (await page.evaluate(READ_TASKS)) as TaskLine[];
    // A rate shows once a task has ended: then the popup has caught up with the story.
    if (tasks.length >= count && tasks.every((t) => t.rate !== '')) {
      return { page, tasks, today: (await page.evaluate(READ_TODAY)) as Today | null };
    }
    if (Date.now() > deadline) throw new Error(`The popup listed ${counted(tasks.length, 'ended task', 'ended tasks')} of ${count} within 15 s`);
    await page.waitForTimeout(300);
  }
}

/** The dashboard's overview (cards and charts), then its history, where `page` is left. */
export async function openDashboard(chrome: ChromiumSession, shots: { overview: string; history: string } | null): Promise<Page> {
  const page = await chrome.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(chrome.extensionUrl('options.html#overview'));
  await page.locator('svg').first().waitFor();
  if (shots) await page.screenshot({ path: shots.overview, fullPage: true });
  await page.goto(chrome.extensionUrl('options.html#history'));
  await page.locator('tr.history-row').first().waitFor();
  if (shots) await page.screenshot({ path: shots.history });
  return page;
}

export function summary(tasks: TaskLine[], today: Today | null): string[] {
  const lines = [`What TrueRate recorded (${counted(tasks.length, 'task', 'tasks')}), as its popup shows it:`];
  for (const t of tasks) {
    lines.push(`  - ${t.title}`);
    lines.push(`      ${t.requester}, ${t.reward}: ${t.status}, ${t.active}, true rate ${t.rate}${t.flags.map((f) => ` [${f}]`).join('')}`);
  }
  if (today) {
    lines.push(
      `  Today: earned ${today.earned}${today.pending ? ` (${today.pending})` : ''}, true rate ${today.trueRate},` +
        ` all-in rate ${today.allIn}; ${today.active} in tasks, ${today.between} between tasks, ${today.unpaid} unpaid.`,
    );
  }
  return lines;
}
