import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/translate';
import type { HistoryRow } from '@/lib/dashboard/history-rows';
import type { HistorySort } from '@/lib/dashboard/history-query';
import { rowsPerPage, scrollToRow, virtualWindow } from '@/lib/dashboard/virtual-window';
import { historyColumns } from './history-columns';
import { SortHeader } from './SortHeader';

interface Props {
  rows: HistoryRow[];
  sort: HistorySort;
  onSort: (sort: HistorySort) => void;
  onOpen: (id: string) => void;
  locale: string;
  t: Translate;
  /** Used until the scroll box has been measured (and in tests, where nothing is laid out). */
  viewportHeight?: number;
  /** Changes when the filter or the sort does: the table then goes back to the top. An edited or
   * re-read task keeps the worker where they were. */
  resetKey?: string;
}

export const ROW_HEIGHT = 36;
const OVERSCAN = 8;

/**
 * All tasks in one table of fixed-height rows where only the rows in view (plus a few) are in the
 * DOM. Rows are focusable with a roving tabindex; arrows, Page Up/Down, Home and End move, Enter
 * opens the task. aria-rowcount/aria-rowindex tell screen readers where they are in the whole list.
 */
export function HistoryTable({ rows, sort, onSort, onOpen, locale, t, viewportHeight = 560, resetKey = '' }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [measured, setMeasured] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);
  const columns = useMemo(() => historyColumns(t, locale), [t, locale]);
  const height = measured ?? viewportHeight;
  const win = virtualWindow({ total: rows.length, rowHeight: ROW_HEIGHT, scrollTop, viewportHeight: height, overscan: OVERSCAN });
  const tabStop = active >= win.start && active < win.end ? active : win.start;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      // The header row is inside the box: rows see the rest.
      if (el.clientHeight > 0) setMeasured(el.clientHeight - ROW_HEIGHT);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Hidden under an open task (display: none), the box may lose its scroll offset: put it back.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && el.clientHeight > 0 && el.scrollTop !== scrollTop) el.scrollTop = scrollTop;
  });

  // A new filter or sort starts at the top.
  useEffect(() => {
    setActive(0);
    setScrollTop(0);
    if (box.current) box.current.scrollTop = 0;
  }, [resetKey]);
  if (active > 0 && active >= rows.length) setActive(Math.max(0, rows.length - 1));

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    box.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`)?.focus();
  }, [active, win.start]);

  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const next = Math.min(rows.length - 1, Math.max(0, index));
    const top = scrollToRow(next, ROW_HEIGHT, scrollTop, height);
    if (box.current && top !== scrollTop) box.current.scrollTop = top;
    setScrollTop(top);
    focusWanted.current = true;
    setActive(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = rowsPerPage(ROW_HEIGHT, height);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const row = rows[active];
      if (row) {
        event.preventDefault();
        onOpen(row.task.id);
      }
    }
  };

  const visible = rows.slice(win.start, win.end);
  // "Interactive" for the benchmark (scripts/bench-ui.ts): the first rows the worker can act on.
  const shownRows = visible.length > 0;
  useEffect(() => {
    if (shownRows && performance.getEntriesByName('truerate:interactive').length === 0) performance.mark('truerate:interactive');
  }, [shownRows]);
  return (
    <div
      class="history-scroll"
      ref={box}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <table class="history-table" role="grid" aria-label={t('dash_history_label')} aria-rowcount={rows.length + 1}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <SortHeader key={c.key} column={c} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {win.padTop > 0 ? <tr class="spacer" aria-hidden="true" style={{ height: `${win.padTop}px` }} /> : null}
          {visible.map((row, i) => {
            const index = win.start + i;
            return (
              <tr
                key={row.task.id}
                class={`history-row${index === active ? ' active' : ''}`}
                data-index={index}
                data-task-id={row.task.id}
                aria-rowindex={index + 2}
                tabIndex={index === tabStop ? 0 : -1}
                onClick={() => {
                  setActive(index);
                  onOpen(row.task.id);
                }}
                onFocus={() => setActive(index)}
              >
                {columns.map((c) => (
                  <td key={c.key} class={`col-${c.key}${c.numeric ? ' num' : ''}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
          {win.padBottom > 0 ? <tr class="spacer" aria-hidden="true" style={{ height: `${win.padBottom}px` }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
