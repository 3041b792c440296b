import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, facetCounts, filterRows, sortRows, SORT_KEYS, type SortKey } from '@/lib/dashboard/history-query';
import { foldText, queryWords } from '@/lib/dashboard/text-search';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeTask, rowsOf, T0 } from './make-task';

const ids = (rows: { task: { id: string } }[]) => rows.map((r) => r.task.id);

describe('text search', () => {
  it('folds case and accents', () => {
    expect(foldText('Étude CAFÉ Ñandú')).toBe('etude cafe nandu');
    expect(queryWords('  Café   Crème ')).toEqual(['cafe', 'creme']);
  });

  it('finds titles, requesters and ids whatever the case and accents, every word required', () => {
    const rows = rowsOf([
      makeTask(1, { title: 'Étude sur le café', requesterName: 'Université de Lyon' }),
      makeTask(2, { title: 'Cafe survey', requesterName: 'ACME' }),
      makeTask(3, { title: 'Image tagging', requesterName: 'Zoë Research', requesterId: 'A2XYZ' }),
    ]);
    const search = (query: string) => ids(filterRows(rows, { ...EMPTY_FILTER, query }));
    expect(search('CAFE')).toEqual(['mturk:A000001', 'mturk:A000002']);
    expect(search('etude cafe')).toEqual(['mturk:A000001']);
    expect(search('universite')).toEqual(['mturk:A000001']);
    expect(search('zoe')).toEqual(['mturk:A000003']);
    expect(search('a2xyz')).toEqual(['mturk:A000003']);
    expect(search('A000002')).toEqual(['mturk:A000002']);
    expect(search('cafe tagging')).toEqual([]);
  });
});

describe('filterRows', () => {
  const tasks = [
    makeTask(1, { platform: 'prolific', id: 'prolific:S1', status: 'approved' }),
    makeTask(2, { status: 'returned', activeMs: 120_000 }),
    makeTask(3, { status: 'submitted' }),
    makeTask(4, { requesterId: 'R9', requesterName: 'Other' }),
  ];
  const rows = rowsOf(tasks);

  it('filters by platform, status and requester', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, platform: 'prolific' }))).toEqual(['prolific:S1']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, status: 'submitted' }))).toEqual(['mturk:A000003']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, requester: 'mturk:R9' }))).toEqual(['mturk:A000004']);
  });

  it('filters by flag as lib/rates raised it', () => {
    const unpaid = filterRows(rows, { ...EMPTY_FILTER, flag: 'unpaid-work' });
    expect(ids(unpaid)).toEqual(['mturk:A000002']);
    expect(unpaid.every((r) => r.rates.flags.includes('unpaid-work'))).toBe(true);
  });

  it('filters by a date range, from inclusive and to exclusive', () => {
    const from = T0 - 3 * 60_000;
    const to = T0 - 60_000;
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, from, to }))).toEqual(['mturk:A000002', 'mturk:A000003']);
  });

  it('combines filters', () => {
    expect(filterRows(rows, { ...EMPTY_FILTER, platform: 'mturk', status: 'approved', query: 'number 4' })).toHaveLength(1);
  });

  it('counts facets', () => {
    expect(facetCounts(rows, (r) => r.task.platform)).toEqual(new Map([['prolific', 1], ['mturk', 3]]));
  });
});

describe('sortRows', () => {
  const tasks = Array.from({ length: 60 }, (_, n) =>
    makeTask(n, n % 10 === 0 ? { reward: null, advertisedSeconds: null, title: null } : {}),
  );
  const rows = rowsOf(tasks);

  it.each(SORT_KEYS.map((k) => [k] as [SortKey]))('sorts by %s both ways, unknown values last', (key) => {
    for (const direction of ['ascending', 'descending'] as const) {
      const sorted = sortRows(rows, { key, direction });
      expect(sorted).toHaveLength(rows.length);
      expect(new Set(ids(sorted))).toEqual(new Set(ids(rows)));
      const value = (i: number) => {
        const r = sorted[i]!;
        const v = {
          date: r.task.acceptedAt,
          platform: r.task.platform,
          title: r.task.title,
          requester: r.task.requesterName,
          reward: r.task.reward?.amountMinor ?? null,
          advertised: r.task.advertisedSeconds,
          active: r.rates.countedMs,
          trueRate: r.rates.trueRate?.minorPerHour ?? null,
          status: r.task.status,
          flags: r.rates.flags.length,
        }[key];
        return v;
      };
      let seenNull = false;
      for (let i = 1; i < sorted.length; i++) {
        const a = value(i - 1);
        const b = value(i);
        if (a === null) seenNull = true;
        if (seenNull) {
          expect(b).toBeNull();
          continue;
        }
        if (b === null) continue;
        if (typeof a === 'number' && typeof b === 'number') {
          if (direction === 'ascending') expect(a).toBeLessThanOrEqual(b);
          else expect(a).toBeGreaterThanOrEqual(b);
        } else {
          const c = String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
          if (direction === 'ascending') expect(c).toBeLessThanOrEqual(0);
          else expect(c).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('an open task, or one too short for a rate, has no true rate: last both ways', () => {
    // Ten minutes in: long enough for a rate, but still open.
    const open = makeTask(100, { status: 'accepted', endedAt: null, activeMs: 600_000, reward: { amountMinor: 35, currency: 'USD' }, acceptedAt: T0 });
    const short = makeTask(101, { activeMs: 8000, acceptedAt: T0 - 1000 });
    const mixed = rowsOf([makeTask(1), open, makeTask(2), short, makeTask(3)]);
    for (const direction of ['ascending', 'descending'] as const) {
      const sorted = sortRows(mixed, { key: 'trueRate', direction });
      expect([direction, ids(sorted).slice(-2)]).toEqual([direction, [open.id, short.id]]);
    }
  });

  it('keeps currencies apart when sorting money', () => {
    const mixed = rowsOf([
      makeTask(1, { reward: { amountMinor: 500, currency: 'USD' } }),
      makeTask(2, { reward: { amountMinor: 100, currency: 'GBP' } }),
      makeTask(3, { reward: { amountMinor: 50, currency: 'USD' } }),
      makeTask(4, { reward: { amountMinor: 900, currency: 'GBP' } }),
    ]);
    const sorted = sortRows(mixed, { key: 'reward', direction: 'ascending' });
    expect(sorted.map((r) => `${r.task.reward?.currency}${r.task.reward?.amountMinor}`)).toEqual([
      'GBP100',
      'GBP900',
      'USD50',
      'USD500',
    ]);
  });

  it('filters and sorts 100,000 rows correctly', () => {
    const many = rowsOf(Array.from({ length: 100_000 }, (_, n) => makeTask(n)), DEFAULT_SETTINGS);
    const filtered = filterRows(many, { ...EMPTY_FILTER, requester: 'mturk:R3', query: 'NUMBER 12' });
    // Every word anywhere in title, requester or ids (the ids "A0012xx" hold "12" too).
    const expected = many.filter((r) => {
      const text = [r.task.title, r.task.requesterName, r.task.requesterId, r.task.externalId, r.task.id].join(' ').toLowerCase();
      return r.task.requesterId === 'R3' && text.includes('number') && text.includes('12');
    });
    expect(expected.length).toBeGreaterThan(100);
    expect(ids(filtered)).toEqual(ids(expected));
    const sorted = sortRows(filtered, { key: 'trueRate', direction: 'descending' });
    const rates = sorted.map((r) => r.rates.trueRate?.minorPerHour ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
  });
});
