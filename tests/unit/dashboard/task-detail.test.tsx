import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TaskDetail } from '@/components/dashboard/TaskDetail';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import type { SegmentRecord, TaskRecord } from '@/lib/model/records';
import { formatDuration } from '@/lib/format';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { evidenceSummary } from '@/lib/rates/evidence';
import { DEFAULT_SETTINGS } from '@/lib/settings';

const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages;
const t = makeTranslator(messages);
const locale = 'en-US';
const T0 = Date.UTC(2026, 10, 28, 14, 0, 0);
const MIN = 60_000;
const HOSTILE_TITLE = 'Label <b>cats</b> <img src=x onerror="alert(1)">';

function seededTask(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: 'mturk:A1',
    platform: 'mturk',
    externalId: 'A1',
    groupId: 'G1',
    requesterId: 'R1',
    requesterName: '<i>Acme</i> Research',
    title: HOSTILE_TITLE,
    reward: { amountMinor: 150, currency: 'USD' },
    advertisedSeconds: 600,
    advertisedKind: 'estimate',
    allottedSeconds: 3600,
    status: 'accepted',
    acceptedAt: T0,
    endedAt: null,
    activeMs: 10 * MIN,
    wallMs: 0,
    idleThresholdS: 60,
    flags: [],
    completionCode: null,
    bonuses: [],
    updatedAt: T0,
    ...overrides,
  };
}

const segments: SegmentRecord[] = [
  { taskId: 'mturk:A1', platform: 'mturk', start: T0, end: T0 + 5 * MIN, source: 'measured', excluded: false },
  { taskId: 'mturk:A1', platform: 'mturk', start: T0 + 6 * MIN, end: T0 + 9 * MIN, source: 'gap-confirmed', excluded: false },
  { taskId: 'mturk:A1', platform: 'mturk', start: T0 + 9 * MIN, end: T0 + 11 * MIN, source: 'manual', excluded: false },
];

async function waitFor<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let db: TrueRateDb;
let root: HTMLElement;
let onChanged: Mock<() => void>;
let onClose: Mock<() => void>;

async function mount(taskId = 'mturk:A1', strings = { t, locale }) {
  await act(() => {
    render(
      <TaskDetail taskId={taskId} t={strings.t} locale={strings.locale} settings={DEFAULT_SETTINGS} db={db} onClose={onClose} onChanged={onChanged} />,
      root,
    );
  });
}

const activeText = () => root.querySelector('.detail-active')?.textContent ?? null;
const button = (text: string, scope: ParentNode = root) =>
  [...scope.querySelectorAll('button')].find((b) => b.textContent === text && !b.disabled) ?? null;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`test-${crypto.randomUUID()}`);
  await db.tasks.add(seededTask());
  await db.segments.bulkAdd(segments);
  root = document.createElement('div');
  document.body.append(root);
  onChanged = vi.fn<() => void>();
  onClose = vi.fn<() => void>();
});

afterEach(async () => {
  render(null, root);
  root.remove();
  await db.delete();
});

