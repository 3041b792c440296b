import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TodayPanel } from '@/components/TodayPanel';
import { formatRate } from '@/lib/format-rate';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { todaySummary } from '@/lib/rates/aggregate';
import type { CurrencySummary, TodaySummary } from '@/lib/rates/types';
import { makeTask } from './rates/make-task';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

const MIN = 60_000;
let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function summary(patch: Partial<CurrencySummary> & { currency: string }): CurrencySummary {
  return {
    earnedMinor: 0,
    pendingMinor: 0,
    taskMs: 0,
    overheadMs: 0,
    unpaidMs: 0,
    openMs: 0,
    openTasks: 0,
    tasks: 0,
    trueRate: null,
    noTrueRate: 'no-time',
    allInRate: null,
    noAllInRate: 'no-time',
    ...patch,
  };
}

const usd = summary({
  currency: 'USD',
  earnedMinor: 930,
  pendingMinor: 310,
  taskMs: 60 * MIN,
  overheadMs: 20 * MIN,
  unpaidMs: 5 * MIN,
  tasks: 7,
  trueRate: { minorPerHour: 1240, currency: 'USD' },
  allInRate: { minorPerHour: 875, currency: 'USD' },
});
const gbp = summary({
  currency: 'GBP',
  earnedMinor: 450,
  taskMs: 30 * MIN,
  tasks: 1,
  trueRate: { minorPerHour: 900, currency: 'GBP' },
  allInRate: { minorPerHour: 900, currency: 'GBP' },
});

/** A day as todaySummary gives it: the time split is the sum over currencies plus unattributed overhead. */
function day(currencies: CurrencySummary[], unattributedOverheadMs = 0, unpricedOpen = { tasks: 0, ms: 0 }): TodaySummary {
  const sum = (pick: (c: CurrencySummary) => number) => currencies.reduce((total, c) => total + pick(c), 0);
  return {
    key: '2026-11-28',
    currencies,
    unattributedOverheadMs,
    unattributedOpenTasks: unpricedOpen.tasks,
    unattributedOpenMs: unpricedOpen.ms,
    time: {
      taskMs: sum((c) => c.taskMs),
      overheadMs: sum((c) => c.overheadMs) + unattributedOverheadMs,
      unpaidMs: sum((c) => c.unpaidMs),
      openMs: sum((c) => c.openMs) + unpricedOpen.ms,
      openTasks: sum((c) => c.openTasks) + unpricedOpen.tasks,
    },
  };
}

function show(today: TodaySummary, messages: Messages, locale: string) {
  render(<TodayPanel t={makeTranslator(messages)} locale={locale} today={today} />, container);
}

/** Intl puts (narrow) no-break spaces in French amounts; compare them as plain spaces. */
const text = (selector: string, root: ParentNode = container) =>
  (root.querySelector(selector)?.textContent ?? '').replace(/\s/g, ' ');

describe('TodayPanel', () => {
  it('shows each currency on its own: earned, pending, time, true and all-in rates, unpaid time', () => {
    show(day([gbp, usd]), en as Messages, 'en');
    const cards = [...container.querySelectorAll<HTMLElement>('[data-currency]')];
    expect(cards.map((c) => c.dataset.currency)).toEqual(['GBP', 'USD']);
    const [gbpCard, usdCard] = cards as [HTMLElement, HTMLElement];

    expect(text('.today-earned .today-value', usdCard)).toBe('$9.30');
    expect(text('.today-pending', usdCard)).toBe('+ $3.10 pending');
    expect(text('.today-true dd', usdCard)).toBe('$12.40/h');
    expect(text('.today-allin dd', usdCard)).toBe('$8.75/h');
    expect(text('.today-active dd', usdCard)).toBe('1 h7 tasks');
    expect(text('.today-overhead dd', usdCard)).toBe('20 min');
    expect(text('.today-unpaid dd', usdCard)).toBe('5 min');
    expect(usdCard.querySelector('.today-unpaid')?.classList.contains('today-warn')).toBe(true);

    expect(text('.today-true dd', gbpCard)).toBe('£9.00/h');
    expect(gbpCard.querySelector('.today-pending')).toBeNull();
    expect(gbpCard.querySelector('.today-unpaid')?.classList.contains('today-warn')).toBe(false);
    expect(container.querySelector('.today-empty')).toBeNull();
    // Two currencies: the day's time is also given once, across them.
    expect(text('.today-all-time')).toBe('All currencies: 1 h 30 min in tasks, 20 min between tasks, 5 min unpaid.');
  });

  it('says when a rate cannot be known yet instead of showing a made-up figure', () => {
    const pendingOnly = summary({ currency: 'USD', pendingMinor: 50, tasks: 1 });
    show(day([pendingOnly]), en as Messages, 'en');
    expect(text('.today-true dd')).toBe('not yet');
    expect(text('.today-allin dd')).toBe('not yet');
  });

  it('has an empty state, which still shows time spent on platform pages', () => {
    show(day([]), en as Messages, 'en');
    expect(text('.today-empty')).toBe('Nothing yet today: open a task on a supported platform.');
    expect(container.querySelector('.today-note')).toBeNull();

    show(day([], 3 * MIN), en as Messages, 'en');
    expect(container.querySelector('.today-empty')).not.toBeNull();
    expect(text('.today-note')).toBe('3 min on platform pages with no task open.');
  });

  it('formats money and rates in French with the French strings', () => {
    const t = makeTranslator(fr as Messages);
    show(day([usd]), fr as Messages, t('locale'));
    expect(text('h2')).toBe('Aujourd’hui');
    expect(text('.today-earned .today-value')).toBe('9,30 $US');
    expect(text('.today-pending')).toBe('+ 3,10 $US en attente');
    expect(text('.today-true dd')).toBe('12,40 $US/h');
    expect(text('.today-true dt')).toBe('Taux réel');
    expect(text('.today-active dd')).toBe('1 h7 tâches');
    // One currency: its card already says where the time went.
    expect(container.querySelector('.today-all-time')).toBeNull();
  });
});

