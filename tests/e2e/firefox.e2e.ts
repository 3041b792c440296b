import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { startFixtureServer, type FixtureServer } from '../../demo/server';
import { platformOfUrl } from '../../lib/platforms/hosts';
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

// WXT's content-script context announces itself to the page with this window message; recording
// it tells "the content script never ran" apart from "it ran but nothing was stored".
const RECORD_CONTENT_SCRIPTS = `() => {
  window.__e2eContentScripts = [];
  window.addEventListener('message', (event) => {
    if (event.data?.type === 'wxt:content-script-started') {
      window.__e2eContentScripts.push(String(event.data.contentScriptName));
    }
  });
}`;

const fixtures = loadFixtures();
const working = fixtures.find((f) => f.platform === 'mturk' && f.kind === 'working');

let server: FixtureServer | undefined;
let firefox: Firefox | undefined;
let pageTab = '';
let popupTab = '';

function browser(): Firefox {
  if (!firefox) throw new Error('Firefox did not start (see the beforeAll error)');
  return firefox;
}

/** Loads the popup afresh (it reads the database once, on open) and returns what it lists. */
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

async function pageTitle(context: string): Promise<string> {
  return browser().evaluate<string>(context, 'document.title');
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
      await server?.close();
    }
  });

  it('lists the task of an accepted MTurk HIT in the popup', async () => {
    if (!working) throw new Error('no MTurk fixture of kind "working" in tests/fixtures');
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
    const hosts = (server?.hosts ?? []).filter((host) => platformOfUrl(`https://${host}/`) === null);
    // A guard against an empty loop passing for nothing.
    expect(hosts).toContain('example-survey.test');

    await ff.activate(pageTab);
    for (const host of hosts) {
      // The host's own fixture where there is one (an MTurk task frame opened as a page), else `/`.
      const url = fixtures.find((f) => f.url.hostname === host)?.url.href ?? `https://${host}/`;
      await ff.navigate(pageTab, url);
      expect(await ff.evaluate<string>(pageTab, 'location.href')).toBe(url);
      expect(await ff.evaluate<string[]>(pageTab, 'window.__e2eContentScripts ?? []')).toEqual([]);
    }
    expect(await pageTitle(pageTab)).not.toMatch(/problem loading|server not found/i);

    await ff.activate(popupTab);
    const tasks = await popupTasks();
    expect(tasks.map((t) => t.title)).toEqual([TITLE]);
  });
});
