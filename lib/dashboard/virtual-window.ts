/**
 * Which rows of a fixed-row-height list are in the DOM: the visible ones plus `overscan` on each
 * side, so that scrolling 100,000 rows only ever renders a few dozen.
 */
export interface VirtualWindow {
  /** First row rendered (inclusive). */
  start: number;
  /** Row after the last one rendered (exclusive). */
  end: number;
  /** Height of the empty space above the first rendered row. */
  padTop: number;
  /** Height of the empty space below the last rendered row. */
  padBottom: number;
}

export function virtualWindow(opts: {
  total: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  overscan: number;
}): VirtualWindow {
  const { total, rowHeight, overscan } = opts;
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const maxScroll = Math.max(0, total * rowHeight - opts.viewportHeight);
  const scrollTop = Math.min(Math.max(0, opts.scrollTop), maxScroll);
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const visibleCount = Math.ceil(Math.max(0, opts.viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(total, firstVisible + visibleCount + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}

/**
 * The scrollTop that brings row `index` fully into view with the least movement (keyboard
 * navigation); unchanged when it is already visible.
 */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Rows per page for PageUp/PageDown: at least one. */
export function rowsPerPage(rowHeight: number, viewportHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}
