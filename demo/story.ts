import type { FrameLocator, Page, Worker } from 'playwright-core';
import type { ChromiumSession } from '../tests/e2e/support/chromium';
import { formatDuration, formatMoney } from '../lib/format';
import { activeMsOf, readDb, type DbTask } from '../tests/e2e/support/extension-db';
import { loadFixtures } from './fixtures';
import { counted } from './words';

/**
 * The demo's story, acted on the demo platform through the real extension: every record comes
 * from pages and input, nothing is written to the database by hand. A worker accepts a 20-second
 * receipt HIT from the MTurk list, works it for about half a minute, submits it and sees it
 * approved on the status page; then accepts a survey, starts it and returns it. The HITs are
 * the fixtures named below (tests/fixtures/mturk/).
 */
const RECEIPT = fixture('working-receipt-total.html');
const SURVEY = fixture('working-iframe-external-url.html');
const LIST = 'https://worker.mturk.com/';
const STATUS = fixture('status-details-receipt-total.html');

export interface StoryOptions {
  /** Multiplies every pause: 1 is a believable pace, less only proves the steps work. */
  pace: number;
  /** One line per step, as it happens. */
  say: (line: string) => void;
}

export async function actStory(chrome: ChromiumSession, { pace, say }: StoryOptions): Promise<Page> {
  const page = await chrome.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  const wait = (ms: number) => page.waitForTimeout(Math.round(ms * pace));
  const recorded = (externalId: string, status: string) => taskIn(chrome, `mturk:${externalId}`, status);
  let step = 0;
  const tell = (line: string) => say(`${String(++step).padStart(3)}. ${line}`);

  await page.goto(LIST);
  const offers = await page.locator('.table-row').count();
  await wait(2500);
  tell(`Opens the HIT list on worker.mturk.com (${counted(offers, 'HIT group', 'HIT groups')}).`);

  // The receipt HIT: preview, Accept, about half a minute of reading and typing, Submit.
  await page.locator(`.project-name-column a[href*="/projects/${RECEIPT.groupId}/"]`).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/projects/${RECEIPT.groupId}/tasks/`));
  await page.mouse.move(550, 120);
  await page.mouse.wheel(0, 120);
  await wait(3000);
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL((url) => url.searchParams.get('assignment_id') === RECEIPT.externalId);
  const receipt = await recorded(RECEIPT.externalId, 'accepted');
  tell(`Previews "${receipt.title}" (${receipt.money}, ${receipt.requester}) and accepts it. TrueRate: accepted, timing it.`);

  const frame = page.frameLocator('iframe.embed-responsive-item');
  await readSlowly(page, 11_000 * pace);
  await typeSlowly(frame, 'input[name="store"]', 'Corner Market');
  await readSlowly(page, 10_000 * pace);
  await typeSlowly(frame, 'input[name="total"]', '12.47');
  // Checks both answers against the receipt before sending them.
  await readSlowly(page, 9_000 * pace);
  await frame.getByRole('button', { name: 'Submit' }).click();
  const submitted = await recorded(RECEIPT.externalId, 'submitted');
  tell(`Reads the receipt, types the store name and the total, and submits. TrueRate: submitted after ${formatDuration(submitted.activeMs)} of active time.`);
  await wait(1500);

  await page.goto(STATUS.url);
  await wait(2500);
  await recorded(RECEIPT.externalId, 'approved');
  tell(`Opens the status page (${await page.locator('h1').innerText()}): the HIT is Approved. TrueRate: approved.`);

  // The survey: accepted from the list, started, returned once it asks for more than it pays for.
  await page.goto(LIST);
  await wait(1500);
  await page.locator(`.project-name-column a[href*="/projects/${SURVEY.groupId}/"]`).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/projects/${SURVEY.groupId}/tasks/`));
  await wait(2500);
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL((url) => url.searchParams.get('assignment_id') === SURVEY.externalId);
  const survey = await recorded(SURVEY.externalId, 'accepted');
  tell(`Accepts "${survey.title}" (${survey.money}, ${survey.requester}). TrueRate: accepted, timing it.`);

  const form = page.frameLocator('iframe.embed-responsive-item');
  await wait(2500);
  await form.getByLabel('Bus or tram').check();
  await typeSlowly(form, 'input[name="minutes"]', '35');
  await wait(4000);
  await page.getByRole('button', { name: 'Return' }).click();
  await page.waitForURL((url) => url.pathname === '/projects');
  const returned = await recorded(SURVEY.externalId, 'returned');
  tell(`Answers two questions, then reads that part 2 wants a phone app with location sharing for 7 days, and returns the HIT. TrueRate: returned after ${formatDuration(returned.activeMs)}.`);
  await wait(1500);
  return page;
}

/** Reading: the mouse over the task frame, a small scroll now and then, for about `ms`. */
async function readSlowly(page: Page, ms: number): Promise<void> {
  await page.mouse.move(400, 420);
  const end = Date.now() + ms;
  for (let i = 0; Date.now() < end; i++) {
    await page.mouse.wheel(0, i % 4 === 3 ? -90 : 60);
    await page.waitForTimeout(Math.min(1200, Math.max(0, end - Date.now())));
  }
}

async function typeSlowly(frame: FrameLocator, selector: string, text: string): Promise<void> {
  const field = frame.locator(selector);
  await field.click();
  await field.pressSequentially(text, { delay: 170 });
}

interface Seen {
  title: string;
  requester: string;
  money: string;
  activeMs: number;
}

/** Waits until TrueRate's own database has the task in `status`: each step is its record. */
async function taskIn(chrome: ChromiumSession, id: string, status: string): Promise<Seen> {
  const deadline = Date.now() + 15_000;
  let last: DbTask | undefined;
  while (Date.now() < deadline) {
    const db = await readDb(worker(chrome)).catch(() => undefined);
    last = db?.tasks.find((t) => t.id === id);
    if (db && last?.status === status) {
      return {
        title: last.title ?? '(no title)',
        requester: last.requesterName ?? '(no requester)',
        money: last.reward ? formatMoney(last.reward, 'en-US') : 'no reward read',
        activeMs: activeMsOf(db, id),
      };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`TrueRate did not record ${id} as ${status} within 15 s (last seen: ${last?.status ?? 'not at all'})`);
}

/** The extension's service worker now: Chromium may have replaced the one seen at launch. */
function worker(chrome: ChromiumSession): Worker {
  return chrome.context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ?? chrome.serviceWorker;
}

function fixture(file: string): { url: string; groupId: string; externalId: string } {
  const found = loadFixtures().find((f) => f.file.endsWith(`/mturk/${file}`));
  if (!found) throw new Error(`tests/fixtures/mturk/${file} is missing: the demo's story needs it`);
  const expected = found.expect ?? {};
  return { url: found.url.href, groupId: String(expected.groupId ?? ''), externalId: String(expected.externalId ?? '') };
}
