import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { HeldNotice } from '@/components/HeldNotice';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
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
const held = { events: [{ type: 'tick', at: 1 }, { type: 'tick', at: 2 }, { type: 'tick', at: 3 }], since: Date.UTC(2026, 11, 1, 14, 5), error: 'QuotaExceededError: The quota has been exceeded.', dropped: 0 };

describe('the popup says when the database refuses writes', () => {
  it.each([
    ['en', en, '3 events'],
    ['fr', fr, '3 événements'],
  ])('in %s: since when, why and how many events wait; gone once they are written', async (locale, messages, count) => {
    await browser.storage.local.set({ heldEvents: held });
    const t = makeTranslator(messages as Messages);
    await act(() => render(<HeldNotice t={t} locale={locale} />, container));
    await settle();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(t('popup_held_title'));
    expect(alert?.textContent).toContain('QuotaExceededError');
    expect(alert?.textContent).toContain(count);
    await browser.storage.local.remove('heldEvents');
    await settle();
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows nothing while writes succeed, and says how many events could not be kept', async () => {
    const t = makeTranslator(en as Messages);
    await act(() => render(<HeldNotice t={t} locale="en" />, container));
    await settle();
    expect(container.innerHTML).toBe('');
    await browser.storage.local.set({ heldEvents: { ...held, dropped: 12 } });
    await settle();
    expect(container.textContent).toContain('12 more recent events could not be kept');
  });
});
