import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { SettingsPanel } from '@/components/options/SettingsPanel';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '@/lib/settings';
import { readTrackerState } from '@/lib/db/tracker-state';
import { initialState } from '@/lib/tracking/state';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

// The panel reads the tracker from the extension's one database; each test gets a fresh one.
let db: TrueRateDb;
vi.mock('@/lib/db/database', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/db/database')>();
  return { ...original, getDb: () => db };
});

const t = makeTranslator(en as Messages);
let container: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`test-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  render(null, container);
  container.remove();
  await db.delete();
});

async function mount(settingsRead = parseSettings(undefined), translate = t, locale = 'en') {
  const saved: Settings[] = [];
  await act(() => {
    render(
      <SettingsPanel t={translate} locale={locale} settingsRead={settingsRead} onSaved={(s) => saved.push(s)} />,
      container,
    );
  });
  return saved;
}

/** Lets Dexie and storage promises settle, then re-checks, for up to a second. */
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
  }
  expect(check()).toBe(true);
}

function byLabel<T extends HTMLElement = HTMLInputElement>(text: string): T {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(text));
  if (!label) throw new Error(`no label "${text}"`);
  const control = label.htmlFor ? container.querySelector(`#${label.htmlFor}`) : label.querySelector('input');
  if (!control) throw new Error(`label "${text}" names no control`);
  return control as T;
}

async function type(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(element: HTMLElement) {
  await act(() => {
    element.click();
  });
}

async function submit() {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === t('settings_save'));
  if (!button) throw new Error('no Save button');
  await click(button);
}

const stored = async () => (await browser.storage.local.get('settings')).settings as unknown;
const statusText = () => container.querySelector('[aria-live="polite"]')?.textContent ?? '';

