import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { activeMsOf, READ_DB, readTablesExpression, type DbSnapshot } from './support/extension-db';
import { launchFirefox, poll, type Firefox } from './support/firefox';
import { FIREFOX_DIST } from './support/paths';

const TASK = 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const PREVIEW = 'https://worker.mturk.com/projects/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?ref=w_pl_prvw';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The MTurk life in Firefox ESR: list -> preview -> Accept -> work -> the task frame
 * submits to externalSubmit -> the status page says approved. BiDi key input does not reach a
 * field inside the cross-origin task frame here (tried: script focus, pointer at the frame's
 * coordinates), so the worker's keys go to the task page itself, which counts the same (attention
 * is per tab), and the frame's form is submitted with requestSubmit() in the frame's own context:
 * a submit the browser fires itself, trusted, as a click on Submit would.
 */
describe('Firefox: an MTurk HIT from the list to approved', () => {
  let server: FixtureServer;
  let ff: Firefox;
  let dbTab = '';
  let tab = '';

  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort });
    dbTab = await ff.newTab();
    await ff.navigate(dbTab, ff.extensionUrl('popup.html'));
    tab = await ff.newTab();
    await ff.activate(tab);
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  const snapshot = () => ff.evaluate<DbSnapshot>(dbTab, READ_DB);
  const statusOf = async () => (await snapshot()).tasks.find((t) => t.id === TASK)?.status;

  it('ends with the right task, state, reward and time in IndexedDB', async () => {
    await ff.navigate(tab, 'https://worker.mturk.com/projects');
    const offers = () => ff.evaluate<{ offers: unknown[] }>(dbTab, readTablesExpression(['offers']));
    await poll('the list’s 3 offers', async () => ((await offers()).offers.length === 3 ? true : undefined), 10_000, 250);

    await ff.navigate(tab, PREVIEW);
    await ff.evaluate(tab, `document.querySelector('form[action$="/accept"]').requestSubmit()`);
    await ff.waitFor(tab, `location.search.includes('assignment_id=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P')`);
    await poll('the accepted task', async () => ((await statusOf()) === 'accepted' ? true : undefined), 10_000, 250);

    const started = Date.now();
    while (Date.now() - started < 3000) {
      await ff.pressKey(tab, 'm');
      await sleep(200);
    }
    const frame = (await ff.frames(tab)).find((f) => f.url.includes('mturkcontent.com/dynamic/hit'));
    expect(frame, 'the task frame').toBeDefined();
    if (!frame) return;
    await ff.evaluate(frame.context, `(() => {
      const form = document.querySelector('form');
      form.querySelector('input[name="total"]').value = '4.20';
      form.requestSubmit();
    })()`);
    await poll('the task submitted', async () => ((await statusOf()) === 'submitted' ? true : undefined), 10_000, 250);

    await ff.navigate(tab, 'https://worker.mturk.com/status_details/2026-11-29');
    await poll('the task approved', async () => ((await statusOf()) === 'approved' ? true : undefined), 10_000, 250);
    const db = await snapshot();
    expect(db.tasks.find((t) => t.id === TASK)).toMatchObject({
      title: 'Transcribe a shopping receipt (~3 min) & "check" totals',
      reward: { amountMinor: 35, currency: 'USD' },
      status: 'approved',
    });
    expect(activeMsOf(db, TASK)).toBeGreaterThanOrEqual(2500);
  });
});
