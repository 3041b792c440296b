import { describe, expect, it } from 'vitest';
import { plural } from '@/lib/i18n/plural';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

const tEn = makeTranslator(en as Messages);
const tFr = makeTranslator(fr as Messages);

describe('plural: the form chosen by Intl.PluralRules of the strings’ language', () => {
  it.each([
    // English: "one" is 1 only.
    ['en', 0, tEn, '0 tasks'],
    ['en', 1, tEn, '1 task'],
    ['en', 2, tEn, '2 tasks'],
    ['en', 1234, tEn, '1,234 tasks'],
    // French: "one" is 0 and 1.
    ['fr', 0, tFr, '0 tâche'],
    ['fr', 1, tFr, '1 tâche'],
    ['fr', 2, tFr, '2 tâches'],
    // French "many" (a million and up) has no key of its own: it falls back to "other".
    ['fr', 1_000_000, tFr, '1\u202f000\u202f000 tâches'],
  ] as const)('today_tasks in %s, %i', (locale, count, t, text) => {
    expect(plural(t, locale, 'today_tasks', count)).toBe(text);
  });

  it.each([
    ['en', 0, tEn, 'An amount per hour such as 12.40, with at most 0 digits after the decimal point.'],
    ['en', 1, tEn, 'An amount per hour such as 12.40, with at most 1 digit after the decimal point.'],
    ['en', 2, tEn, 'An amount per hour such as 12.40, with at most 2 digits after the decimal point.'],
    ['fr', 0, tFr, 'Un montant par heure comme 12,40, avec au plus 0 chiffre après la virgule.'],
    ['fr', 1, tFr, 'Un montant par heure comme 12,40, avec au plus 1 chiffre après la virgule.'],
    ['fr', 2, tFr, 'Un montant par heure comme 12,40, avec au plus 2 chiffres après la virgule.'],
  ] as const)('settings_errAmount, with the substitutions given (%s, %i)', (locale, digits, t, text) => {
    expect(plural(t, locale, 'settings_errAmount', digits, [String(digits)])).toBe(text);
  });

  it.each([
    ['en', 0, tEn, 'Not saved: 0 fields to correct, marked above.'],
    ['en', 1, tEn, 'Not saved: 1 field to correct, marked above.'],
    ['en', 2, tEn, 'Not saved: 2 fields to correct, marked above.'],
    ['fr', 0, tFr, 'Non enregistré : 0 champ à corriger, signalé ci-dessus.'],
    ['fr', 1, tFr, 'Non enregistré : 1 champ à corriger, signalé ci-dessus.'],
    ['fr', 2, tFr, 'Non enregistré : 2 champs à corriger, signalés ci-dessus.'],
  ] as const)('settings_notSavedInvalid (%s, %i)', (locale, count, t, text) => {
    expect(plural(t, locale, 'settings_notSavedInvalid', count)).toBe(text);
  });

  it('with several substitutions, and a missing family shows its key as any missing string does', () => {
    expect(plural(tEn, 'en', 'dash_card_title', 1, ['USD', '1'])).toBe('USD · 1 task');
    expect(plural(tFr, 'fr', 'dash_card_title', 3, ['EUR', '3'])).toBe('EUR · 3 tâches');
    expect(plural(tEn, 'en', 'no_such_family', 2)).toBe('no_such_family_other');
  });
});
