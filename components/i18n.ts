import { browser } from 'wxt/browser';
import { makeTranslator, type Messages, type Translate } from '@/lib/i18n/translate';
import type { Language } from '@/lib/settings';

/**
 * Visible strings come from public/_locales (en, fr). A missing key shows the key itself, so a
 * forgotten translation is visible in screenshots instead of an empty gap.
 */
export function t(key: string, substitutions?: string | string[]): string {
  // Keys are built at run time (`status_${status}`), so the typed key union is widened here.
  type Key = Parameters<typeof browser.i18n.getMessage>[0];
  const message = browser.i18n.getMessage(key as Key, substitutions);
  return message === '' ? key : message;
}

/**
 * The locale the strings are shown in, so numbers and dates match the words around them. Each
 * messages.json names its own language in "locale": `@@ui_locale` and getUILanguage() can disagree
 * with the file Chrome actually picked (headless Chromium with --lang=fr says "en_US").
 */
export function uiLocale(): string {
  return browser.i18n.getMessage('locale') || browser.i18n.getUILanguage();
}

export interface Strings {
  t: Translate;
  /** BCP 47 locale for Intl (numbers, money, dates), matching the language of `t`. */
  locale: string;
}

/**
 * The strings in the worker's chosen language. "auto" is the browser's own (browser.i18n); "en" or
 * "fr" reads that messages.json from the extension package itself.
 */
export async function loadStrings(language: Language): Promise<Strings> {
  if (language === 'auto') return { t, locale: uiLocale() };
  try {
    const response = await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json`));
    const messages = (await response.json()) as Messages;
    const translate = makeTranslator(messages);
    return { t: translate, locale: translate('locale') };
  } catch (error) {
    console.warn('TrueRate: could not load the chosen language, using the browser’s', error);
    return { t, locale: uiLocale() };
  }
}
