import { describe, expect, it } from 'vitest';
import { badgeTone, newFigureCache, offerBadge, offerFigures, type BadgeOffer, type BadgeTone } from '@/lib/badges/offer-badge';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import type { TaskRecord } from '@/lib/model/records';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import { makeTask } from '../rates/make-task';

const tEn = makeTranslator(en as Messages);
const tFr = makeTranslator(fr as Messages);
const MIN = 60_000;
const opts = { platform: 'mturk' } as const;
/** $6.00/h in USD and £6.00/h in GBP. */
const SIX = { ...DEFAULT_SETTINGS, minHourlyMinor: { USD: 600, GBP: 600 } } satisfies Settings;

/** An offer of group G1 from requester R1: $0.50 for an estimated 5 minutes ($6.00/h advertised). */
const offer = (over: Partial<BadgeOffer> = {}): BadgeOffer => ({
  groupId: 'G1',
  requesterId: 'R1',
  reward: { amountMinor: 50, currency: 'USD' },
  advertisedSeconds: 300,
  advertisedKind: 'estimate',
  seenCount: 1,
  ...over,
});

let serial = 0;
/** A finished task of G1 / R1 paying $0.50 (advertised 5 min) that took `minutes`: 3 min is $10.00/h. */
const took = (minutes: number, over: Partial<TaskRecord> = {}): TaskRecord => {
  serial += 1;
  return makeTask({ id: `mturk:A${serial}`, externalId: `A${serial}`, activeMs: minutes * MIN, acceptedAt: Date.UTC(2026, 10, 1) + serial * MIN, ...over });
};
const gbp = { reward: { amountMinor: 50, currency: 'GBP' } };
/** Tasks of another group of the same requester. */
const elsewhere = (minutes: number, over: Partial<TaskRecord> = {}) => took(minutes, { groupId: 'G2', ...over });

interface Case {
  name: string;
  offer?: Partial<BadgeOffer>;
  group?: TaskRecord[];
  /** Tasks of the requester in other groups; the group's own tasks are the requester's too. */
  requester?: TaskRecord[];
  settings?: Settings;
  tone: BadgeTone;
  text: string;
  requesterText?: string | null;
  marks?: string[];
  chip?: string | null;
  label?: string[];
  notInLabel?: string[];
}

