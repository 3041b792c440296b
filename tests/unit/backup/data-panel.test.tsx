import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DataPanel } from '@/components/options/DataPanel';
import { DataProgress } from '@/components/options/DataProgress';
import { checkBackup } from '@/lib/ledger/restore';
import type { TrueRateDb } from '@/lib/db/database';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import type { SegmentRecord } from '@/lib/model/records';
import { exportText, fixture, freshDb, seededDb, snapshot } from './helpers';
import { seedRecords, T, testFlagsOf } from './seed';

const tEn = makeTranslator(en as Messages);
const tFr = makeTranslator(fr as Messages);
let container: HTMLElement;
let db: TrueRateDb;

beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
  await db.delete();
});

async function mount(t = tEn, locale = 'en') {
  const changed = vi.fn();
  await act(() => {
    render(
      <DataPanel t={t} locale={locale} db={db} flagsOf={testFlagsOf} now={() => Date.UTC(2026, 10, 28, 14, 5)} extensionVersion="0.1.0" onChanged={changed} />,
      container,
    );
  });
  return changed;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
  expect(check()).toBe(true);
}

const text = () => container.textContent ?? '';
const button = (label: string) => {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
const byLabel = (label: string) => {
  const l = [...container.querySelectorAll('label')].find((x) => x.textContent === label);
  const control = l && container.querySelector<HTMLInputElement>(`#${l.htmlFor}`);
  if (!control) throw new Error(`no control labelled "${label}"`);
  return control;
};

async function chooseFile(name: string, content: string, t = tEn) {
  const input = byLabel(t('data_restoreFile'));
  Object.defineProperty(input, 'files', { configurable: true, value: [new File([content], name, { type: 'application/json' })] });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('DataPanel', () => {
  it('a broken file: each problem is listed, it says nothing was changed, and nothing is written', async () => {
    db = await seededDb();
    const before = await snapshot(db);
    const changed = await mount();
    await chooseFile('broken.json', fixture('broken.json'));
    await until(() => text().includes(tEn('data_fileRefused')));
    const listed = [...container.querySelectorAll('.data-problems li')].map((li) => li.getAttribute('data-path'));
    const checked = checkBackup(fixture('broken.json'));
    expect(checked.ok).toBe(false);
    expect(listed).toEqual(checked.ok ? [] : checked.problems.map((p) => p.path));
    expect(listed).toHaveLength(7);
    expect(text()).toContain(tEn('data_problem_unknown_task', '"mturk:NOT-IN-THIS-FILE"').replace(/"/g, ''));
    expect(text()).not.toContain(tEn('data_replace'));
    expect(text()).not.toContain(tEn('data_merge'));
    expect(await snapshot(db)).toEqual(before);
    expect(changed).not.toHaveBeenCalled();
  });

  it('says the problems in French for a French worker, zod included', async () => {
    db = freshDb();
    await mount(tFr, 'fr');
    await chooseFile('broken.json', fixture('broken.json'), tFr);
    await until(() => text().includes(tFr('data_fileRefused')));
    expect(text()).toContain(tFr('data_problem_end_before_start'));
    expect(text()).not.toContain('Invalid');
  });

  it('a valid file: shows what it holds, writes only after "Add what is new", then tells what was written', async () => {
    db = freshDb();
    const changed = await mount();
    await chooseFile('valid.json', fixture('valid.json'));
    await until(() => text().includes(tEn('data_chooseMode')));
    expect(text()).toContain(tEn('data_countTasks', '5'));
    expect(text()).toContain('Time segments: 11 (2 between tasks, 1 excluded)');
    expect(await db.tasks.count()).toBe(0);
    await act(() => button(tEn('data_merge')).click());
    await until(() => text().includes('Restored: 5 tasks and 11 time segments written.'));
    expect(await db.tasks.count()).toBe(5);
    expect(changed).toHaveBeenCalledOnce();
  });

  it('Cancel leaves the database as it was', async () => {
    db = freshDb();
    await mount();
    await chooseFile('valid.json', fixture('valid.json'));
    await until(() => text().includes(tEn('data_chooseMode')));
    await act(() => button(tEn('data_cancel')).click());
    expect(text()).not.toContain(tEn('data_chooseMode'));
    expect(await db.tasks.count()).toBe(0);
  });

  it('deletes everything only once the confirmation word is typed', async () => {
    db = await seededDb();
    await mount();
    await act(() => button(tEn('data_deleteStart')).click());
    expect(text()).toContain(tEn('data_deleteWarning'));
    const confirm = button(tEn('data_deleteConfirm'));
    expect(confirm.disabled).toBe(true);
    const field = byLabel(tEn('data_deleteConfirmLabel', tEn('data_deleteWord')));
    await act(() => {
      field.value = 'delet';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(button(tEn('data_deleteConfirm')).disabled).toBe(true);
    await act(() => {
      field.value = tEn('data_deleteWord');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => button(tEn('data_deleteConfirm')).click());
    await until(() => text().includes(tEn('data_deleted')));
    expect(await db.tasks.count()).toBe(0);
    expect(await db.segments.count()).toBe(0);
  });

  it('saves the backup as a dated file made in the page, the same text the export gives', async () => {
    db = await seededDb();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await mount();
    await act(() => button(tEn('data_exportBackup')).click());
    await until(() => text().includes(tEn('data_saved', 'truerate-backup-2026-11-28.json')));
    expect(names).toEqual(['truerate-backup-2026-11-28.json']);
    const saved = await blobs[0]!.text();
    const checked = checkBackup(saved);
    expect(checked.ok && checked.counts.tasks).toBe(5);
    expect(JSON.parse(saved).exportedAt).toBe('2026-11-28T14:05:00.000Z');

    await act(() => button(tEn('data_exportCsv')).click());
    await until(() => names.length === 2);
    expect(names[1]).toBe('truerate-tasks-2026-11-28.csv');
    expect((await blobs[1]!.text()).split('\r\n')).toHaveLength(1 + 5 + 1);
  });

  it('every control has a label or says what it does', async () => {
    db = freshDb();
    await mount();
    for (const b of container.querySelectorAll('button')) expect(b.textContent?.trim()).not.toBe('');
    for (const input of container.querySelectorAll('input')) {
      expect(container.querySelector(`label[for="${input.id}"]`)?.textContent).toBeTruthy();
    }
  });
});

/** A backup of `count` finished tasks with one segment of time each, as TrueRate exports it. */
async function backupOf(count: number): Promise<string> {
  const template = seedRecords().tasks[0]!;
  const tasks = Array.from({ length: count }, (_, i) => ({ ...template, id: `mturk:T${i}`, externalId: `T${i}`, acceptedAt: T + i * 600_000, endedAt: T + i * 600_000 + 120_000, activeMs: 60_000 }));
  const segments: SegmentRecord[] = tasks.map((task) => ({ taskId: task.id, platform: 'mturk', start: task.acceptedAt, end: task.acceptedAt + 60_000, source: 'measured', excluded: false }));
  const source = await seededDb({ ...seedRecords(), tasks, segments, offers: [], gaps: [], edits: [] });
  const text = await exportText(source);
  await source.delete();
  return text;
}

describe('DataPanel: counts in the plural form of the language', () => {
  // The real strings, so a call site back on t() with a fixed plural fails here.
  it.each([
    ['en', 0, '0 of 0 records'],
    ['en', 1, '1 of 1 record'],
    ['en', 2, '1 of 2 records'],
    ['fr', 0, '0 sur 0 enregistrement'],
    ['fr', 1, '1 sur 1 enregistrement'],
    ['fr', 2, '1 sur 2 enregistrements'],
  ] as const)('the progress of an export or a restore (%s, total %i)', async (lang, total, words) => {
    db = freshDb();
    const t = lang === 'en' ? tEn : tFr;
    await act(() => {
      render(<DataProgress t={t} locale={lang} label="" progress={{ done: Math.min(1, total), total }} />, container);
    });
    expect(container.querySelector('.data-hint')?.textContent).toBe(words);
    expect(container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext')).toBe(words);
  });

  it.each([
    ['en', 0, 'Time segments: 0 (0 between tasks, 0 excluded)', 'Restored: 0 tasks and 0 time segments written.'],
    ['en', 1, 'Time segments: 1 (0 between tasks, 0 excluded)', 'Restored: 1 task and 1 time segment written.'],
    ['en', 2, 'Time segments: 2 (0 between tasks, 0 excluded)', 'Restored: 2 tasks and 2 time segments written.'],
    ['fr', 0, 'Segments de temps : 0 (0 entre les tâches, 0 exclu)', 'Restauré : 0 tâche et 0 segment de temps écrits.'],
    ['fr', 1, 'Segments de temps : 1 (0 entre les tâches, 0 exclu)', 'Restauré : 1 tâche et 1 segment de temps écrits.'],
    ['fr', 2, 'Segments de temps : 2 (0 entre les tâches, 0 exclu)', 'Restauré : 2 tâches et 2 segments de temps écrits.'],
  ] as const)('what a file holds and what its restore wrote, one segment a task (%s, tasks: %i)', async (lang, count, holds, restored) => {
    const t = lang === 'en' ? tEn : tFr;
    db = freshDb();
    await mount(t, lang);
    await chooseFile('backup.json', await backupOf(count), t);
    await until(() => text().includes(t('data_chooseMode')));
    expect([...container.querySelectorAll('.data-counts li')].map((li) => li.textContent)).toContain(holds);
    await act(() => button(t('data_merge')).click());
    await until(() => container.querySelector('.data-done') !== null);
    expect(container.querySelector('.data-done p')?.textContent).toBe(restored);
  });
});
