import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CurrencyCards } from '@/components/dashboard/CurrencyCards';
import { currencyTotals } from '@/lib/dashboard/overview-data';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { summarize } from '@/lib/rates/aggregate';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import { makeTask, T0 } from './make-task';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const finished = [
  makeTask(1, { reward: { amountMinor: 50, currency: 'USD' }, activeMs: 600_000 }),
  makeTask(2, { reward: { amountMinor: 100, currency: 'USD' }, activeMs: 1_200_000 }),
];
const open = makeTask(3, { reward: { amountMinor: 35, currency: 'USD' }, status: 'accepted', endedAt: null, acceptedAt: T0 - 3000, activeMs: 3000 });

function show(tasks = finished, messages: Messages = en as Messages, locale = 'en') {
  const days = summarize(tasks, [], 'day', { timeZone: 'UTC' });
  render(<CurrencyCards totals={currencyTotals(days)} unattributedOverheadMs={0} locale={locale} t={makeTranslator(messages)} />, root);
}
const stat = (name: string) => root.querySelector(`[data-stat="${name}"]`)?.textContent?.replace(/\s/g, ' ');

describe('CurrencyCards', () => {
  it('an open task is in no figure of the card: a line says it is in progress', () => {
    show(finished);
    const before = { title: root.querySelector('h3')?.textContent, rate: stat('true-rate'), allIn: stat('all-in-rate'), pending: stat('pending'), active: stat('active') };
    expect(before.rate).toBe('$3.00/h');
    expect(root.querySelector('.card-open')).toBeNull();

    show([...finished, open]);
    expect({ title: root.querySelector('h3')?.textContent, rate: stat('true-rate'), allIn: stat('all-in-rate'), pending: stat('pending'), active: stat('active') }).toEqual(before);
    expect(root.querySelector('.card-open')?.textContent).toBe('In progress, not counted yet: 1 task (0:03)');
  });

  it.each([
    ['en', en, [open], 'USD · 0 tasks', 'In progress, not counted yet: 1 task (0:03)'],
    ['en', en, [finished[0]!, open, { ...open, id: 'mturk:other' }], 'USD · 1 task', 'In progress, not counted yet: 2 tasks (0:06)'],
    ['fr', fr, [open], 'USD · 0 tâche', 'En cours, pas encore comptée : 1 tâche (0:03)'],
    ['fr', fr, [...finished, open, { ...open, id: 'mturk:other' }], 'USD · 2 tâches', 'En cours, pas encore comptées : 2 tâches (0:06)'],
  ] as const)('plural forms in the title and the in-progress line (%s)', (locale, messages, tasks, title, line) => {
    show([...tasks], messages as Messages, locale);
    expect(root.querySelector('h3')?.textContent).toBe(title);
    expect(root.querySelector('.card-open')?.textContent).toBe(line);
  });

  it('only open work: no rate, in words the worker reads as "none yet"', () => {
    show([open]);
    expect([stat('true-rate'), stat('all-in-rate'), stat('pending')]).toEqual(['—', '—', '$0.00']);
  });

  it.each([
    ['en', en, 'too short to tell'],
    ['fr', fr, 'trop court pour le dire'],
  ] as const)('a period under the span floor is too short to tell (%s)', (locale, messages, words) => {
    show([makeTask(1, { activeMs: 8000 })], messages as Messages, locale);
    expect([stat('true-rate'), stat('all-in-rate')]).toEqual([words, words]);
    expect(root.querySelector('[data-stat="true-rate"]')?.getAttribute('title')).toMatch(/10 s/);
  });
});
