import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';

const read = (lang: string): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', lang, 'messages.json'), 'utf8'));
const en = read('en');
const fr = read('fr');

describe('strings in English and French', () => {
  it('have the same keys: no visible string is left untranslated', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have the same placeholders, declare each one they use, and no empty text', () => {
    const problems: string[] = [];
    const names = (m: Messages[string] | undefined) => Object.keys(m?.placeholders ?? {}).sort().join(',');
    for (const key of Object.keys(en)) {
      if (!en[key]?.message.trim() || !fr[key]?.message.trim()) problems.push(`${key}: empty`);
      if (names(fr[key]) !== names(en[key])) problems.push(`${key}: placeholders ${names(en[key])} vs ${names(fr[key])}`);
      for (const [lang, entry] of [['en', en[key]], ['fr', fr[key]]] as const) {
        for (const [, name] of entry?.message.matchAll(/\$([A-Za-z0-9_]+)\$/g) ?? []) {
          if (!Object.keys(entry?.placeholders ?? {}).includes(name?.toLowerCase() ?? '')) problems.push(`${key} (${lang}): $${name}$ undeclared`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the translator fills named placeholders as Chrome does, and shows a missing key as itself', () => {
    const t = makeTranslator({
      hello: { message: 'Bonjour $NAME$, $$5 de $WHO$', placeholders: { name: { content: '$1' }, who: { content: '$2' } } },
    });
    expect(t('hello', ['Ada', 'MTurk'])).toBe('Bonjour Ada, $5 de MTurk');
    expect(t('hello', 'Ada')).toBe('Bonjour Ada, $5 de ');
    expect(t('nope')).toBe('nope');
    expect(makeTranslator(fr)('locale')).toBe('fr');
  });
});