describe('TaskDetail', () => {
  it('renders page text as text, never as HTML', async () => {
    await mount();
    const title = await waitFor(() => root.querySelector('h2.detail-title'), 'the title');
    await waitFor(() => title.textContent === HOSTILE_TITLE, 'the task title');
    expect(root.querySelector('b, img, i')).toBeNull();
    expect(root.textContent).toContain('<i>Acme</i> Research');
  });

  it('excluding a segment updates the active time, and undo brings it back', async () => {
    await mount();
    await waitFor(() => activeText() === formatDuration(10 * MIN), 'the seeded active time');
    const first = await waitFor(() => root.querySelector('.segment-list li'), 'the segment list');
    const exclude = await waitFor(() => button(t('detail_exclude'), first), 'an Exclude button');
    await act(() => exclude.click());
    await waitFor(() => activeText() === formatDuration(5 * MIN), 'active time without the excluded segment');
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(root.querySelector('.segment-list li')?.classList.contains('segment-excluded')).toBe(true);
    expect(root.querySelector('rect.tl-segment')?.getAttribute('aria-label')).toContain('excluded');
    expect((await db.tasks.get('mturk:A1'))?.activeMs).toBe(5 * MIN);

    const undoButton = await waitFor(() => button(t('detail_undo'), root.querySelector('.edit-history') ?? root), 'Undo');
    await act(() => undoButton.click());
    await waitFor(() => activeText() === formatDuration(10 * MIN), 'the active time restored');
    expect((await db.tasks.get('mturk:A1'))?.activeMs).toBe(10 * MIN);
    expect(root.querySelector('.segment-excluded')).toBeNull();
    expect(root.querySelector('.edit-undone')).not.toBeNull();
  });

  it('gives every segment on the timeline a focusable, spoken label with its source', async () => {
    await mount();
    const rects = await waitFor(() => {
      const found = [...root.querySelectorAll('rect.tl-segment')];
      return found.length === 3 ? found : null;
    }, 'three segments');
    expect(rects.map((r) => r.getAttribute('tabindex'))).toEqual(['0', '0', '0']);
    const labels = rects.map((r) => r.getAttribute('aria-label') ?? '');
    expect(labels[0]).toContain(`, ${formatDuration(5 * MIN)}, ${t('detail_source_measured')}`);
    expect(labels[1]).toContain(t('detail_source_gap_confirmed'));
    expect(labels[2]).toContain(t('detail_source_manual'));
  });

  it('corrects the status through the select', async () => {
    await mount();
    const select = await waitFor(() => root.querySelector('select'), 'the status select');
    await act(() => {
      select.value = 'returned';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => root.querySelector('.detail-notice')?.textContent === t('detail_done_status'), 'the status change');
    expect((await db.tasks.get('mturk:A1'))?.status).toBe('returned');
  });

  it('says why worked time that overlaps recorded time is refused', async () => {
    await mount();
    const form = await waitFor(() => root.querySelectorAll<HTMLFormElement>('form.detail-form')[1], 'the worked time form');
    const [start, end] = [...form.querySelectorAll('input')];
    const local = (ms: number) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    };
    await act(() => {
      for (const [input, value] of [[start, local(T0 + 2 * MIN)], [end, local(T0 + 3 * MIN)]] as const) {
        if (!input) throw new Error('missing input');
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await act(() => form.requestSubmit());
    const notice = await waitFor(() => root.querySelector('.detail-notice.error'), 'a refusal');
    expect(notice.textContent).toContain('overlaps time already recorded');
    expect(await db.segments.count()).toBe(3);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes after confirmation, and the deletion can be undone', async () => {
    await mount();
    const remove = await waitFor(() => button(t('detail_delete')), 'Delete');
    await act(() => remove.click());
    const confirm = await waitFor(() => button(t('detail_delete_yes')), 'confirm');
    await act(() => confirm.click());
    await waitFor(() => root.textContent?.includes(t('detail_deleted_text')), 'the deleted notice');
    expect(await db.tasks.get('mturk:A1')).toBeUndefined();
    const restore = await waitFor(() => button(t('detail_undo_delete')), 'Undo deletion');
    await act(() => restore.click());
    await waitFor(() => activeText() === formatDuration(10 * MIN), 'the task back');
    expect(await db.segments.count()).toBe(3);
  });

  // The real strings, so a call site back on t() with a fixed plural fails here.
  it.each([
    ['en', 0, 'Delete this task and its 0 time segments? You can undo it afterwards.', 'Task deleted (0 time segments)'],
    ['en', 1, 'Delete this task and its 1 time segment? You can undo it afterwards.', 'Task deleted (1 time segment)'],
    ['en', 2, 'Delete this task and its 2 time segments? You can undo it afterwards.', 'Task deleted (2 time segments)'],
    ['fr', 0, 'Supprimer cette tâche avec 0 segment de temps ? Vous pourrez l’annuler ensuite.', 'Tâche supprimée (0 segment de temps)'],
    ['fr', 1, 'Supprimer cette tâche avec 1 segment de temps ? Vous pourrez l’annuler ensuite.', 'Tâche supprimée (1 segment de temps)'],
    ['fr', 2, 'Supprimer cette tâche et ses 2 segments de temps ? Vous pourrez l’annuler ensuite.', 'Tâche supprimée (2 segments de temps)'],
  ] as const)('the delete confirmation and the deletion in the history count segments in the plural form of the language (%s, %i)', async (lang, count, question, line) => {
    const tr = makeTranslator(JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages);
    await db.segments.clear();
    await db.segments.bulkAdd(segments.slice(0, count));
    await mount('mturk:A1', { t: tr, locale: lang });
    const remove = await waitFor(() => button(tr('detail_delete')), 'Delete');
    await act(() => remove.click());
    const confirm = await waitFor(() => root.querySelector(`[role="group"][aria-label="${tr('detail_delete_heading')}"]`), 'the confirmation');
    expect(confirm.querySelector('p')?.textContent).toBe(question);
    await act(() => button(tr('detail_delete_yes'), confirm)?.click());
    const undo = await waitFor(() => button(tr('detail_undo_delete')), 'Undo deletion');
    await act(() => undo.click());
    const lines = await waitFor(() => {
      const found = [...root.querySelectorAll('.edit-history .edit-text')].map((e) => e.textContent);
      return found.length > 0 ? found : null;
    }, 'the edit history');
    expect(lines).toContain(line);
  });

  it('an unknown task says so and offers a way back', async () => {
    await mount('mturk:nope');
    await waitFor(() => root.textContent?.includes(t('detail_not_found_title')), 'the not-found message');
    expect(root.textContent).toContain(t('detail_not_found_text'));
    await act(() => button(t('detail_back_to_list'))?.click());
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('opens the evidence of a flagged task, copies it and says so', async () => {
    await db.tasks.put(seededTask({ status: 'submitted', endedAt: T0 + 12 * MIN, wallMs: 12 * MIN, advertisedSeconds: 300 }));
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await mount();
    const details = await waitFor(() => root.querySelector('details.evidence'), 'the evidence panel');
    expect((details as HTMLDetailsElement).open).toBe(true);
    const task = await db.tasks.get('mturk:A1');
    const stored = await db.segments.toArray();
    if (!task) throw new Error('task missing');
    const expected = evidenceSummary(task, stored, DEFAULT_SETTINGS, t, locale);
    expect(details.querySelector('textarea')?.value).toBe(expected);
    await act(() => button(t('detail_copy'), details)?.click());
    await waitFor(() => details.textContent?.includes(t('detail_copied')), 'Copied');
    expect(writeText).toHaveBeenCalledWith(expected);
  });

  it('saves the evidence as a text file named for the platform and task', async () => {
    await mount();
    const details = await waitFor(() => root.querySelector('details.evidence'), 'the evidence panel');
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:evidence';
    });
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      await act(() => button(t('detail_save_text'), details)?.click());
      expect(names).toEqual(['truerate-evidence-mturk-A1.txt']);
      expect(await blobs[0]?.text()).toBe(details.querySelector('textarea')?.value);
    } finally {
      create.mockRestore();
      click.mockRestore();
    }
  });

  it('keeps the evidence of an unflagged task closed until asked', async () => {
    await mount();
    const details = await waitFor(() => root.querySelector('details.evidence'), 'the evidence panel');
    expect((details as HTMLDetailsElement).open).toBe(false);
  });
});
