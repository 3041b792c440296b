import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { checkBackup, restoreBackup } from '@/lib/ledger/restore';
import { exportText, fixture, freshDb, seededDb } from './helpers';
import { seedRecords, T, testFlagsOf } from './seed';

const withoutExportedAt = (text: string) => text.replace(/"exportedAt":"[^"]*"/, '"exportedAt":""');

async function restoreInto(text: string) {
  const checked = checkBackup(text);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const db = freshDb();
  await restoreBackup(db, checked.backup, { mode: 'replace' });
  return db;
}

describe('backup round trip', () => {
  it('export -> restore into an empty database -> export gives the same text but for exportedAt', async () => {
    const first = await exportText(await seededDb(), T + 1_000);
    const again = await exportText(await restoreInto(first), T + 999_000);
    expect(again).not.toBe(first);
    expect(withoutExportedAt(again)).toBe(withoutExportedAt(first));
  });

  it('the valid fixture is exactly what TrueRate exports, and survives a restore unchanged', async () => {
    const text = fixture('valid.json');
    expect(await exportText(await seededDb())).toBe(text);
    expect(await exportText(await restoreInto(text))).toBe(text);
  });

  it('gives back every kind of record: manual task, overhead and excluded segments, bonuses, gaps, edits', async () => {
    const records = seedRecords();
    const db = await restoreInto(await exportText(await seededDb(records)));
    const tasks = await db.tasks.toArray();
    expect(tasks.map((t) => t.id).sort()).toEqual(records.tasks.map((t) => t.id).sort());
    expect(tasks.find((t) => t.platform === 'manual')).toMatchObject({ reward: { amountMinor: 500, currency: 'JPY' } });
    expect(await db.segments.toArray()).toEqual(records.segments);
    expect(await db.segments.filter((s) => s.taskId === null).count()).toBe(2);
    expect(await db.segments.filter((s) => s.excluded).count()).toBe(1);
    expect((await db.tasks.get(records.tasks[0]!.id))?.bonuses).toEqual(records.tasks[0]!.bonuses);
    expect(await db.gaps.toArray()).toEqual(records.gaps);
    expect(await db.edits.toArray()).toEqual(records.edits);
    expect(await db.offers.toArray()).toEqual(records.offers);
  });

  it('writes the flags computed at export, and restore keeps them as written', async () => {
    const records = seedRecords();
    const db = await restoreInto(await exportText(await seededDb(records)));
    for (const task of records.tasks) {
      expect(task.flags).toEqual([]);
      expect((await db.tasks.get(task.id))?.flags).toEqual(testFlagsOf(task));
    }
    expect((await db.tasks.get('toloka:1234567890--abcdef'))?.flags).toEqual(['unpaid-work']);
  });

  it('reads in chunks: small chunks give the same file, and progress counts up to every record', async () => {
    const db = await seededDb();
    const whole = await exportText(db);
    expect(await exportText(db, T + 100 * 60_000, 2)).toBe(whole);
    const seen: { done: number; total: number }[] = [];
    const parts = await exportBackup(db, {
      now: () => T,
      flagsOf: testFlagsOf,
      extensionVersion: '0.1.0',
      chunkSize: 4,
      onProgress: (p) => seen.push(p),
    });
    const r = seedRecords();
    const total = r.tasks.length + r.segments.length + r.offers.length + r.gaps.length + r.edits.length;
    expect(seen[0]).toEqual({ done: 0, total });
    expect(seen.at(-1)).toEqual({ done: total, total });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    // Parts, not one string: the segments alone span several parts at 4 records a chunk.
    expect(parts.length).toBeGreaterThan(10);
  });

  it('an empty database exports a file that restores to an empty database', async () => {
    const text = await exportText(freshDb());
    expect(JSON.parse(text)).toMatchObject({ tasks: [], segments: [], offers: [], gaps: [], edits: [] });
    expect(await exportText(await restoreInto(text))).toBe(text);
  });
});
