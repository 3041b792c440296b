import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TaskList } from '@/components/TaskList';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import type { TaskRecord } from '@/lib/model/records';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { makeTask, settingsWith } from './rates/make-task';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const NOW = Date.UTC(2026, 10, 28, 15, 0, 0);
/** The demo: 3 s into a $0.35 task. The list used to hide its rate by looking at endedAt itself. */
const demo = makeTask({ id: 'mturk:open', reward: { amountMinor: 35, currency: 'USD' }, status: 'accepted', endedAt: null, acceptedAt: NOW - 3000, activeMs: 3000 });

function rateOf(task: TaskRecord, messages: Messages, locale: string) {
  render(<TaskList tasks={[task]} locale={locale} t={makeTranslator(messages)} settings={settingsWith()} />, container);
  const span = container.querySelector<HTMLElement>('.task-rate');
  return span ? { text: span.textContent?.replace(/\s/g, ' '), why: span.dataset.noRate ?? null } : null;
}

describe('TaskList: each task’s true rate as lib/rates gives it', () => {
  it.each([
    ['an open task, even one whose record says it ended', { ...demo, endedAt: NOW }, 'en', en, { text: 'after the task ends', why: 'open' }],
    ['an open task (fr)', demo, 'fr', fr, { text: 'une fois la tâche finie', why: 'open' }],
    ['an open task ten minutes in: long enough, still open', { ...demo, activeMs: 600_000 }, 'en', en, { text: 'after the task ends', why: 'open' }],
    ['a finished task', makeTask({ activeMs: 600_000 }), 'en', en, { text: '$3.00/h', why: null }],
    ['a finished task too short for a rate', makeTask({ activeMs: 8000 }), 'en', en, { text: 'too short to tell', why: 'too-short' }],
    ['a finished task too short for a rate (fr)', makeTask({ activeMs: 8000 }), 'fr', fr, { text: 'trop court pour le dire', why: 'too-short' }],
    ['a task with no known reward', makeTask({ reward: null }), 'en', en, null],
  ] as const)('%s', (_name, task, locale, messages, expected) => {
    expect(rateOf(task, messages as Messages, locale)).toEqual(expected);
    // Never the made-up figure: $0.35 over 3 s.
    expect(container.textContent).not.toContain('420');
  });

  it('once the open task ends, its rate is shown', () => {
    const ended = { ...demo, status: 'submitted' as const, endedAt: NOW, activeMs: 180_000 };
    expect(rateOf(ended, en as Messages, 'en')).toEqual({ text: '$7.00/h', why: null });
  });
});
