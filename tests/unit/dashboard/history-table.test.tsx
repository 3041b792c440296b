import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { History, INITIAL_FILTERS } from '@/components/dashboard/History';
import { HistoryTable, ROW_HEIGHT } from '@/components/dashboard/HistoryTable';
import type { FilterInputs } from '@/components/dashboard/HistoryFilters';
import type { HistorySort } from '@/lib/dashboard/history-query';
import { sortRows } from '@/lib/dashboard/history-query';
import { makeTask, rowsOf, tKeys } from './make-task';

/** Renders and flushes effects synchronously (act's promise has nothing left to wait for). */
const run = (fn: () => void) => void act(fn);

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const rows10k = rowsOf(Array.from({ length: 10_000 }, (_, n) => makeTask(n)));
const renderedIds = () => [...root.querySelectorAll<HTMLElement>('tr[data-task-id]')].map((tr) => tr.dataset.taskId);

/** The History with its state held here, as the shell holds it. */
function mountHistory(onOpen = vi.fn()) {
  let filters: FilterInputs = INITIAL_FILTERS;
  let sort: HistorySort = { key: 'date', direction: 'descending' };
  const draw = () =>
    render(
      <History
        rows={rows10k}
        filters={filters}
        onFilters={(f) => {
          filters = f;
          draw();
        }}
        sort={sort}
        onSort={(s) => {
          sort = s;
          draw();
        }}
        onOpen={onOpen}
        timeZone="UTC"
        locale="en-US"
        t={tKeys}
        viewportHeight={360}
      />,
      root,
    );
  run(draw);
  return onOpen;
}

describe('History table', () => {
  it('renders only a window of rows for 10,000 tasks, with the whole count', () => {
    mountHistory();
    const ids = renderedIds();
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.length).toBeLessThan(40);
    expect(ids[0]).toBe('mturk:A000000');
    const table = root.querySelector('table[role="grid"]')!;
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(root.querySelector('.history-count')?.textContent).toBe('dash_count_other(10,000|10,000)');
    // The spacer below keeps the scroll height of every row that is not rendered.
    const spacer = root.querySelectorAll<HTMLElement>('tr.spacer');
    expect(spacer[spacer.length - 1]?.style.height).toBe(`${(10_000 - ids.length) * ROW_HEIGHT}px`);
  });

  it('renders the rows at the scroll position', () => {
    mountHistory();
    const box = root.querySelector<HTMLElement>('.history-scroll')!;
    run(() => {
      box.scrollTop = 5000 * ROW_HEIGHT;
      box.dispatchEvent(new Event('scroll'));
    });
    const ids = renderedIds();
    expect(ids).toContain('mturk:A005000');
    expect(ids).not.toContain('mturk:A000000');
    expect(ids.length).toBeLessThan(40);
  });

  it('sorts by true rate when its header is pressed, highest first, then lowest first', () => {
    mountHistory();
    const header = root.querySelector<HTMLButtonElement>('button[data-sort="trueRate"]')!;
    run(() => header.click());
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    const expected = sortRows(rows10k, { key: 'trueRate', direction: 'descending' }).map((r) => r.task.id);
    const ids = renderedIds();
    expect(ids).toEqual(expected.slice(0, ids.length));
    const rates = ids.map((id) => rows10k.find((r) => r.task.id === id)!.rates.trueRate!.minorPerHour);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    run(() => header.click());
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    const up = renderedIds().map((id) => rows10k.find((r) => r.task.id === id)!.rates.trueRate!.minorPerHour);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(root.querySelector('th[aria-sort="none"] button[data-sort="date"]')).not.toBeNull();
  });

  it('filters by search and updates the count', () => {
    mountHistory();
    const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    run(() => {
      input.value = 'NUMBER 9999';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(renderedIds()).toEqual(['mturk:A009999']);
    expect(root.querySelector('.history-count')?.textContent).toBe('dash_count_other(1|10,000)');
  });

  it('opens a task on click and on Enter, and moves the focus with the arrows', () => {
    const onOpen = mountHistory();
    const first = root.querySelector<HTMLElement>('tr[data-index="0"]')!;
    expect(first.tabIndex).toBe(0);
    expect(root.querySelector<HTMLElement>('tr[data-index="1"]')!.tabIndex).toBe(-1);
    run(() => first.click());
    expect(onOpen).toHaveBeenLastCalledWith('mturk:A000000');
    run(() => {
      first.focus();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    const second = root.querySelector<HTMLElement>('tr[data-index="1"]')!;
    expect(second.tabIndex).toBe(0);
    expect(document.activeElement).toBe(second);
    run(() => {
      second.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onOpen).toHaveBeenLastCalledWith('mturk:A000001');
    run(() => {
      second.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    expect(renderedIds()).toContain('mturk:A009999');
    expect((document.activeElement as HTMLElement | null)?.dataset.taskId).toBe('mturk:A009999');
  });

  it('keeps its place when rows are re-read, and goes back to the top on a new sort or filter', () => {
    const table = (rows: typeof rows10k, resetKey: string) => (
      <HistoryTable
        rows={rows}
        sort={{ key: 'date', direction: 'descending' }}
        onSort={() => undefined}
        onOpen={() => undefined}
        locale="en-US"
        t={tKeys}
        viewportHeight={360}
        resetKey={resetKey}
      />
    );
    run(() => render(table(rows10k, 'a'), root));
    const box = root.querySelector<HTMLElement>('.history-scroll')!;
    run(() => {
      box.scrollTop = 3000 * ROW_HEIGHT;
      box.dispatchEvent(new Event('scroll'));
    });
    run(() => render(table([...rows10k], 'a'), root));
    expect(renderedIds()).toContain('mturk:A003000');
    run(() => render(table([...rows10k], 'b'), root));
    expect(renderedIds()).toContain('mturk:A000000');
    expect(renderedIds()).not.toContain('mturk:A003000');
  });

  it('shows labelled flag badges, not colours alone', () => {
    render(
      <HistoryTable
        rows={rowsOf([makeTask(1, { status: 'returned', activeMs: 200_000 })])}
        sort={{ key: 'date', direction: 'descending' }}
        onSort={() => undefined}
        onOpen={() => undefined}
        locale="en-US"
        t={tKeys}
      />,
      root,
    );
    expect([...root.querySelectorAll('.badge')].map((b) => b.textContent)).toContain('dash_flag_unpaid');
  });

  it('says what to do when there are no tasks', () => {
    run(() =>
      render(
        <History
          rows={[]}
          filters={INITIAL_FILTERS}
          onFilters={() => undefined}
          sort={{ key: 'date', direction: 'descending' }}
          onSort={() => undefined}
          onOpen={() => undefined}
          timeZone="UTC"
          locale="en-US"
          t={tKeys}
        />,
        root,
      ),
    );
    expect(root.querySelector('.empty-state')?.textContent).toContain('dash_empty_body');
    expect(root.querySelector('table')).toBeNull();
  });
});
