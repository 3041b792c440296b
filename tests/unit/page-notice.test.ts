import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { missingKey, missingLabel } from '@/components/PageNotice';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { readPage } from '@/lib/platforms';
import { documentOf } from './helpers/fixtures';

const translator = (lang: string) =>
  makeTranslator(JSON.parse(readFileSync(join(process.cwd(), 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages);

describe('what the popup says a page lacked', () => {
  // Every name an adapter gives for what it could not read, over every fixture (the key-element-
  // removed ones lack the most), plus the reader's own failure.
  const names = new Set(['adapter-error']);
  for (const fixture of loadFixtures()) for (const name of readPage(fixture.url, documentOf(fixture))?.missing ?? []) names.add(name);

  it.each([['en'], ['fr']])('is in words in %s for every name an adapter gives', (lang) => {
    const t = translator(lang);
    expect(names.size).toBeGreaterThan(5);
    expect([...names].filter((name) => t(missingKey(name)) === missingKey(name))).toEqual([]);
  });

  it('shows a name it has no words for as itself', () => {
    expect(missingLabel('someNewField', translator('en'))).toBe('someNewField');
    expect(missingLabel('requesterName', translator('en'))).toBe('requester name');
  });
});
