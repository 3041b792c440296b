import type { Translate } from './translate';

/**
 * Plural forms for messages.json, which has no plural syntax of its own. A counted message is a
 * family of keys, one per plural category of CLDR: `today_tasks_one`, `today_tasks_other` (and
 * `_zero`, `_two`, `_few`, `_many` for languages that have them). The form is chosen by
 * Intl.PluralRules of the language the strings are shown in, so French says "0 tâche" and
 * "1 tâche" (both "one") where English says "0 tasks" and "1 task".
 *
 * A category a language has no key for falls back to `_other`: French's "many" (a million and up)
 * reads well enough as "other".
 */
const rules = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r;
}

/**
 * The form of `key` for `count` in `locale` (the locale of `t`'s strings). `subs` are the
 * message's substitutions; without them the count, formatted for the locale, is the only one.
 */
export function plural(t: Translate, locale: string, key: string, count: number, subs?: string | string[]): string {
  const filled = subs ?? new Intl.NumberFormat(locale).format(count);
  const exact = `${key}_${rulesFor(locale).select(count)}`;
  const text = t(exact, filled);
  // Both translators (browser.i18n's and makeTranslator) give back the key itself when it is missing.
  return text === exact ? t(`${key}_other`, filled) : text;
}