describe('TodayPanel: a task in progress, and rates too short to tell', () => {
  const NOW = Date.UTC(2026, 10, 28, 15, 0, 0);
  /** The demo: 3 s into a $0.35 MTurk task. */
  const demo = makeTask({ reward: { amountMinor: 35, currency: 'USD' }, status: 'accepted', endedAt: null, acceptedAt: NOW - 3000, activeMs: 3000 });

  it.each([
    ['en', en, 'In progress: 1 task, 0:03', 'not yet'],
    ['fr', fr, 'En cours : 1 tâche, 0:03', 'pas encore'],
  ] as const)('3 s into a $0.35 task, today’s card shows the time in progress and no rate (%s)', (locale, messages, line, noRate) => {
    show(todaySummary([demo], [], NOW, 'UTC'), messages as Messages, locale);
    expect(text('.today-open')).toBe(line);
    expect(text('.today-true dd')).toBe(noRate);
    expect(text('.today-allin dd')).toBe(noRate);
    expect(container.querySelector('.today-pending')).toBeNull();
    expect(container.textContent).not.toMatch(/\/h/);
    expect(container.querySelector('.today-empty')).toBeNull();
  });

  it('with finished work too, the rates are those of the finished work alone', () => {
    const done = makeTask({ id: 'mturk:done', acceptedAt: NOW - 3_600_000, activeMs: 600_000 });
    show(todaySummary([done, demo], [], NOW, 'UTC'), en as Messages, 'en');
    expect(text('.today-true dd')).toBe('$3.00/h');
    expect(text('.today-allin dd')).toBe('$3.00/h');
    expect(text('.today-active dd')).toBe('10 min1 task');
    expect(text('.today-open')).toBe('In progress: 1 task, 0:03');
  });

  it.each([
    ['en', 1, en, 'In progress: 1 task, 0:40'],
    ['en', 2, en, 'In progress: 2 tasks, 0:40'],
    ['fr', 1, fr, 'En cours : 1 tâche, 0:40'],
    ['fr', 2, fr, 'En cours : 2 tâches, 0:40'],
  ] as const)('an open task with no reward yet is in progress too, and not "nothing yet" (%s, %i)', (locale, tasks, messages, line) => {
    show(day([], 0, { tasks, ms: 40_000 }), messages as Messages, locale);
    expect(text('.today-open')).toBe(line);
    expect(container.querySelector('.today-empty')).toBeNull();
  });

  it.each([
    ['en', en, 'too short to tell', 'Less than 10 s of counted time'],
    ['fr', fr, 'trop court pour le dire', 'Moins de 10 s de temps compté'],
  ] as const)('says a rate is too short to tell, and why in its tooltip (%s)', (locale, messages, words, hint) => {
    const short = makeTask({ acceptedAt: NOW - 60_000, activeMs: 8000 });
    show(todaySummary([short], [], NOW, 'UTC'), messages as Messages, locale);
    expect(text('.today-true dd')).toBe(words);
    expect(text('.today-allin dd')).toBe(words);
    expect(container.querySelector('.today-true dd')?.getAttribute('title')).toContain(hint);
    expect(container.querySelector('.today-open')).toBeNull();
  });
});

describe('TodayPanel: plural forms', () => {
  it.each([
    ['en', 0, en, '0 tasks'],
    ['en', 1, en, '1 task'],
    ['en', 2, en, '2 tasks'],
    ['fr', 0, fr, '0 tâche'],
    ['fr', 1, fr, '1 tâche'],
    ['fr', 2, fr, '2 tâches'],
  ] as const)('counts tasks with the plural of the language (%s, %i)', (locale, tasks, messages, words) => {
    show(day([summary({ currency: 'USD', tasks })]), messages as Messages, locale);
    expect(text('.today-active .today-sub')).toBe(words);
  });
});

describe('formatRate', () => {
  it('formats minor units per hour with the currency’s own decimals', () => {
    expect(formatRate({ minorPerHour: 1240, currency: 'USD' }, 'en')).toBe('$12.40/h');
    expect(formatRate({ minorPerHour: 1500, currency: 'JPY' }, 'en')).toBe('¥1,500/h');
    expect(formatRate({ minorPerHour: 12345, currency: 'KWD' }, 'en').replace(/\s/g, ' ')).toBe('KWD 12.345/h');
    expect(formatRate({ minorPerHour: 905, currency: 'EUR' }, 'fr').replace(/\s/g, ' ')).toBe('9,05 €/h');
  });
});
