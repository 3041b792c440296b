import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkBackup, restoreBackup } from '@/lib/ledger/restore';
import { checkBackupSize, MAX_BACKUP_BYTES } from '@/lib/backup/check-backup';
import type { TaskRecord } from '@/lib/model/records';
import { initialState } from '@/lib/tracking/state';
import { exportText, fixture, freshDb, seededDb, snapshot } from './helpers';
import { seedRecords, T } from './seed';

const validBackup = () => {
  const checked = checkBackup(fixture('valid.json'));
  if (!checked.ok) throw new Error('valid.json does not pass');
  return checked;
};

const edit = (mutate: (data: Record<string, unknown[]>) => void) => {
  const data = JSON.parse(fixture('valid.json')) as Record<string, unknown[]>;
  mutate(data);
  return JSON.stringify(data);
};

describe('checkBackup', () => {
  it('accepts the valid fixture and counts what it holds', () => {
    expect(validBackup().counts).toEqual({
      tasks: 5,
      segments: 11,
      offers: 2,
      gaps: 2,
      edits: 2,
      overheadSegments: 2,
      excludedSegments: 1,
    });
  });

  it('lists every problem of the broken fixture with its path', () => {
    const checked = checkBackup(fixture('broken.json'));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const byPath = Object.fromEntries(checked.problems.map((p) => [p.path, p.code]));
    expect(byPath).toEqual({
      'tasks[1].reward.currency': 'invalid',
      'tasks[2].status': 'invalid',
      'tasks[3].activeMs': 'invalid',
      'segments[3].id': 'duplicate-id',
      'segments[5].taskId': 'unknown-task',
      'segments[6].end': 'end-before-start',
      'offers[0].reward.amountMinor': 'invalid',
    });
    expect(checked.problems.find((p) => p.code === 'duplicate-id')?.params).toEqual(['3', 'segments[2]']);
    expect(checked.moreProblems).toBe(0);
  });

  it('refuses what is not JSON, not a backup, or a newer version, before reading any record', () => {
    const notJson = checkBackup('{"format": "truerate-backup",');
    expect(notJson.ok === false && notJson.problems.map((p) => p.code)).toEqual(['json']);
    const other = checkBackup('{"format":"something-else","version":1}');
    expect(other.ok === false && other.problems.map((p) => [p.path, p.code])).toEqual([['format', 'format']]);
    const newer = checkBackup(edit((d) => ((d as Record<string, unknown>).version = 2)));
    expect(newer.ok === false && newer.problems).toEqual([expect.objectContaining({ code: 'version', params: ['2'] })]);
    const list = checkBackup('[]');
    expect(list.ok === false && list.problems.map((p) => p.code)).toEqual(['not-object']);
  });

  it('says when a table is missing or not a list', () => {
    const checked = checkBackup(edit((d) => {
      delete d.gaps;
      (d as Record<string, unknown>).edits = {};
    }));
    expect(checked.ok === false && checked.problems.map((p) => [p.path, p.code])).toEqual([
      ['gaps', 'not-array'],
      ['edits', 'not-array'],
    ]);
  });

  it('caps the list and says how many more problems there are', () => {
    const text = edit((d) => {
      for (const task of d.tasks as TaskRecord[]) (task as Record<string, unknown>).status = 'bogus';
    });
    const checked = checkBackup(text, { maxProblems: 2 });
    expect(checked.ok === false && [checked.problems.length, checked.moreProblems]).toEqual([2, 3]);
  });

  it("says zod's part in the language of the error map it is given", () => {
    const checked = checkBackup(fixture('broken.json'), { errorMap: z.locales.fr().localeError });
    const english = checkBackup(fixture('broken.json'));
    const path = 'tasks[1].reward.currency';
    const fr = checked.ok ? undefined : checked.problems.find((p) => p.path === path)?.message;
    const en = english.ok ? undefined : english.problems.find((p) => p.path === path)?.message;
    expect(fr).toBeTruthy();
    expect(fr).not.toBe(en);
  });
});