describe('SettingsPanel', () => {
  it('shows invalid stored settings and leaves them untouched until Save', async () => {
    const broken = { idleThresholdS: 1, idleThresholdByPlatform: {}, language: 'de', platformsOff: ['toloka'], mediaLimitS: 600 };
    await browser.storage.local.set({ settings: broken });
    const read = parseSettings(broken);
    const saved = await mount(read);

    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(t('settings_storedKept'));
    expect(alert?.textContent).toContain('idleThresholdS');
    expect(alert?.textContent).toContain('language');
    // The fields repaired are named as the form names them; nothing else is.
    expect([...container.querySelectorAll('.settings-repaired li')].map((li) => li.textContent)).toEqual([t('settings_idleThreshold'), t('settings_language')]);
    // The form shows the defaults that apply meanwhile for those, the worker's own values elsewhere.
    expect(byLabel(t('settings_idleThreshold')).value).toBe(String(DEFAULT_SETTINGS.idleThresholdS));
    expect(byLabel(t('settings_mediaLimit')).value).toBe('600');

    // Editing, and even changing the language, does not write over the stored object.
    await type(byLabel(t('settings_idleThreshold')), '45');
    const language = container.querySelector<HTMLSelectElement>('#settings-language')!;
    await act(() => {
      language.value = 'fr';
      language.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
    expect(await stored()).toEqual(broken);
    expect(saved).toEqual([]);

    await submit();
    const expected: Settings = { ...DEFAULT_SETTINGS, idleThresholdS: 45, language: 'fr', platformsOff: ['toloka'], mediaLimitS: 600 };
    await until(() => saved.length === 1);
    expect(await stored()).toEqual(expected);
    expect(saved).toEqual([expected]);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(statusText()).toBe(t('settings_saved'));
  });

  it('refuses to save an invalid field and says why next to it', async () => {
    const saved = await mount();
    const idle = byLabel(t('settings_idleThreshold'));
    await type(idle, '2');
    await submit();

    expect(idle.getAttribute('aria-invalid')).toBe('true');
    const describedBy = idle.getAttribute('aria-describedby')?.split(' ') ?? [];
    const messages = describedBy.map((id) => container.querySelector(`#${id}`)?.textContent);
    expect(messages).toContain(t('settings_errSeconds', ['5', '3600']));
    expect(messages).toContain(t('settings_idleHint'));
    expect(document.activeElement).toBe(idle);
    expect(statusText()).toBe(t('settings_notSavedInvalid_one', '1'));
    expect(await stored()).toBeUndefined();
    expect(saved).toEqual([]);

    // Correcting the field clears its message; saving then goes through.
    await type(idle, '20');
    expect(idle.getAttribute('aria-invalid')).toBeNull();
    await submit();
    await until(() => saved.length === 1);
    expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, idleThresholdS: 20 });
  });

  it.each([
    ['en', en, 'Not saved: 2 fields to correct, marked above.', 'with at most 0 digits after'],
    ['fr', fr, 'Non enregistré : 2 champs à corriger, signalés ci-dessus.', 'avec au plus 0 chiffre après'],
  ] as const)('counts the fields to correct, and the digits a currency allows, in the plural of the language (%s)', async (locale, messages, status, digits) => {
    const translate = makeTranslator(messages as Messages);
    const settings: Settings = { ...DEFAULT_SETTINGS, minHourlyMinor: { JPY: 1500 } };
    await mount(parseSettings(settings), translate, locale);
    await type(byLabel(translate('settings_idleThreshold')), '2');
    await type(container.querySelector<HTMLInputElement>('#settings-rate-0-amount')!, '15.5');
    const save = [...container.querySelectorAll('button')].find((b) => b.textContent === translate('settings_save'))!;
    await click(save);
    expect(statusText()).toBe(status);
    expect(container.textContent).toContain(digits);
  });

  it('writes every section to storage.local on Save', async () => {
    const saved = await mount();
    await type(byLabel(t('settings_idleThreshold')), '90');

    // Prolific gets its own threshold; the others stay "same as global".
    const prolificRow = [...container.querySelectorAll('.settings-platform-idle li')].find((li) =>
      li.textContent?.startsWith(t('platform_prolific')),
    )!;
    await click(prolificRow.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    const prolificIdle = byLabel(t('settings_idleFor', t('platform_prolific')));
    expect(prolificIdle.value).toBe('90');
    await type(prolificIdle, '240');

    const addRate = [...container.querySelectorAll('button')].find((b) => b.textContent === t('settings_addRate'))!;
    await click(addRate);
    await type(byLabel(t('settings_currency')), 'usd');
    await type(byLabel(t('settings_amountPerHour')), '12.5');
    expect(container.querySelector('.settings-rate-shown')?.textContent).toBe('$12.50/h');

    await type(byLabel(t('settings_longerRatio')), '2');
    await type(byLabel(t('settings_groupMinN')), '4');
    await type(byLabel(t('settings_unpaidMinS')), '10');
    await type(byLabel(t('settings_mediaLimit')), '420');
    const toloka = container.querySelector<HTMLInputElement>('input[name="platform"][value="toloka"]')!;
    await click(toloka);
    const prolificBadges = container.querySelector<HTMLInputElement>('input[name="badges"][value="prolific"]')!;
    expect(prolificBadges.checked).toBe(true);
    expect(prolificBadges.closest('fieldset')?.querySelector('legend')?.textContent).toBe(t('settings_badgesSection'));
    await click(prolificBadges);

    await submit();
    const expected: Settings = {
      idleThresholdS: 90,
      idleThresholdByPlatform: { prolific: 240 },
      minHourlyMinor: { USD: 1250 },
      flagThresholds: { longerRatio: 2, groupMinN: 4, unpaidMinS: 10 },
      platformsOff: ['toloka'],
      mediaLimitS: 420,
      language: 'auto',
      badgesOff: ['prolific'],
    };
    await until(() => saved.length === 1);
    expect(await stored()).toEqual(expected);
    expect(saved).toEqual([expected]);
    expect(statusText()).toBe(t('settings_saved'));
  });

  it('applies and saves a language change at once when the stored settings are valid', async () => {
    const current: Settings = { ...DEFAULT_SETTINGS, idleThresholdS: 30 };
    await browser.storage.local.set({ settings: current });
    const saved = await mount(parseSettings(current));
    // An unsaved edit elsewhere is not written along with the language.
    await type(byLabel(t('settings_idleThreshold')), '99');
    const language = container.querySelector<HTMLSelectElement>('#settings-language')!;
    expect([...language.options].map((o) => o.textContent)).toEqual(['Browser default', 'English', 'Français']);
    await act(() => {
      language.value = 'fr';
      language.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => saved.length === 1);
    expect(saved[0]).toEqual({ ...current, language: 'fr' });
    expect(await stored()).toEqual({ ...current, language: 'fr' });
  });

  it('pauses and resumes tracking through the background and shows the tracker’s state', async () => {
    await db.tracker.put({ key: 'state', state: initialState() });
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      received.push(message);
      const paused = (message as { type: string }).type === 'tracking/pause';
      const state = await readTrackerState(db);
      await db.tracker.put({ key: 'state', state: { ...state, paused } });
      return { type: 'ok' };
    });
    await mount();
    const state = () => container.querySelector('.settings-tracking-state')?.textContent;
    await until(() => state() === t('settings_trackingOn'));

    const button = () => container.querySelector<HTMLButtonElement>('.settings-tracking button')!;
    expect(button().textContent).toBe(t('settings_pause'));
    await click(button());
    await until(() => state() === t('settings_trackingPaused'));
    expect(button().textContent).toBe(t('settings_resume'));
    await click(button());
    await until(() => state() === t('settings_trackingOn'));
    expect(received).toEqual([{ type: 'tracking/pause' }, { type: 'tracking/resume' }]);
  });

  it('labels every control', async () => {
    await mount();
    const addRate = [...container.querySelectorAll('button')].find((b) => b.textContent === t('settings_addRate'))!;
    await click(addRate);
    for (const control of container.querySelectorAll<HTMLElement>('input, select')) {
      const labelled =
        control.closest('label') !== null || (control.id !== '' && container.querySelector(`label[for="${control.id}"]`) !== null);
      expect(labelled, control.outerHTML).toBe(true);
    }
    // Every string the panel shows exists in English and French.
    const ours = (messages: object) => Object.keys(messages).filter((k) => k.startsWith('settings_')).sort();
    expect(ours(fr)).toEqual(ours(en));
    expect(ours(en).length).toBeGreaterThan(40);
  });

  it('shows no untranslated key in French, with French decimals in the form', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, minHourlyMinor: { EUR: 1050 } };
    await mount(parseSettings(settings), makeTranslator(fr as Messages), 'fr');
    await until(() => !container.textContent?.includes('…'));
    expect(container.textContent).not.toMatch(/settings_|platform_/);
    expect(container.querySelector('legend')?.textContent).toBe('Temps');
    expect(container.querySelector<HTMLInputElement>('#settings-rate-0-amount')?.value).toBe('10,50');
    expect(container.querySelector('.settings-rate-shown')?.textContent?.replace(/\s/g, ' ')).toBe('10,50 €/h');
    expect(container.querySelector<HTMLInputElement>('#settings-longerRatio')?.value).toBe('1,5');
  });
});