const cases: Case[] = [
  {
    name: 'no history: says so, with the advertised rate',
    tone: 'none',
    text: 'No history yet · advertised $6.00/h',
    requesterText: null,
    marks: [],
    chip: null,
    label: ['You have finished no task of this group yet.', 'Advertised: $6.00/h (the reward over the advertised time).'],
    notInLabel: ['median'],
  },
  {
    name: 'no history and an MTurk deadline only: a deadline is no estimate, so no advertised rate',
    offer: { advertisedSeconds: 3600, advertisedKind: 'allotted' },
    tone: 'none',
    text: 'No history yet',
    label: ['No advertised time, so no advertised rate.'],
  },
  {
    name: 'no history and no advertised time',
    offer: { advertisedSeconds: null, advertisedKind: null },
    tone: 'none',
    text: 'No history yet',
    label: ['No advertised time, so no advertised rate.'],
  },
  {
    name: 'one task: its rate and ratio, too few to judge',
    group: [took(10)],
    tone: 'none',
    text: 'You: $3.00/h · n = 1 · 2.0× advertised time',
    requesterText: 'Requester: $3.00/h · n = 1 · 2.0× advertised time',
    marks: ['Done once'],
    chip: 'Done ×1',
    label: ['In this task group, your median true rate is $3.00/h, over 1 task.', 'it takes 3 tasks with a true rate'],
    notInLabel: ['holds the true median'],
  },
  {
    name: 'many tasks, even the low end at the minimum: good',
    // $15, $10, $7.50, $7.50, $6.00 an hour: n = 5 reaches 93.75% with [min, max].
    group: [took(2), took(3), took(4), took(4), took(5)],
    tone: 'good',
    text: 'You: $7.50/h · n = 5 · 0.8× advertised time',
    label: ['over 5 tasks', 'The range $6.00/h to $15.00/h holds the true median with probability 93.8%.', 'In this task group, even the low end of the range, $6.00/h, is at or above your minimum of $6.00/h.'],
  },
  {
    name: 'median at the minimum but the low end below: warn',
    group: [took(4), took(4), took(5), took(6), took(8)],
    tone: 'warn',
    text: 'You: $6.00/h · n = 5 · 1.0× advertised time',
    label: ['In this task group, the median is at or above your minimum of $6.00/h, but the low end of its range, $3.75/h, is below it.'],
  },
  {
    name: 'below the minimum: bad, flagged, and longer than advertised over 3 tasks',
    group: [took(10), took(10), took(10)],
    tone: 'bad',
    text: 'You: $3.00/h · n = 3 · 2.0× advertised time',
    marks: ['Takes longer than advertised', 'Below your minimum', 'Done 3 times'],
    chip: 'Done ×3',
    label: ['In this task group, the median is below your minimum of $6.00/h (low end of its range: $3.00/h).', 'In this task group, tasks take longer than advertised.', 'They took a median 2.0× the advertised time (from 2.0× to 2.0×), over 3 tasks with an advertised time.'],
  },
  {
    name: 'longer than advertised over fewer than groupMinN tasks: no flag',
    group: [took(10), took(10)],
    settings: DEFAULT_SETTINGS,
    tone: 'none',
    text: 'You: $3.00/h · n = 2 · 2.0× advertised time',
    marks: ['Done 2 times'],
    chip: 'Done ×2',
    notInLabel: ['take longer than advertised'],
  },
  {
    name: 'unknown advertised time on the tasks: no ratio, no longer flag',
    group: [took(10, { advertisedSeconds: null }), took(10, { advertisedSeconds: 600, advertisedKind: 'allotted' }), took(10, { advertisedSeconds: null })],
    offer: { advertisedSeconds: null, advertisedKind: null },
    tone: 'bad',
    text: 'You: $3.00/h · n = 3',
    marks: ['Below your minimum', 'Done 3 times'],
    chip: 'Done ×3',
    notInLabel: ['advertised time (from', 'take longer'],
  },
  {
    name: 'no minimum in the currency: none, and says why',
    group: [took(3), took(3), took(3)],
    settings: { ...DEFAULT_SETTINGS, minHourlyMinor: { GBP: 600 } },
    tone: 'none',
    text: 'You: $10.00/h · n = 3 · 0.6× advertised time',
    label: ['You have set no minimum rate in USD, so the badge does not judge.'],
  },
  {
    name: 'mixed currencies: the rate is in the offer’s currency only (GBP)',
    offer: { reward: { amountMinor: 50, currency: 'GBP' } },
    group: [took(10), took(10), took(10), took(3, gbp), took(3, gbp), took(3, gbp)],
    tone: 'good',
    // The ratio is over every task: time has no currency (2, 2, 2, 0.6, 0.6, 0.6).
    text: 'You: £10.00/h · n = 3 · 1.3× advertised time',
    marks: ['Done 6 times'],
    chip: 'Done ×6',
  },
  {
    name: 'mixed currencies: the same history for a USD offer',
    group: [took(10), took(10), took(10), took(3, gbp), took(3, gbp), took(3, gbp)],
    tone: 'bad',
    text: 'You: $3.00/h · n = 3 · 1.3× advertised time',
    marks: ['Below your minimum', 'Done 6 times'],
    chip: 'Done ×6',
  },
  {
    name: 'no task paid in the offer’s currency: no rate, says so',
    offer: { reward: { amountMinor: 50, currency: 'EUR' } },
    group: [took(3), took(3)],
    tone: 'none',
    text: 'You: no rate yet · n = 2 · 0.6× advertised time',
    label: ['In this task group, you finished 2 tasks, none with a true rate in EUR yet.'],
  },
  {
    name: 'returned and rejected work lowers the requester’s figures: good would be warn',
    requester: [elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(5, { status: 'returned' }), elsewhere(5, { status: 'returned' }), elsewhere(3, { status: 'rejected' })],
    tone: 'warn',
    // A group new to the worker: the short line gives what the tone rests on, the requester's figure.
    text: 'New to you · Requester: $10.00/h · n = 9 · 0.6× advertised time',
    // Median of 0, 0, 0, 10 ×6 is $10.00/h; n = 9 takes [x(2), x(8)] = [$0, $10].
    requesterText: 'Requester: $10.00/h · n = 9 · 0.6× advertised time',
    marks: ['Returned 2 of 9', 'Rejected 1 of 9'],
    chip: null,
    label: [
      'For this requester, your median true rate is $10.00/h, over 9 tasks.',
      'The range $0.00/h to $10.00/h holds the true median',
      'Returned, rejected, expired and screened-out tasks count in these rates at what they paid for the time they took: nothing, bonuses aside.',
      'For this requester, you returned 2 and had 1 rejected, of 9 finished tasks.',
      'This group holds too few of your tasks to judge, so the requester’s are used.',
      'For this requester, the median is at or above your minimum of $6.00/h, but the low end of its range, $0.00/h, is below it.',
    ],
  },
  {
    name: 'the same requester without its unpaid work: good',
    requester: [elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(3), elsewhere(3)],
    tone: 'good',
    text: 'New to you · Requester: $10.00/h · n = 6 · 0.6× advertised time',
    marks: [],
    chip: null,
    notInLabel: ['Returned, rejected', 'you returned'],
  },
  {
    name: 'a returned task is 0 over its time in the group’s rate too, and is not work done',
    group: [took(3), took(3), took(10, { status: 'returned' })],
    tone: 'warn',
    text: 'You: $10.00/h · n = 3 · 0.6× advertised time',
    marks: ['Returned 1 of 3', 'Done 2 times'],
    chip: 'Done ×2',
    label: ['The range $0.00/h to $10.00/h holds the true median with probability 75%.'],
  },
  {
    name: 'done counts handed-in work only; seen counts sightings from the second on',
    offer: { seenCount: 5 },
    group: [took(3), took(3, { status: 'submitted' }), took(3, { status: 'paid' }), took(3, { status: 'rejected' }), took(3, { status: 'returned' }), took(3, { status: 'accepted' }), took(3, { status: 'previewed' })],
    // $10, $10, $10, $0 (rejected), $0 (returned): the low end is $0.
    tone: 'warn',
    text: 'You: $10.00/h · n = 5 · 0.6× advertised time',
    marks: ['Returned 1 of 5', 'Rejected 1 of 5', 'Done 4 times', 'Seen 5 times'],
    chip: 'Done ×4',
    label: ['You have handed in work for this group 4 times.', 'You have seen this offer on a list 5 times.'],
  },
  {
    name: 'a requester TrueRate does not know (Prolific names none): the group’s share of unpaid work',
    offer: { requesterId: null, seenCount: 2 },
    group: [took(3, { requesterId: null }), took(3, { requesterId: null, status: 'returned' })],
    tone: 'none',
    text: 'You: $5.00/h · n = 2 · 0.6× advertised time',
    requesterText: null,
    marks: ['Returned 1 of 2', 'Done once', 'Seen 2 times'],
    chip: 'Done ×1',
    label: ['In this task group, you returned 1 and had 0 rejected, of 2 finished tasks.'],
  },
];

