import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { platformOfUrl } from '../../lib/platforms';
import { launchFirefox, poll, type Firefox } from './support/firefox';
import { artifactPath, FIREFOX_DIST } from './support/paths';

/**
 * The built Firefox add-on against the fixture pages: a page read on an accepted MTurk task shows
 * up in the popup, and pages on other hosts add nothing. All traffic goes through the fixture
 * server's proxy, which refuses every host it does not serve.
 */

const TITLE = 'Transcribe a shopping receipt (~3 min) & "check" totals';

interface ListedTask {
  title: string | null;
  reward: string | null;
  requester: string | null;
}

const LISTED_TASKS = `[...document.querySelectorAll('li.task')].map((li) => ({
  title: li.querySelector('.task-title')?.textContent ?? null,
  reward: li.querySelector('.task-reward')?.textContent ?? null,
  requester: li.querySelector('.task-requester')?.textContent ?? null,
}))`;

// WXT's content-script context announces itself to the page with a window message (type
// "<extension id>:<script>:wxt:content-script-started"); recording it tells "the content script
// never ran" apart from "it ran but nothing was stored".
const RECORD_CONTENT_SCRIPTS = `() => {
  window.__e2eContentScripts = [];
  window.addEventListener('message', (event) => {
    if (String(event.data?.type).endsWith('wxt:content-script-started')) {
      window.__e2eContentScripts.push(String(event.data.contentScriptName));
    }
  });
}`;

const fixtures = loadFixtures();
const working = fixtures.find(
  (f) => f.file.endsWith('working-html-question.html') && f.platform === 'mturk' && f.kind === 'working',
);

let server: FixtureServer | undefined;
let firefox: Firefox | undefined;
let pageTab = '';
let popupTab = '';

function browser(): Firefox {
  if (!firefox) throw new Error('Firefox did not start (see the beforeAll error)');
  return firefox;
}

/** `work`, or an error naming `what` after `ms`: a hang in teardown should say what hung. */
async function within(ms: number, what: string, work: Promise<void> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  await Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the popup afresh (so nothing rests on its own refresh timer) and returns what it lists. */
async function popupTasks(): Promise<ListedTask[]> {
  const ff = browser();
  await ff.navigate(popupTab, ff.extensionUrl('popup.html'));
  await ff.waitFor(popupTab, `document.querySelector('main.popup[aria-busy="false"]')`);
  const error = await ff.evaluate<string | null>(
    popupTab,
    `document.querySelector('.popup .error')?.textContent ?? null`,
  );
  if (error !== null) throw new Error(`the popup shows an error: ${error}`);
  return ff.evaluate<ListedTask[]>(popupTab, LISTED_TASKS);
}

describe('Firefox: built extension on fixture pages', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    firefox = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort });
    await firefox.addPreloadScript(RECORD_CONTENT_SCRIPTS);
    pageTab = await firefox.newTab();
    popupTab = await firefox.newTab();
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await within(10_000, 'the fixture server to close (an open CONNECT tunnel?)', server?.close());
    }
  });

  it('lists the task of an accepted MTurk HIT in the popup', async () => {
    if (!working) throw new Error('tests/fixtures/mturk/working-html-question.html (kind "working") is missing');
    const ff = browser();
    await ff.activate(pageTab);
    await ff.navigate(pageTab, working.url.href);
    // The fixture itself, through the proxy, not an error page.
    expect(
      await ff.evaluate<string | null>(pageTab, `document.querySelector('.task-project-title')?.textContent ?? null`),
    ).toBe(TITLE);

    await ff.activate(popupTab);
    let tasks: ListedTask[];
    try {
      tasks = await poll('the popup to list a task', async () => {
        const listed = await popupTasks();
        return listed.length > 0 ? listed : undefined;
      }, 20_000, 250);
    } catch (error) {
      const ran = await ff.evaluate<string[]>(pageTab, 'window.__e2eContentScripts ?? []');
      throw new Error(
        `${(error as Error).message}; content scripts started on the MTurk page: [${ran.join(', ')}]`,
      );
    }
    await ff.screenshot(popupTab, artifactPath('firefox-popup.png'));

    expect(tasks).toEqual([{ title: TITLE, reward: '$0.35', requester: 'Receipt Research Lab' }]);
  });

  it('records no task from pages that are not platform pages', async () => {
    const ff = browser();
    const isPlatform = (url: string) => platformOfUrl(url) !== null;
    // Each served host that is not a platform's, plus the fixtures that look like tasks but live
    // off-platform (MTurk task frames opened on their own, a Prolific survey tab).
    const urls = [
      ...(server?.hosts ?? []).map((host) => `https://${host}/`),
      ...fixtures.map((f) => f.url.href),
    ].filter((url) => !isPlatform(url));
    // Guards against an empty loop passing for nothing.
    expect(urls).toContain('https://example-survey.test/');

    await ff.activate(pageTab);
    for (const url of urls) {
      await ff.navigate(pageTab, url);
      // Served through the proxy (a fixture or the server's 404 page): a Firefox error page would
      // keep location.href but have an about:neterror documentURI.
      expect(await ff.evaluate<string>(pageTab, 'location.href')).toBe(url);
      expect(await ff.evaluate<string>(pageTab, 'document.documentURI')).toBe(url);
    }

    await ff.activate(popupTab);
    const tasks = await popupTasks();
    expect(tasks.map((t) => t.title)).toEqual([TITLE]);
  });
});
