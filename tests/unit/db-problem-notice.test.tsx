import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { DbProblemNotice } from '@/components/DbProblemNotice';
import { HeldNotice } from '@/components/HeldNotice';
import { useOpenProblem } from '@/components/use-open-problem';
import { isVersionProblem, OPEN_PROBLEM_KEY, type OpenProblem } from '@/lib/db/open-problem';
import { makeTranslator, type Messages, type Translate } from '@/lib/i18n/translate';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
const held = { events: [{ type: 'tick', at: 1 }, { type: 'tick', at: 2 }, { type: 'tick', at: 3 }], since: Date.UTC(2026, 11, 1, 14, 5), error: 'UpgradeError: could not upgrade', dropped: 0 };
const upgradeFailed: OpenProblem = { kind: 'upgrade-failed', found: 8, wanted: 9, error: 'Error: this task <b>cannot</b> be upgraded', at: Date.UTC(2026, 11, 1, 14, 5) };
const newer: OpenProblem = { kind: 'newer-version', found: 10, wanted: 9, error: 'VersionError: the database is at version 10', at: Date.UTC(2026, 11, 1, 14, 5) };

/** The popup's pairing (entrypoints/popup/App.tsx): the problem, and the held events beside it. */
function Popup({ t, locale }: { t: Translate; locale: string }) {
  const problem = useOpenProblem();
  return (
    <>
      <DbProblemNotice problem={problem} t={t} locale={locale} />
      <HeldNotice t={t} locale={locale} openProblem={isVersionProblem(problem)} />
    </>
  );
}

const show = async (messages: unknown, locale: string) => {
  const t = makeTranslator(messages as Messages);
  await act(() => render(<Popup t={t} locale={locale} />, container));
  await settle();
  return t;
};

describe('the popup says when the database cannot be opened', () => {
  it.each([
    ['en', en, ['could not update your records', '(version 8)', 'Nothing was deleted'], '3 events'],
    ['fr', fr, ['n’a pas pu mettre vos données à jour', '(version 8)', 'Rien n’a été supprimé'], '3 événements'],
  ])('in %s, after a failed upgrade: the records are kept at their version, and the held events are counted without speaking of a full disk', async (locale, messages, words, count) => {
    await browser.storage.local.set({ [OPEN_PROBLEM_KEY]: upgradeFailed, heldEvents: held });
    const t = await show(messages, locale);
    const alerts = container.querySelectorAll('[role="alert"]');
    expect(alerts).toHaveLength(1);
    for (const word of words) expect(alerts[0]?.textContent).toContain(word);
    expect(alerts[0]?.textContent).toContain(t('db_problem_title'));
    // The error is text: its markup is shown, not parsed.
    expect(alerts[0]?.textContent).toContain('<b>cannot</b>');
    expect(container.querySelector('b')).toBeNull();
    const status = container.querySelector('[role="status"]');
    expect(status?.textContent).toContain(count);
    expect(container.textContent).not.toContain(t('popup_held_title'));
    expect(container.textContent).not.toMatch(/disk|disque/);
  });

  it.each([
    ['en', en, 'written by a newer TrueRate (version 10); this one reads up to version 9. Reinstall the newer version'],
    ['fr', fr, 'écrites par un TrueRate plus récent (version 10) ; celui-ci les lit jusqu’à la version 9. Réinstallez la version plus récente'],
  ])('in %s, for a newer database: which version wrote it, which this one reads, and what to do', async (locale, messages, words) => {
    await browser.storage.local.set({ [OPEN_PROBLEM_KEY]: newer });
    await show(messages, locale);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(words);
  });

  it('goes once the database opens, and the held events speak of the refused writes again', async () => {
    await browser.storage.local.set({ [OPEN_PROBLEM_KEY]: upgradeFailed, heldEvents: held });
    const t = await show(en, 'en');
    expect(container.textContent).toContain(t('db_problem_title'));
    await browser.storage.local.remove(OPEN_PROBLEM_KEY);
    await settle();
    expect(container.textContent).not.toContain(t('db_problem_title'));
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(t('popup_held_title'));
  });

  it('says nothing for a stored problem that fails its check', async () => {
    await browser.storage.local.set({ [OPEN_PROBLEM_KEY]: { ...upgradeFailed, kind: 'disk-on-fire' } });
    await show(en, 'en');
    expect(container.innerHTML).toBe('');
  });

  it('says another cause in general words, and leaves the held events’ advice (a full disk may be that cause)', async () => {
    await browser.storage.local.set({ [OPEN_PROBLEM_KEY]: { ...upgradeFailed, kind: 'other', found: 9, error: 'QuotaExceededError: no space' }, heldEvents: held });
    const t = await show(en, 'en');
    const alerts = [...container.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts).toEqual([expect.stringContaining(t('db_problem_unknown')), expect.stringContaining(t('popup_held_title'))]);
    expect(alerts[1]).toContain('free some space');
  });
});