describe('offerBadge', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const group = c.group ?? [];
    const badge = offerBadge(offer(c.offer), group, [...group, ...(c.requester ?? [])], c.settings ?? SIX, tEn, 'en-US', opts);
    expect(badge.tone).toBe(c.tone);
    // A history without a verdict shows a dash; a question mark means no history at all.
    expect(badge.mark).toBe(c.tone === 'none' ? (c.text.startsWith('No history') ? '?' : '–') : { good: '✓', warn: '!', bad: '✗' }[c.tone]);
    if (c.chip !== undefined) expect(badge.chip).toBe(c.chip);
    expect(badge.text).toBe(c.text);
    if (c.requesterText !== undefined) expect(badge.requesterText).toBe(c.requesterText);
    if (c.marks) expect(badge.marks).toEqual(c.marks);
    for (const part of c.label ?? []) expect(badge.label).toContain(part);
    for (const part of c.notInLabel ?? []) expect(badge.label).not.toContain(part);
    expect(badge).toMatchObject({ groupId: 'G1', collective: null });
    // Every string is found in both languages: a missing key would show as itself.
    const frBadge = offerBadge(offer(c.offer), group, [...group, ...(c.requester ?? [])], c.settings ?? SIX, tFr, 'fr-FR', opts);
    for (const text of [badge.text, badge.requesterText ?? '', badge.label, ...badge.marks, frBadge.text, frBadge.requesterText ?? '', frBadge.label, ...frBadge.marks]) {
      expect(text).not.toMatch(/badge_|\$[A-Z]+\$/);
    }
    expect(frBadge.tone).toBe(badge.tone);
  });

  it('in French: the same figures in the worker’s words and number format', () => {
    const badge = offerBadge(offer({ seenCount: 3 }), [took(10)], [took(10)], SIX, tFr, 'fr-FR', opts);
    const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(spaced(badge.text)).toBe('Vous : 3,00 $US/h · n = 1 · 2,0× le temps annoncé');
    expect(badge.marks).toEqual(['Fait 1 fois', 'Vu 3 fois']);
    expect(spaced(badge.label)).toContain('Dans ce groupe de tâches, votre taux réel médian est de 3,00 $US/h, sur 1 tâche.');
  });

  it('leaves out tasks of another group, requester or platform that a caller passes by mistake', () => {
    const stray = [took(1, { groupId: 'G9', requesterId: 'R9' }), took(1, { platform: 'toloka', id: 'toloka:X' })];
    const badge = offerBadge(offer(), [took(10), ...stray], [took(10), took(1, { requesterId: 'R9' }), ...stray], SIX, tEn, 'en-US', opts);
    expect(badge.text).toBe('You: $3.00/h · n = 1 · 2.0× advertised time');
    expect(badge.requesterText).toBe('Requester: $3.00/h · n = 1 · 2.0× advertised time');
  });
});

