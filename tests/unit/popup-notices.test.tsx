import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalNotices } from '@/components/JournalNotices';
import { LinkedTabs } from '@/components/LinkedTabs';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import type { JournalRecord } from '@/lib/model/records';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

const T = Date.UTC(2026, 10, 30, 14, 0, 0);
let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const journal: JournalRecord[] = [
  { id: 4, at: T, kind: 'clock-back', taskId: null, from: T + 2 * 3_600_000, to: T, detail: null, seenAt: null },
  { id: 5, at: T, kind: 'overlap-left-out', taskId: 'mturk:A', from: T + 60_000, to: T + 180_000, detail: null, seenAt: null },
  { id: 6, at: T, kind: 'tracker-state-set-aside', taskId: null, from: null, to: null, detail: 'set-aside:1 idle: invalid', seenAt: null },
];

describe.each([
  ['en', en, 'Unlink', 'went back 2 h', '2 min'],
  ['fr', fr, 'Délier', 'a reculé de 2 h', '2 min'],
])('popup notices in %s', (locale, messages, unlink, clockWords, leftOut) => {
  const t = makeTranslator(messages as Messages);

  it('lists each linked tab with its task and unlinks the one asked for', async () => {
    const unlinked: number[] = [];
    render(<LinkedTabs linked={[{ tabId: 12, taskId: 'prolific:S', title: 'Survey <b>on</b> sleep' }, { tabId: 13, taskId: 'mturk:A', title: null }]} t={t} onUnlink={(id) => unlinked.push(id)} />, container);
    const rows = [...container.querySelectorAll('li')];
    expect(rows.map((r) => r.getAttribute('data-tab-id'))).toEqual(['12', '13']);
    // Page text is text: the title's markup is shown, not parsed.
    expect(rows[0]?.textContent).toContain('Survey <b>on</b> sleep');
    expect(container.querySelector('b')).toBeNull();
    const button = [...rows[1]!.querySelectorAll('button')].find((b) => b.textContent === unlink);
    await act(() => button?.click());
    expect(unlinked).toEqual([13]);
  });

  it('shows nothing when no tab is linked', () => {
    render(<LinkedTabs linked={[]} t={t} onUnlink={() => undefined} />, container);
    expect(container.innerHTML).toBe('');
  });

  it('says in words what the journal holds, with no untranslated key, and dismisses all shown', async () => {
    const seen: number[][] = [];
    render(<JournalNotices journal={journal} locale={locale} t={t} onSeen={(ids) => seen.push(ids)} />, container);
    const lines = [...container.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(lines[0]).toContain(clockWords);
    expect(lines[1]).toContain(leftOut);
    for (const line of lines) expect(line).not.toMatch(/journal_|\$[A-Z]+\$/);
    await act(() => container.querySelector('button')?.click());
    expect(seen).toEqual([[4, 5, 6]]);
  });
});
