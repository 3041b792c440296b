import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';

const read = (lang: string): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', lang, 'messages.json'), 'utf8'));
const en = read('en');
const fr = read('fr');

describe('strings in English and French', () => {
  it('have the same keys, plural forms included: no visible string is left untranslated', () => {
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

  it('say counted things with plural families, never "(s)"', () => {
    const problems: string[] = [];
    for (const [lang, messages] of [['en', en], ['fr', fr]] as const) {
      for (const [key, entry] of Object.entries(messages)) {
        if (/\(s\)|\(e?s\)|\(x\)/.test(entry.message)) problems.push(`${key} (${lang}): "(s)" in "${entry.message}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('have whole plural families: in each language an "other" form, and only the forms that language has', () => {
    const problems: string[] = [];
    const familiesOf = (messages: Messages) => {
      const families = new Map<string, Set<string>>();
      for (const key of Object.keys(messages)) {
        const match = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
        if (!match) continue;
        const [, base = '', category = ''] = match;
        families.set(base, (families.get(base) ?? new Set()).add(category));
      }
      return families;
    };
    const enFamilies = familiesOf(en);
    const frFamilies = familiesOf(fr);
    expect([...frFamilies.keys()].sort()).toEqual([...enFamilies.keys()].sort());
    expect(enFamilies.size).toBeGreaterThan(0);
    for (const [lang, messages, families] of [['en', en, enFamilies], ['fr', fr, frFamilies]] as const) {
      const categories: readonly string[] = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [base, forms] of families) {
        if (!forms.has('other')) problems.push(`${base} (${lang}): no _other`);
        // Every language here has a "one" (English 1; French 0 and 1): a family without it would say "1 tasks".
        if (!forms.has('one')) problems.push(`${base} (${lang}): no _one`);
        for (const form of forms) if (!categories.includes(form)) problems.push(`${base}_${form} (${lang}): not a plural form of ${lang}`);
        if (messages[base]) problems.push(`${base} (${lang}): a bare key next to its plural forms`);
        const placeholders = new Set([...forms].map((form) => Object.keys(messages[`${base}_${form}`]?.placeholders ?? {}).sort().join(',')));
        if (placeholders.size !== 1) problems.push(`${base} (${lang}): forms with different placeholders`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('are read through plural() only: no source asks t() for a family or one of its forms', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return files(path);
        return /\.tsx?$/.test(name) ? [path] : [];
      });
    const bases = [...new Set(Object.keys(en).map((key) => /^(.+)_(?:zero|one|two|few|many|other)$/.exec(key)?.[1]).filter((b) => b !== undefined))];
    const problems: string[] = [];
    let throughPlural = 0;
    for (const path of ['lib', 'components', 'entrypoints'].flatMap((dir) => files(join(root, dir)))) {
      const text = readFileSync(path, 'utf8');
      const where = relative(root, path);
      for (const base of bases) {
        // A form named outright ("today_tasks_other") is a fixed plural whatever reads it.
        for (const m of text.matchAll(new RegExp(`['"]${base}_(?:zero|one|two|few|many|other)['"]`, 'g'))) problems.push(`${where}: ${m[0]}`);
        for (const m of text.matchAll(new RegExp(`['"]${base}['"]`, 'g'))) {
          const before = text.slice(Math.max(0, (m.index ?? 0) - 80), m.index);
          const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index));
          // plural(t, locale, 'key', …), or a FieldError that carries its count for SettingsPanel's plural().
          if (/plural\(\s*[\w.]+\s*,\s*[\w.]+\s*,\s*$/.test(before)) throughPlural++;
          else if (!/key:\s*$/.test(before) || !/\bcount:/.test(line)) problems.push(`${where}: ${m[0]} outside plural()`);
        }
      }
    }
    // The pattern is not blind: it finds the call sites that are right.
    expect(throughPlural).toBeGreaterThanOrEqual(20);
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
