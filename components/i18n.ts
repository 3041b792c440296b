import { browser } from 'wxt/browser';

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