describe('restoreBackup', () => {
  it('a backup made before offers counted their sightings restores them seen once, and exports them so', async () => {
    const old = edit((d) => {
      for (const offer of d.offers as Record<string, unknown>[]) delete offer.seenCount;
    });
    const checked = checkBackup(old);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(checked.backup.offers.map((o) => o.seenCount)).toEqual([1, 1]);
    const db = freshDb();
    await restoreBackup(db, checked.backup, { mode: 'replace' });
    expect((await db.offers.toArray()).map((o) => o.seenCount)).toEqual([1, 1]);
    expect(await exportText(db)).toContain('"lastSeenAt":1794999940000,"seenCount":1}');
  });

  it('refuses a sighting count that is not a whole number of at least 1', () => {
    for (const bad of [0, 1.5, -2, '3']) {
      const checked = checkBackup(edit((d) => ((d.offers as Record<string, unknown>[])[0]!.seenCount = bad)));
      expect(checked.ok === false && checked.problems.map((p) => p.path)).toEqual(['offers[0].seenCount']);
    }
  });

  it('a file that fails the check changes nothing', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const checked = checkBackup(fixture('broken.json'));
    expect(checked.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a write that fails midway leaves the database as it was (one transaction)', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const { backup } = validBackup();
    // Two records under one id slip past no check here, so bulkAdd fails after writing others.
    const bad = { ...backup, edits: [...backup.edits, backup.edits[0]!] };
    await expect(restoreBackup(db, bad, { mode: 'replace' })).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('replace clears what was there and reports progress up to every record', async () => {
    const db = freshDb();
    await db.tasks.add({ ...seedRecords().tasks[0]!, id: 'mturk:OLD', externalId: 'OLD' });
    const progress: number[] = [];
    const result = await restoreBackup(db, validBackup().backup, { mode: 'replace', chunkSize: 3, onProgress: (p) => progress.push(p.done) });
    expect(await db.tasks.get('mturk:OLD')).toBeUndefined();
    expect(result.added).toEqual({ tasks: 5, segments: 11, offers: 2, gaps: 2, edits: 2 });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(22);
  });

  it('replace resets the tracker when it was timing a task the file does not hold, keeping its high-water mark', async () => {
    const db = freshDb();
    const state = { ...initialState(), manual: { taskId: 'manual:gone', thresholdMs: 60_000 }, highWater: T + 5 };
    await db.tracker.put({ key: 'state', state });
    const result = await restoreBackup(db, validBackup().backup, { mode: 'replace' });
    expect(result.trackerReset).toBe(true);
    expect((await db.tracker.get('state'))?.state).toEqual({ ...initialState(), highWater: T + 5 });
  });

  it('replace keeps the tracker when the task it times is in the file', async () => {
    const db = freshDb();
    const state = { ...initialState(), manual: { taskId: 'manual:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', thresholdMs: 60_000 } };
    await db.tracker.put({ key: 'state', state });
    expect((await restoreBackup(db, validBackup().backup, { mode: 'replace' })).trackerReset).toBe(false);
    expect((await db.tracker.get('state'))?.state).toEqual(state);
  });
});

describe('restoreBackup, merge', () => {
  it('merging the same backup again adds nothing and finds no conflict', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const result = await restoreBackup(db, validBackup().backup, { mode: 'merge' });
    expect(result.added).toEqual({ tasks: 0, segments: 0, offers: 0, gaps: 0, edits: 0 });
    expect(result.unchanged).toEqual({ tasks: 5, segments: 11, offers: 2, gaps: 2, edits: 2 });
    expect(result.conflicts).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('keeps existing records, adds new ones, and reports a task with the same id and other content', async () => {
    const records = seedRecords();
    const [mturk, prolific] = records.tasks as [TaskRecord, TaskRecord];
    // The worker's database: the MTurk task with another status, no Prolific task, an extra task.
    const mine = { ...mturk, status: 'paid' as const, updatedAt: T + 99 };
    const extra = { ...prolific, id: 'prolific:mine', externalId: 'mine' };
    const db = await seededDb({
      ...records,
      tasks: [mine, extra, ...records.tasks.slice(2)],
      segments: records.segments.filter((s) => s.taskId !== prolific.id),
      gaps: records.gaps.filter((g) => g.taskId !== prolific.id),
    });
    const result = await restoreBackup(db, validBackup().backup, { mode: 'merge' });
    expect(result.conflicts).toEqual([{ table: 'tasks', id: mturk.id }]);
    expect(result.added.tasks).toBe(1);
    expect(result.added.segments).toBe(3);
    expect(result.added.gaps).toBe(1);
    expect(await db.tasks.get(mturk.id)).toEqual(mine);
    expect(await db.tasks.get(extra.id)).toEqual(extra);
    expect(await db.tasks.get(prolific.id)).toMatchObject({ status: 'paid', completionCode: 'C1A2B3C4' });
    expect(await db.segments.where('taskId').equals(prolific.id).count()).toBe(3);
  });

  it('sets aside the segments of a conflicting task, so its active time still matches its own segments', async () => {
    const records = seedRecords();
    const mturk = records.tasks[0]!;
    const db = await seededDb({
      ...records,
      tasks: [{ ...mturk, activeMs: 60_000, title: 'mine' }, ...records.tasks.slice(1)],
      segments: [...records.segments.filter((s) => s.taskId !== mturk.id), { id: 2, taskId: mturk.id, platform: 'mturk', start: T, end: T + 60_000, source: 'manual', excluded: false }],
      edits: [],
    });
    const result = await restoreBackup(db, validBackup().backup, { mode: 'merge' });
    expect(result.conflicts).toEqual([{ table: 'tasks', id: mturk.id }]);
    expect(result.keptWithTask).toBe(3 + 2); // segments 2, 3 and 4 and both edits belong to it
    expect(await db.segments.where('taskId').equals(mturk.id).toArray()).toEqual([
      { id: 2, taskId: mturk.id, platform: 'mturk', start: T, end: T + 60_000, source: 'manual', excluded: false },
    ]);
  });

  it("gives a new number to a record whose number another install used, and updates edits' references", async () => {
    const records = seedRecords();
    // Another install: different tasks and segments under the same numbers 1..11, a day later.
    const DAY = 86_400_000;
    const theirs = await seededDb({
      tasks: [{ ...records.tasks[0]!, id: 'mturk:OTHER', externalId: 'OTHER' }],
      segments: records.segments.map((s) => ({ ...s, taskId: s.taskId === null ? null : 'mturk:OTHER', start: s.start + DAY, end: s.end + DAY })),
      offers: [],
      gaps: [],
      edits: [],
    });
    const before = await snapshot(theirs);
    const result = await restoreBackup(theirs, validBackup().backup, { mode: 'merge' });
    expect(result.conflicts).toEqual([]);
    expect(result.renumbered).toBe(11);
    expect(result.added).toEqual({ tasks: 5, segments: 11, offers: 2, gaps: 2, edits: 2 });
    const after = await snapshot(theirs);
    for (const segment of before.segments) expect(after.segments).toContainEqual(segment);
    // Segment 4 (excluded) is now under a new number, and the exclude edit points at it.
    const excluded = after.segments.find((s) => s.excluded && s.taskId === records.tasks[0]!.id);
    expect(excluded?.id).toBeGreaterThan(11);
    const exclusion = after.edits.find((e) => e.kind === 'exclude-segment');
    expect(exclusion?.after.segments[0]?.id).toBe(excluded?.id);
    // And a second merge of the same file finds everything already there.
    const again = await restoreBackup(theirs, validBackup().backup, { mode: 'merge' });
    expect(again.added).toEqual({ tasks: 0, segments: 0, offers: 0, gaps: 0, edits: 0 });
  });

  it('leaves out whole a task whose time this database already gives to other work, and overhead over such time', async () => {
    const records = seedRecords();
    // This install worked on something else over the first task's first minute, and has overhead
    // over every overhead segment of the file.
    const first = records.segments.find((s) => s.taskId === records.tasks[0]!.id)!;
    const overheadOfFile = records.segments.filter((s) => s.taskId === null && s.end > s.start);
    const ours = await seededDb({
      tasks: [{ ...records.tasks[0]!, id: 'mturk:OURS', externalId: 'OURS', activeMs: first.end - first.start }],
      segments: [
        { taskId: 'mturk:OURS', platform: 'mturk', start: first.start, end: first.end, source: 'measured', excluded: false },
        ...overheadOfFile.map((s) => ({ ...s, id: undefined, start: s.start, end: s.end, taskId: null, platform: 'toloka' as const })),
      ],
      offers: [],
      gaps: [],
      edits: [],
    });
    const result = await restoreBackup(ours, validBackup().backup, { mode: 'merge' });
    expect(result.overlaps).toEqual([{ table: 'tasks', id: records.tasks[0]!.id }]);
    expect(result.leftOutOverhead).toBe(overheadOfFile.length);
    expect(await ours.tasks.get(records.tasks[0]!.id)).toBeUndefined();
    const segments = (await ours.segments.toArray()).filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBeGreaterThanOrEqual(segments[i - 1]!.end);
  });

  it('a task that differs only by its flags is the same task', async () => {
    const db = await seededDb();
    const text = await exportText(db);
    const checked = checkBackup(text);
    if (!checked.ok) throw new Error('export does not pass');
    expect(checked.backup.tasks.some((t) => t.flags.length > 0)).toBe(true);
    expect((await restoreBackup(db, checked.backup, { mode: 'merge' })).conflicts).toEqual([]);
  });
});

describe('the size cap of a backup', () => {
  it('refuses a file above MAX_BACKUP_BYTES by its size alone, naming both sizes', () => {
    expect(checkBackupSize(MAX_BACKUP_BYTES)).toBeNull();
    const refused = checkBackupSize(MAX_BACKUP_BYTES + 1);
    expect(refused).toEqual({ ok: false, moreProblems: 0, problems: [expect.objectContaining({ code: 'too-large', params: ['257', '256'] })] });
  });
});