describe('offerFigures', () => {
  it('gives the group’s and the requester’s figures, the basis of the tone and the advertised rate', () => {
    const group = [took(2), took(3), took(4), took(4), took(5)];
    const f = offerFigures(offer({ seenCount: 4 }), group, [...group, elsewhere(10, { status: 'rejected' })], SIX, opts);
    expect(f).toMatchObject({ currency: 'USD', basis: 'group', minimum: 600, tone: 'good', done: 5, seen: 4, advertisedRate: { minorPerHour: 600, currency: 'USD' } });
    expect(f.group).toMatchObject({ n: 5, rate: { minorPerHour: 750 }, rateInterval: { median: 750, low: 600, high: 1500, n: 5 }, unpaid: 0, returned: 0, rejected: 0, flags: [] });
    expect(f.requester).toMatchObject({ n: 6, rate: { minorPerHour: 750 }, rateInterval: { low: 0, n: 6 }, unpaid: 1, rejected: 1 });
  });

  it('with no reward on the offer, uses the main currency of the history', () => {
    const f = offerFigures(offer({ reward: null }), [took(3, gbp), took(3, gbp), took(10)], [], SIX, opts);
    expect(f.currency).toBe('GBP');
    expect(f.group?.rate).toEqual({ minorPerHour: 1000, currency: 'GBP' });
    expect(f.advertisedRate).toBeNull();
  });

  it('nothing known: no currency, no figures', () => {
    const f = offerFigures(offer({ reward: null, requesterId: null, seenCount: 0 }), [], [], SIX, opts);
    expect(f).toEqual({ currency: null, group: null, requester: null, basis: null, minimum: null, tone: 'none', done: 0, seen: 0, advertisedRate: null });
  });
});

describe('a page of badges sharing one figure cache', () => {
  it('gives each offer the badge it gets alone: groups of one requester, two currencies, no reward', () => {
    const g1 = [took(2), took(3), took(9, { status: 'returned' })];
    const g2 = [elsewhere(4), elsewhere(5, gbp), elsewhere(6, { status: 'rejected' })];
    const g3 = [took(3, { groupId: 'G3', requesterId: 'R2' })];
    const all = [...g1, ...g2, ...g3];
    const page: [BadgeOffer, TaskRecord[]][] = [
      [offer(), g1],
      [offer({ groupId: 'G2' }), g2],
      [offer({ groupId: 'G2', reward: { amountMinor: 50, currency: 'GBP' } }), g2],
      [offer({ groupId: 'G4', reward: null }), []],
      [offer({ groupId: 'G3', requesterId: 'R2' }), g3],
      [offer({ groupId: 'G1' }), g1],
    ];
    const cache = newFigureCache();
    for (const [o, group] of page) {
      const requester = all.filter((task) => task.requesterId === o.requesterId);
      const alone = offerBadge(o, group, requester, SIX, tEn, 'en-US', opts);
      expect(offerBadge(o, group, requester, SIX, tEn, 'en-US', { ...opts, cache })).toEqual(alone);
    }
    // Other settings, other figures: the cache never hands back figures computed under the old ones.
    const stricter = { ...SIX, flagThresholds: { ...SIX.flagThresholds, groupMinN: 1 }, minHourlyMinor: { USD: 5000 } };
    const [o, group] = page[0]!;
    const requester = all.filter((task) => task.requesterId === o.requesterId);
    expect(offerBadge(o, group, requester, stricter, tEn, 'en-US', { ...opts, cache })).toEqual(offerBadge(o, group, requester, stricter, tEn, 'en-US', opts));
    // Another task list for the same scope (its record changed): computed again, not reused.
    const more = [...group, took(1)];
    expect(offerBadge(o, more, [...requester, more.at(-1)!], SIX, tEn, 'en-US', { ...opts, cache }).text).toBe(offerBadge(o, more, [...requester, more.at(-1)!], SIX, tEn, 'en-US', opts).text);
    // One entry per scope and currency asked, not per offer.
    expect([...cache.scopes.keys()].filter((key) => key.startsWith('requester mturk:R1 '))).toEqual(['requester mturk:R1 USD', 'requester mturk:R1 GBP']);
  });
});

describe('badgeTone', () => {
  const interval = (median: number, low: number, n = 5) => ({ median, low, high: median * 2, coverage: 0.9375, n });
  it.each([
    ['low end at the minimum', interval(800, 600), 600, 'good'],
    ['low end above', interval(800, 700), 600, 'good'],
    ['median at the minimum, low end below', interval(600, 599), 600, 'warn'],
    ['median below', interval(599, 100), 600, 'bad'],
    ['no minimum', interval(800, 700), null, 'none'],
    ['too few tasks', interval(800, 700, 2), 600, 'none'],
    ['no rate', null, 600, 'none'],
  ] as const)('%s: %s', (_name, i, minimum, tone) => {
    expect(badgeTone(i, minimum, 3)).toBe(tone);
  });
});
