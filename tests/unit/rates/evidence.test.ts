import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SegmentRecord } from '@/lib/model/records';
import { formatMoney } from '@/lib/format';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import { bonusOwed, bonusRequestMessage, evidenceSummary } from '@/lib/rates/evidence';
import { makeTask, settingsWith } from './make-task';

const messages = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = makeTranslator(messages('en'));
const fr = makeTranslator(messages('fr'));
const S = settingsWith({ minHourlyMinor: { USD: 1200 } });
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const seg = (start: number, end: number, over: Partial<SegmentRecord> = {}): SegmentRecord => ({
  taskId: 'mturk:A1',
  platform: 'mturk',
  start: T0 + start,
  end: T0 + end,
  source: 'measured',
  excluded: false,
  ...over,
});
const segments = [
  seg(300_000, 600_000, { source: 'gap-confirmed' }),
  seg(0, 300_000),
  seg(600_000, 660_000, { excluded: true, source: 'manual' }),
  seg(0, 999_999, { taskId: 'mturk:OTHER' }),
];
const bonus = (amountMinor: number, currency = 'USD') => ({ amountMinor, currency, source: 'manual' as const, at: 0 });

describe('evidenceSummary', () => {
  const text = evidenceSummary(makeTask({ completionCode: 'C0DE' }), segments, S, en, 'en-US', 'UTC');

  it('names the task, platform, requester, status and times', () => {
    expect(text).toContain('Task: Describe a picture');
    expect(en('platform_mturk')).not.toBe('platform_mturk');
    expect(text).toContain(`Platform: ${en('platform_mturk')}`);
    expect(text).toContain('Requester: Requester One (R1)');
    expect(text).toContain('Task id: A1');
    expect(text).toContain(`Status: ${en('status_approved')}`);
    expect(text).toContain('Completion code: C0DE');
    expect(text).toContain('UTC');
  });

  it('advertised and measured time, ratio, rates and the worker’s minimum', () => {
    expect(text).toContain('Advertised time: 5 min');
    expect(text).toContain('Measured active time: 10:00 (10 min), 2 × the advertised time');
    expect(text).toContain('True hourly rate: $3.00/h');
    expect(text).toContain('Advertised hourly rate: $6.00/h');
    expect(text).toContain('minimum hourly rate: $12.00/h');
    expect(text).toContain('Idle threshold: 60 s');
    expect(text).toMatch(/How time is counted: .*60 s/);
  });

  it('lists the task’s segments in time order, with duration and source; excluded ones marked', () => {
    const lines = text.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toHaveLength(3);
    expect(text).toContain('Segments of active time (3):');
    expect(lines[0]).toMatch(/12:00:00 PM – 12:05:00 PM {2}5:00 {2}measured$/);
    expect(lines[1]).toMatch(/12:05:00 PM – 12:10:00 PM {2}5:00 {2}quiet stretch confirmed as work$/);
    expect(lines[2]).toMatch(/12:10:00 PM – 12:11:00 PM {2}1:00 {2}entered by hand \(excluded by the worker, not counted\)$/);
  });

  it('says unknown where it is, and no minimum when none is set', () => {
    const t = evidenceSummary(makeTask({ reward: null, advertisedSeconds: null, requesterName: null, requesterId: null, title: null }), [], settingsWith(), en, 'en-US', 'UTC');
    expect(t).toContain('Task: (no title)');
    expect(t).toContain('Requester: unknown');
    expect(t).toContain('Reward: unknown');
    expect(t).toContain('Advertised time: unknown');
    expect(t).toContain('True hourly rate: unknown');
    expect(t).toContain('No segment of active time recorded.');
    expect(t).toContain('minimum hourly rate: not set');
    expect(t).not.toContain('× the advertised time');
  });

  it('shows times in the zone asked for', () => {
    const paris = evidenceSummary(makeTask(), segments, S, en, 'en-US', 'Europe/Paris');
    expect(paris).toContain('Europe/Paris');
    expect(paris).toMatch(/01:00:00 PM – 01:05:00 PM/);
  });

  it('every string resolves in English and French (no raw key left)', () => {
    for (const [t, locale] of [[en, 'en-US'], [fr, 'fr']] as const) {
      for (const status of ['timed-out', 'screened-out', 'approved'] as const) {
        const task = makeTask({ status, bonuses: [bonus(5)], completionCode: 'X' });
        const out = evidenceSummary(task, segments, S, t, locale, 'UTC') + (bonusRequestMessage(makeTask(), S, t, locale) ?? '');
        expect(out).not.toMatch(/\b(evidence|status|platform)_[a-z_]+/);
      }
    }
    expect(evidenceSummary(makeTask(), segments, S, fr, 'fr', 'UTC')).toContain('Taux horaire réel : 3,00');
  });
});

