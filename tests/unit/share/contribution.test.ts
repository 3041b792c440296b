import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskRecord } from '@/lib/model/records';
import {
  contributedTask,
  contributedTaskSchema,
  contributionHeaderSchema,
  contributionLines,
  contributorToken,
  isoWeekOf,
} from '@/lib/share/contribution';
import { makeTask } from '../rates/make-task';

const WORKER_ID = 'A3WORKERID0007';
const ASSIGNMENT = '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const CODE = 'C1A2B3C4';
const random = (bytes: Uint8Array) => bytes.map((_, i) => (i * 37 + 11) & 0xff);
const TOKEN = contributorToken(random);

/** A task carrying every kind of secret a record can hold, in the places a record holds them. */
const secretTask = (over: Partial<TaskRecord> = {}): TaskRecord =>
  makeTask({
    id: `mturk:${ASSIGNMENT}`,
    externalId: ASSIGNMENT,
    title: `Survey for ${WORKER_ID} at https://example.org/s?a=${ASSIGNMENT} — mail me@example.org`,
    requesterName: 'Lab <me@example.org>',
    completionCode: CODE,
    acceptedAt: Date.UTC(2026, 10, 25, 3, 17, 42),
    endedAt: Date.UTC(2026, 10, 25, 3, 29, 5),
    ...over,
  });

describe('isoWeekOf', () => {
  it.each([
    [Date.UTC(2026, 11, 1, 12), '2026-W49'],
    [Date.UTC(2021, 0, 1), '2020-W53'], // a Friday: the week of the year before
    [Date.UTC(2024, 11, 30), '2025-W01'], // a Monday: the first week of the next year
    [Date.UTC(2026, 0, 4, 23, 59), '2026-W01'],
    [Date.UTC(2026, 0, 5), '2026-W02'],
  ])('%s is %s', (at, week) => expect(isoWeekOf(at)).toBe(week));
});

describe('a contribution', () => {
  it('holds per finished task only its public ids, money, times rounded to 5 s, a coarse outcome and the week', () => {
    const record = contributedTask(secretTask({ activeMs: 183_400, bonuses: [{ amountMinor: 10, currency: 'USD', source: 'manual', at: 1 }, { amountMinor: 99, currency: 'EUR', source: 'manual', at: 1 }] }));
    expect(record).toEqual({
      platform: 'mturk',
      requesterId: 'R1',
      groupId: 'G1',
      reward: { amountMinor: 50, currency: 'USD' },
      bonusMinor: 10,
      advertisedSeconds: 300,
      advertisedKind: 'estimate',
      activeSeconds: 185,
      outcome: 'paid',
      week: '2026-W48',
      idleThresholdS: 60,
    });
  });

  it.each([
    ['accepted (still open)', { status: 'accepted' }],
    ['previewed', { status: 'previewed' }],
    ['timed by hand', { platform: 'manual', id: 'manual:x' }],
    ['with no public id', { requesterId: null, groupId: null }],
  ] as const)('leaves out a task %s', (_name, over) => {
    expect(contributedTask(secretTask(over as Partial<TaskRecord>))).toBeNull();
  });

  it('never carries an id that is not a public one, nor a deadline as an advertised time', () => {
    const record = contributedTask(secretTask({ requesterId: 'https://evil.example/x', advertisedKind: 'allotted', advertisedSeconds: 3600 }));
    expect(record).toMatchObject({ requesterId: null, groupId: 'G1', advertisedSeconds: null, advertisedKind: null });
  });

  it('NDJSON: a header with the collective’s token, then the chosen platforms and weeks, sorted by content', () => {
    const tasks = [
      secretTask({ id: 'mturk:B', activeMs: 60_000 }),
      secretTask({ id: 'mturk:A', activeMs: 30_000 }),
      secretTask({ id: 'prolific:C', platform: 'prolific', requesterId: null }),
      secretTask({ id: 'mturk:D', acceptedAt: Date.UTC(2026, 10, 2) }),
    ];
    const lines = contributionLines(tasks, { contributor: TOKEN, platforms: ['mturk'], weeks: ['2026-W48'], now: Date.UTC(2026, 11, 1) });
    expect(contributionHeaderSchema.parse(JSON.parse(lines[0]!))).toEqual({ format: 'truerate-contribution', version: 1, contributor: TOKEN, week: '2026-W49' });
    const records = lines.slice(1).map((line) => contributedTaskSchema.parse(JSON.parse(line)));
    expect(records.map((r) => r.activeSeconds)).toEqual([30, 60]);
    expect(lines.slice(1)).toEqual([...lines.slice(1)].sort());
  });

  it('a token is 128 random bits, from the random source only', () => {
    expect(TOKEN).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(contributorToken((b) => crypto.getRandomValues(b))).not.toBe(contributorToken((b) => crypto.getRandomValues(b)));
  });

  // The scan the format promises: nothing in any field of any generated contribution looks like a
  // worker id, an assignment or submission id, an address, an e-mail or a completion code.
  it('scanned field by field over random histories, shows none of the worker’s secrets', () => {
    const secretArb = fc.record({
      status: fc.constantFrom(...TASK_STATUSES),
      minutes: fc.integer({ min: 0, max: 120 }),
      seconds: fc.integer({ min: 0, max: 59 }),
      day: fc.integer({ min: 0, max: 400 }),
      group: fc.constantFrom('3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA', '674f1a2b3c4d5e6f7a8b9c0d', null),
    });
    fc.assert(
      fc.property(fc.array(secretArb, { maxLength: 30 }), (rows) => {
        const tasks = rows.map((r, i) =>
          secretTask({
            id: `mturk:${ASSIGNMENT}${i}`,
            externalId: `${ASSIGNMENT}${i}`,
            status: r.status,
            activeMs: r.minutes * 60_000 + r.seconds * 1000,
            acceptedAt: Date.UTC(2026, 0, 1) + r.day * 86_400_000 + r.seconds * 60_000,
            groupId: r.group,
            requesterId: 'A2P2MT8IK72CVZ',
          }),
        );
        const lines = contributionLines(tasks, { contributor: TOKEN, platforms: null, weeks: null, now: Date.UTC(2026, 11, 1) });
        for (const line of lines.slice(1)) {
          const record = contributedTaskSchema.parse(JSON.parse(line));
          for (const [field, value] of Object.entries(record)) {
            const text = typeof value === 'string' ? value : JSON.stringify(value);
            expect(text, field).not.toContain(WORKER_ID);
            expect(text, field).not.toContain(ASSIGNMENT);
            expect(text, field).not.toContain(CODE);
            expect(text, field).not.toMatch(/:\/\/|@|www\./);
            // Ids only where ids go, and only the task's public ones.
            if (field === 'requesterId') expect(value).toBe('A2P2MT8IK72CVZ');
            else if (field === 'groupId') expect([tasks[0]!.groupId, '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA', '674f1a2b3c4d5e6f7a8b9c0d', null]).toContain(value);
            else if (typeof value === 'string') expect(value).toMatch(/^(?:mturk|paid|pending|rejected|returned|screened-out|estimate|aet|\d{4}-W\d{2})$/);
          }
          // Nothing finer than a week, nothing finer than 5 s.
          expect(record.activeSeconds % 5).toBe(0);
        }
        expect(lines.join('\n')).not.toMatch(/T\d{2}:\d{2}|\d{13}/);
      }),
    );
  });
});
