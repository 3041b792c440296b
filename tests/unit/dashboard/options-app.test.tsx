import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { getDb } from '@/lib/db/database';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { makeTask } from './make-task';

// The shell's strings come from the real messages.json (the fake browser has no i18n): English
// unless a test asks for French.
const language = vi.hoisted(() => ({ code: 'en' as 'en' | 'fr' }));
vi.mock('@/components/i18n', () => ({
  loadStrings: async () => {
    const messages = JSON.parse(readFileSync(`public/_locales/${language.code}/messages.json`, 'utf8')) as Messages;
    return { t: makeTranslator(messages), locale: language.code === 'en' ? 'en-US' : 'fr' };
  },
}));

const { App } = await import('@/entrypoints/options/App');

let root: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
  await getDb().tasks.clear();
});
afterEach(() => {
  render(null, root);
  root.remove();
  location.hash = '';
  language.code = 'en';
});

describe('options page shell', () => {
  it('opens the tab named in the hash, with a real tablist, the language and the title', async () => {
    await getDb().tasks.bulkPut(Array.from({ length: 30 }, (_, n) => makeTask(n)));
    location.hash = '#history';
    render(<App />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('tr[data-task-id]').length).toBeGreaterThan(5), { timeout: 3000 });
    const tabs = [...root.querySelectorAll<HTMLAnchorElement>('[role="tablist"] [role="tab"]')];
    expect(tabs.map((tab) => tab.getAttribute('href'))).toEqual(['#overview', '#history', '#requesters', '#sharing', '#settings', '#data']);
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false', 'false', 'false']);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([-1, 0, -1, -1, -1, -1]);
    const panel = root.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[1]?.id);
    expect(root.querySelector('.history-count')?.textContent).toBe('30 of 30 tasks');
    expect(document.documentElement.lang).toBe('en-US');
    expect(document.title).toBe('History — TrueRate');

    // Arrow keys move along the tablist and follow the link.
    tabs[1]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(location.hash).toBe('#requesters');
    await vi.waitFor(() => expect(root.querySelector('.groups')).not.toBeNull());

    // Picking a row in the history opens the task's own address.
    location.hash = '#history';
    await vi.waitFor(() => expect(root.querySelector('tr[data-task-id]')).not.toBeNull());
    root.querySelector<HTMLElement>('tr[data-task-id="mturk:A000003"]')?.click();
    expect(location.hash).toBe('#task/mturk%3AA000003');
  });

  it('reports stored settings that are not valid, and says what to do with no tasks', async () => {
    await browser.storage.local.set({ settings: { idleThresholdS: 1 } });
    location.hash = '#overview';
    render(<App />, root);
    await vi.waitFor(() => expect(root.querySelector('.notice[role="alert"]')).not.toBeNull(), { timeout: 3000 });
    expect(root.querySelector('.notice')?.textContent).toContain('idleThresholdS');
    await vi.waitFor(() => expect(root.querySelector('.empty-state')?.textContent).toContain('start the manual timer from the popup'));
    expect(document.title).toBe('Overview — TrueRate');
  });
});

describe('options page shell: counts in the plural form of the language', () => {
  // The real strings, not the keys: a call site back on t() with a fixed plural reads the bare
  // key, which no longer exists, or "1 tasks".
  it.each([
    ['en', 0, '0 tasks read in', null],
    ['en', 1, '1 task read in', '1 of 1 task'],
    ['en', 2, '2 tasks read in', '2 of 2 tasks'],
    ['fr', 0, '0 tâche lue en', null],
    ['fr', 1, '1 tâche lue en', '1 sur 1 tâche'],
    ['fr', 2, '2 tâches lues en', '2 sur 2 tâches'],
  ] as const)('the header says how many tasks were read, the history how many it shows (%s, %i)', async (code, count, read, shown) => {
    language.code = code;
    await getDb().tasks.bulkPut(Array.from({ length: count }, (_, n) => makeTask(n)));
    location.hash = '#history';
    render(<App />, root);
    await vi.waitFor(() => expect(root.querySelector('.load-figure')).not.toBeNull(), { timeout: 3000 });
    expect(root.querySelector('.load-figure')?.textContent).toMatch(new RegExp(`^${read} [\\d\\s,]+ ms$`));
    if (shown === null) expect(root.querySelector('.history-count')).toBeNull();
    else await vi.waitFor(() => expect(root.querySelector('.history-count')?.textContent).toBe(shown));
  });
});