describe('evidenceSummary of an open task, and of one too short to tell', () => {
  const open = makeTask({ status: 'accepted', endedAt: null, activeMs: 3000, reward: { amountMinor: 35, currency: 'USD' } });

  it.each([
    ['en', en, 'en-US', 'This task is still open', 'True hourly rate: after the task ends'],
    ['fr', fr, 'fr', 'Cette tâche est encore ouverte', 'Taux horaire réel : une fois la tâche finie'],
  ] as const)('an open task says it is still open and gives no rate (%s)', (_lang, t, locale, openLine, rateLine) => {
    const text = evidenceSummary(open, [], S, t, locale, 'UTC');
    expect(text).toContain(openLine);
    const lines = text.split('\n');
    expect(lines).toContain(rateLine);
    // $0.35 over 3 s would read $420.00/h: no line gives it.
    expect(text).not.toMatch(/420[.,]00/);
  });

  it.each([
    [en, 'en-US', 'True hourly rate: too short to tell (less than 10 s of counted time)'],
    [fr, 'fr', 'Taux horaire réel : trop court pour le dire (moins de 10 s de temps compté)'],
  ] as const)('a finished task under the floor is too short to tell', (t, locale, line) => {
    const text = evidenceSummary(makeTask({ activeMs: 8000 }), [], S, t, locale, 'UTC');
    expect(text).toContain(line);
    expect(text).not.toContain(t('evidence_open'));
  });

  it('a finished task says nothing of being open', () => {
    expect(evidenceSummary(makeTask(), segments, S, en, 'en-US', 'UTC')).not.toContain('still open');
  });
});

describe('bonus request', () => {
  it('asks for advertised rate x active time - earned, rounded up', () => {
    // 50c for 5 min; 10 min worked -> worth 100c; earned 50c -> 50c owed
    expect(bonusOwed(makeTask())).toBe(50);
    // 7 min 1 s worked: 50 * 421/300 = 70.17 -> 71, minus 50 -> 21
    expect(bonusOwed(makeTask({ activeMs: 421_000 }))).toBe(21);
    // same-currency bonuses already paid count; others do not
    expect(bonusOwed(makeTask({ bonuses: [bonus(30), bonus(500, 'GBP')] }))).toBe(20);
  });

  it('no request when nothing is owed or it cannot be known', () => {
    expect(bonusOwed(makeTask({ activeMs: 300_000 }))).toBeNull();
    expect(bonusOwed(makeTask({ activeMs: 200_000 }))).toBeNull();
    expect(bonusOwed(makeTask({ bonuses: [bonus(50)] }))).toBeNull();
    expect(bonusOwed(makeTask({ advertisedSeconds: null }))).toBeNull();
    expect(bonusOwed(makeTask({ reward: null }))).toBeNull();
    expect(bonusOwed(makeTask({ activeMs: 0 }))).toBeNull();
    // Too short to tell: the request would cite a true rate the task does not have.
    expect(bonusOwed(makeTask({ activeMs: 9000, advertisedSeconds: 3 }))).toBeNull();
    expect(bonusOwed(makeTask({ activeMs: 12_000, advertisedSeconds: 3 }))).toBe(150);
    for (const status of ['accepted', 'previewed', 'returned', 'rejected', 'expired', 'timed-out', 'screened-out'] as const) {
      expect(bonusOwed(makeTask({ status }))).toBeNull();
    }
    expect(bonusRequestMessage(makeTask({ activeMs: 300_000 }), S, en, 'en-US')).toBeNull();
  });

  it('is a short polite message with the figures', () => {
    const msg = bonusRequestMessage(makeTask({ status: 'submitted' }), S, en, 'en-US')!;
    expect(msg.startsWith('Hello Requester One,')).toBe(true);
    expect(msg).toContain('"Describe a picture" (task id A1)');
    expect(msg).toContain('5 min for $0.50, that is $6.00/h');
    expect(msg).toContain('10 min of active work');
    expect(msg).toContain('paid $3.00/h');
    expect(msg).toContain(`bonus of ${formatMoney({ amountMinor: 50, currency: 'USD' }, 'en-US')}?`);
    expect(msg.split('\n').length).toBeLessThanOrEqual(6);
    expect(bonusRequestMessage(makeTask({ requesterName: null }), S, en, 'en-US')!.startsWith('Hello,')).toBe(true);
    expect(bonusRequestMessage(makeTask(), S, fr, 'fr')).toContain('Bonjour Requester One,');
  });
});
