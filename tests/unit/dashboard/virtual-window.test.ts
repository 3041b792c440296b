import { describe, expect, it } from 'vitest';
import { rowsPerPage, scrollToRow, virtualWindow } from '@/lib/dashboard/virtual-window';

describe('virtualWindow', () => {
  it('renders the visible rows plus overscan, padding the rest', () => {
    const w = virtualWindow({ total: 100_000, rowHeight: 36, scrollTop: 36 * 1000, viewportHeight: 360, overscan: 5 });
    expect(w.start).toBe(995);
    expect(w.end).toBe(1000 + 11 + 5);
    expect(w.padTop).toBe(995 * 36);
    expect(w.padTop + (w.end - w.start) * 36 + w.padBottom).toBe(100_000 * 36);
  });

  it('clamps at the top and the bottom', () => {
    expect(virtualWindow({ total: 50, rowHeight: 36, scrollTop: -100, viewportHeight: 360, overscan: 5 })).toMatchObject({ start: 0, padTop: 0 });
    const end = virtualWindow({ total: 50, rowHeight: 36, scrollTop: 1e9, viewportHeight: 360, overscan: 5 });
    expect(end.end).toBe(50);
    expect(end.padBottom).toBe(0);
    expect(end.start).toBe(50 - 10 - 5);
  });

  it('handles fewer rows than the viewport and no rows', () => {
    expect(virtualWindow({ total: 3, rowHeight: 36, scrollTop: 0, viewportHeight: 500, overscan: 5 })).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(virtualWindow({ total: 0, rowHeight: 36, scrollTop: 0, viewportHeight: 500, overscan: 5 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('always contains every visible row', () => {
    for (let scrollTop = 0; scrollTop < 36 * 200; scrollTop += 13) {
      const w = virtualWindow({ total: 200, rowHeight: 36, scrollTop, viewportHeight: 300, overscan: 2 });
      const first = Math.floor(Math.min(scrollTop, 200 * 36 - 300) / 36);
      const last = Math.min(199, Math.floor((Math.min(scrollTop, 200 * 36 - 300) + 299) / 36));
      expect(w.start).toBeLessThanOrEqual(first);
      expect(w.end).toBeGreaterThan(last);
    }
  });
});

describe('scrollToRow', () => {
  it('moves only as far as needed', () => {
    expect(scrollToRow(5, 36, 0, 360)).toBe(0);
    expect(scrollToRow(10, 36, 0, 360)).toBe(11 * 36 - 360);
    expect(scrollToRow(2, 36, 500, 360)).toBe(72);
    expect(rowsPerPage(36, 360)).toBe(9);
    expect(rowsPerPage(36, 10)).toBe(1);
  });
});
