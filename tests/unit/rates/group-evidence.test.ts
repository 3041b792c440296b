import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { groupEvidenceSummary } from '@/lib/rates/group-evidence';
import { groupStats } from '@/lib/rates/group-stats';
import { makeTask, settingsWith } from './make-task';

const messages = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = makeTranslator(messages('en'));
const fr = makeTranslator(messages('fr'));

// Three finished tasks of R1, each advertised 5 min: 10, 12 and 15 min counted (ratios 2, 2.4, 3).
const tasks = [
  makeTask({ id: 'mturk:A1', externalId: 'A1', title: 'First <b>receipt</b>', activeMs: 600_000, acceptedAt: Date.UTC(2026, 10, 26, 9) }),
  makeTask({ id: 'mturk:A2', externalId: 'A2', title: 'Second receipt', activeMs: 720_000, acceptedAt: Date.UTC(2026, 10, 27, 9) }),
  makeTask({ id: 'mturk:A3', externalId: 'A3', title: 'Third receipt', activeMs: 900_000, acceptedAt: Date.UTC(2026, 10, 28, 9) }),
  makeTask({ id: 'mturk:B1', externalId: 'B1', requesterId: 'R2', requesterName: 'Someone else', title: 'Not theirs' }),
  makeTask({ id: 'mturk:A4', externalId: 'A4', status: 'accepted', title: 'Still open' }),
];
const settings = settingsWith({ minHourlyMinor: { USD: 1200 } });

describe('evidence for a requester', () => {
  const stats = groupStats(tasks, 'requester', settings).find((g) => g.key === 'mturk:R1');
  if (!stats) throw new Error('no group mturk:R1');

  it('states n, the median ratio with its interval and true coverage, the rates, and each finished task of that requester only', () => {
    const text = groupEvidenceSummary(stats, 'requester', tasks, settings, en, 'en', 'UTC');
    expect(stats.flags).toContain('longer-than-advertised');
    expect(text).toContain('Requester: Requester One (id R1)');
    expect(text).toContain('Finished tasks: 3');
    // n = 3: the widest interval, min to max, holds the median with probability 1 - 2/8 = 75 %.
    expect(text).toContain('median: 2.4× (range 2×–3×, which holds the true median with probability 75%), over 3 tasks');
    // Median true rate: $0.50 over 12 min is $2.50/h; the worker's minimum is $12.00/h.
    expect(text).toContain('Median true rate: $2.50/h');
    expect(text).toContain('$12.00/h');
    const taskLines = text.split('\n').filter((l) => l.startsWith('- '));
    expect(taskLines).toHaveLength(3);
    expect(taskLines[0]).toContain('Third receipt');
    expect(taskLines[2]).toContain('First <b>receipt</b>: advertised 5:00, active 10:00, true rate $3.00/h, Approved');
    expect(text).not.toContain('Not theirs');
    expect(text).not.toContain('Still open');
  });

  it('is written in French with French numbers', () => {
    const text = groupEvidenceSummary(stats, 'requester', tasks, settings, fr, 'fr', 'UTC');
    expect(text).toContain('Tâches terminées : 3');
    expect(text).toContain('2,4×');
    // Intl puts a narrow no-break space before % in French.
    expect(text).toMatch(/75\s%/u);
    expect(text).not.toMatch(/evidence_|dash_/);
  });

  it.each([
    [1, 'en', en, 'Not counted yet: 1 task still open.'],
    [2, 'en', en, 'Not counted yet: 2 tasks still open.'],
    [1, 'fr', fr, 'Pas encore comptée : 1 tâche encore ouverte.'],
    [2, 'fr', fr, 'Pas encore comptées : 2 tâches encore ouvertes.'],
  ] as const)('counts %i open tasks apart in %s, with no line or rate of their own', (n, locale, t, line) => {
    const more = makeTask({ id: 'mturk:A5', externalId: 'A5', status: 'accepted', title: 'Also open' });
    const withOpen = n === 2 ? [...tasks, more] : tasks;
    const g = groupStats(withOpen, 'requester', settings).find((x) => x.key === 'mturk:R1')!;
    expect(g).toEqual(stats);
    const text = groupEvidenceSummary(g, 'requester', withOpen, settings, t, locale, 'UTC');
    expect(text.split('\n')).toContain(line);
    expect(text).not.toContain('Also open');
  });

  // The real strings, so a call site back on t() with a fixed plural fails here.
  it.each([
    [1, 'en', en, 'over 1 task with an advertised time'],
    [2, 'en', en, 'over 2 tasks with an advertised time'],
    [1, 'fr', fr, 'sur 1 tâche avec un temps annoncé'],
    [2, 'fr', fr, 'sur 2 tâches avec un temps annoncé'],
  ] as const)('says over how many tasks the ratio is, %i in %s', (n, locale, t, words) => {
    const some = tasks.slice(0, n);
    const g = groupStats(some, 'requester', settings).find((x) => x.key === 'mturk:R1')!;
    expect(g.ratio?.n).toBe(n);
    const line = groupEvidenceSummary(g, 'requester', some, settings, t, locale, 'UTC').split('\n').find((l) => l.includes('×'));
    expect(line?.slice(-words.length)).toBe(words);
  });

  it.each([
    [1, 'en', en, '… and 1 older task.'],
    [2, 'en', en, '… and 2 older tasks.'],
    [1, 'fr', fr, '… et 1 tâche plus ancienne.'],
    [2, 'fr', fr, '… et 2 tâches plus anciennes.'],
  ] as const)('lists 200 tasks and says how many older ones it left out, %i in %s', (older, locale, t, line) => {
    const many = Array.from({ length: 200 + older }, (_, i) =>
      makeTask({ id: `mturk:M${i}`, externalId: `M${i}`, acceptedAt: Date.UTC(2026, 10, 1) + i * 60_000 }),
    );
    const g = groupStats(many, 'requester', settings).find((x) => x.key === 'mturk:R1')!;
    const lines = groupEvidenceSummary(g, 'requester', many, settings, t, locale, 'UTC').split('\n');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(200);
    expect(lines.at(-1)).toBe(line);
  });

  it('says nothing of open tasks when there are none', () => {
    const finished = tasks.filter((task) => task.status !== 'accepted');
    expect(groupEvidenceSummary(stats, 'requester', finished, settings, en, 'en', 'UTC')).not.toContain('Not counted yet');
  });

  it('a task too short for a rate says so on its line', () => {
    const short = [...tasks, makeTask({ id: 'mturk:A6', externalId: 'A6', title: 'Quick one', activeMs: 4000, acceptedAt: Date.UTC(2026, 10, 28, 10) })];
    const g = groupStats(short, 'requester', settings).find((x) => x.key === 'mturk:R1')!;
    const line = groupEvidenceSummary(g, 'requester', short, settings, en, 'en', 'UTC').split('\n').find((l) => l.includes('Quick one'));
    expect(line).toContain('true rate too short to tell (less than 10 s of counted time)');
  });

  it('says when no task advertised a time', () => {
    const silent = tasks.map((t) => ({ ...t, advertisedSeconds: null, advertisedKind: null }));
    const g = groupStats(silent, 'requester', settings).find((x) => x.key === 'mturk:R1');
    if (!g) throw new Error('no group');
    expect(g.ratio).toBeNull();
    expect(groupEvidenceSummary(g, 'requester', silent, settings, en, 'en', 'UTC')).toContain('no task said how long it would take');
  });
});
