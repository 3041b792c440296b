import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportTasksCsv, minorToDecimal, msToSeconds, tasksToCsv } from '@/lib/backup/csv';
import type { TaskRecord } from '@/lib/model/records';
import { taskRates } from '@/lib/rates/task-rates';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { seededDb } from './helpers';
import { seedRecords, testFlagsOf } from './seed';

/** A small RFC 4180 reader, so the tests check what a spreadsheet would see, cell by cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('last line not ended by CRLF');
  return rows;
}

const tasks = seedRecords().tasks;
const rowsOf = (list: TaskRecord[], rateOf?: Parameters<typeof tasksToCsv>[1]['rateOf']) => {
  const [header, ...rows] = parseCsv(tasksToCsv(list, { flagsOf: testFlagsOf, rateOf }).slice(1));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
};
const task = (over: Partial<TaskRecord>): TaskRecord => ({ ...tasks[0]!, ...over });

describe('tasks as CSV', () => {
  it('starts with a UTF-8 BOM and the header, ends every line with CRLF', () => {
    const text = tasksToCsv(tasks, { flagsOf: testFlagsOf });
    expect(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // Every row has every column, even with commas, quotes and line breaks inside cells.
    for (const row of parseCsv(text.slice(1))) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps them in the cell', () => {
    const text = tasksToCsv([tasks[0]!], { flagsOf: testFlagsOf });
    expect(text).toContain('"Acme ""Research"", Inc."');
    expect(text).toContain('"Label 20 images, quickly\nthen submit"');
    expect(rowsOf([tasks[0]!])[0]).toMatchObject({
      requester_name: 'Acme "Research", Inc.',
      title: 'Label 20 images, quickly\nthen submit',
    });
  });

  it('keeps non-Latin text as it is', () => {
    expect(rowsOf([task({ title: 'Évaluer — 検索の評価 — تقييم', requesterName: 'Ясно' })])[0]).toMatchObject({
      title: 'Évaluer — 検索の評価 — تقييم',
      requester_name: 'Ясно',
    });
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    for (const hostile of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\r=1']) {
      const row = rowsOf([task({ title: hostile, requesterName: hostile })])[0]!;
      expect(row.title).toBe(`'${hostile}`);
      expect(row.requester_name).toBe(`'${hostile}`);
    }
    expect(rowsOf([tasks[1]!])[0]!.requester_name).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(rowsOf([task({ title: 'a=1' })])[0]!.title).toBe('a=1');
  });

  it('writes dates in ISO 8601, UTC', () => {
    const row = rowsOf([task({ acceptedAt: Date.UTC(2026, 10, 28, 14, 5), endedAt: null })])[0]!;
    expect(row.accepted_at).toBe('2026-11-28T14:05:00.000Z');
    expect(row.ended_at).toBe('');
  });

  it('writes money as a decimal with a dot, from minor units, with its currency', () => {
    const money = (amountMinor: number, currency: string) =>
      rowsOf([task({ reward: { amountMinor, currency } })])[0]!;
    expect(money(29, 'USD')).toMatchObject({ reward_amount: '0.29', reward_currency: 'USD' });
    expect(money(199_999, 'USD')).toMatchObject({ reward_amount: '1999.99' });
    expect(money(5, 'GBP')).toMatchObject({ reward_amount: '0.05' });
    expect(money(500, 'JPY')).toMatchObject({ reward_amount: '500', reward_currency: 'JPY' });
    expect(money(1_500, 'KWD')).toMatchObject({ reward_amount: '1.500' });
    expect(rowsOf([task({ reward: null })])[0]).toMatchObject({ reward_amount: '', reward_currency: '' });
    expect(minorToDecimal(-129, 'USD')).toBe('-1.29');
  });

  it('sums bonuses per currency in integers', () => {
    const bonus = (amountMinor: number, currency: string) => ({ amountMinor, currency, source: 'manual' as const, at: 0 });
    expect(rowsOf([task({ bonuses: [bonus(10, 'USD'), bonus(20, 'USD')] })])[0]).toMatchObject({ bonus_amount: '0.30', bonus_currency: 'USD' });
    expect(rowsOf([task({ bonuses: [bonus(150, 'USD'), bonus(75, 'GBP')] })])[0]).toMatchObject({ bonus_amount: '0.75;1.50', bonus_currency: 'GBP;USD' });
  });

  it('writes times in seconds, the advertised time and kind, status, flags and true rate', () => {
    const row = rowsOf([tasks[0]!], () => ({ minorPerHour: 1_234, currency: 'USD' }))[0]!;
    expect(row).toMatchObject({
      active_seconds: '301.234',
      wall_seconds: '600',
      advertised_seconds: '180',
      advertised_kind: 'estimate',
      status: 'approved',
      flags: 'longer-than-advertised',
      true_rate_per_hour: '12.34',
      true_rate_currency: 'USD',
    });
    expect(rowsOf([tasks[0]!])[0]).toMatchObject({ true_rate_per_hour: '', true_rate_currency: '' });
    expect(rowsOf([task({ flags: [] })], undefined)[0]!.flags).toBe('longer-than-advertised');
    expect(msToSeconds(65_430)).toBe('65.43');
    expect(msToSeconds(999)).toBe('0.999');
  });

  it('with the rate lib/rates gives: an ended task keeps its cells, an open one has them empty', () => {
    const rateOf = (t: TaskRecord) => taskRates(t, DEFAULT_SETTINGS).trueRate;
    const ended = task({ status: 'approved', reward: { amountMinor: 50, currency: 'USD' }, bonuses: [], activeMs: 600_000 });
    const open = task({ id: 'mturk:OPEN', status: 'accepted', endedAt: null, reward: { amountMinor: 35, currency: 'USD' }, activeMs: 3000 });
    const [endedRow, openRow] = rowsOf([ended, open], rateOf);
    expect(endedRow).toMatchObject({ true_rate_per_hour: '3.00', true_rate_currency: 'USD' });
    expect(openRow).toMatchObject({ status: 'accepted', ended_at: '', true_rate_per_hour: '', true_rate_currency: '', reward_amount: '0.35' });
    expect(Object.keys(openRow!)).toEqual([...CSV_COLUMNS]);
  });

  it('reads the database in chunks, oldest first, with progress', async () => {
    const db = await seededDb();
    const seen: number[] = [];
    const parts = await exportTasksCsv(db, { flagsOf: testFlagsOf, chunkSize: 2, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([0, 2, 4, 5]);
    const sorted = [...tasks].sort((a, b) => a.acceptedAt - b.acceptedAt);
    expect(parts.join('')).toBe(tasksToCsv(sorted, { flagsOf: testFlagsOf }));
  });
});
