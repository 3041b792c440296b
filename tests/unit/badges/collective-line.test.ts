import { describe, expect, it } from 'vitest';
import { collectiveLine } from '@/lib/badges/collective-line';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import type { PublishedGroup } from '@/lib/share/aggregate';
import { collectiveIndex } from '@/lib/share/collective-index';
import { newSubscription, type Subscription } from '@/lib/share/subscription';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import { makeTask } from '../rates/make-task';

const t = makeTranslator(en as Messages);
const tFr = makeTranslator(fr as Messages);
const NOW = Date.UTC(2026, 11, 1);
const KEY = 'A'.repeat(43);

const group = (over: Partial<PublishedGroup>): PublishedGroup => ({
  platform: 'mturk', by: 'group', id: 'G1', currency: 'USD', tasks: 420, contributors: 37,
  rate: { median: 610, p25: 410, p75: 810, n: 400 }, ratio: { median: 2, low: 1.8, high: 2.2, coverage: 0.9, n: 380 },
  rejectedShare: 0.04, returnedShare: 0.02, ...over,
});
const sub = (name: string, groups: PublishedGroup[], expiresAt = NOW + 86_400_000): Subscription => ({
  ...newSubscription(`https://${name.toLowerCase().replace(/\W/g, '')}.example/feed.json`, 'f', KEY, 0),
  version: 1,
  current: { format: 'truerate-feed', formatVersion: 1, feed: 'f', name, version: 1, publishedAt: Date.UTC(2026, 10, 24), expiresAt, keyId: KEY, nextKeyId: null, k: 10, groups },
});
const key = { platform: 'mturk', groupId: 'G1', requesterId: 'R1', currency: 'USD' };
/** The worker's own tasks of G1: 5 advertised minutes each, done in `minutes`. */
const mine = (minutes: number, n = 5) => Array.from({ length: n }, (_, i) => makeTask({ id: `mturk:A${i}`, externalId: `A${i}`, activeMs: minutes * 60_000 }));

describe('the collective line of a badge', () => {
  it('gives the group figure with n, workers, the feed and its date, rate first', () => {
    const line = collectiveLine(collectiveIndex([sub('Turkers United', [group({})])]), key, [], t, 'en', NOW)!;
    expect(line.text).toBe('$6.10/h · n = 420 · 37 workers · Turkers United, Nov 24, 2026');
    expect(line.scope).toBe('group');
    expect(line.label).toContain('Collective Turkers United (published Nov 24, 2026): 420 tasks from 37 workers.');
    expect(line.label).toContain('half the tasks paid between $4.10/h and $8.10/h');
    expect(line.label).toContain('4% were rejected and 2% returned');
  });

  it.each([
    // Twice as fast as the collective's median (5 min against 2× of 5 min): twice its rate.
    [5, '$12.20/h at your pace (0.5× their time)'],
    // As slow as the collective: the same rate, said as the worker's own pace.
    [10, '$6.10/h at your pace (1.0× their time)'],
  ])('scales the rate by the worker’s own pace on the group (%i minutes a task)', (minutes, expected) => {
    const line = collectiveLine(collectiveIndex([sub('TU', [group({})])]), key, mine(minutes), t, 'en', NOW)!;
    expect(line.text.startsWith(expected)).toBe(true);
    expect(line.pace?.n).toBe(5);
    expect(line.label).toMatch(/You take 0\.5× their time|You take 1\.0× their time/);
  });

  it('says nothing of pace over too few of the worker’s own tasks', () => {
    expect(collectiveLine(collectiveIndex([sub('TU', [group({})])]), key, mine(5, 2), t, 'en', NOW)?.pace).toBeNull();
  });

  it('falls back to the requester, said as such, and never shows pace then', () => {
    const line = collectiveLine(collectiveIndex([sub('TU', [group({ by: 'requester', id: 'R1', tasks: 900, contributors: 52 })])]), key, mine(5), t, 'en', NOW)!;
    expect(line.scope).toBe('requester');
    expect(line.text).toContain('TU (requester)');
    expect(line.pace).toBeNull();
    expect(line.label).toContain('too few workers on this task group');
  });

  it.each([
    ['another currency', [sub('TU', [group({ currency: 'EUR' })])], key],
    ['an expired feed', [sub('TU', [group({})], NOW - 1)], key],
    ['no currency known for the offer', [sub('TU', [group({})])], { ...key, currency: null }],
    ['another platform', [sub('TU', [group({ platform: 'prolific' })])], key],
  ] as const)('shows nothing for %s', (_name, subs, k) => {
    expect(collectiveLine(collectiveIndex(subs), k, [], t, 'en', NOW)).toBeNull();
  });

  it('takes the subscription added first where two publish the same group', () => {
    const first = sub('First', [group({ tasks: 100 })]);
    const second = { ...sub('Second', [group({ tasks: 200 })]), addedAt: 5 };
    expect(collectiveLine(collectiveIndex([first, second]), key, [], t, 'en', NOW)?.text).toContain('n = 100');
  });

  it('speaks French with French plurals', () => {
    const line = collectiveLine(collectiveIndex([sub('TU', [group({ contributors: 1 })])]), key, [], tFr, 'fr', NOW)!;
    expect(line.text).toContain('1 travailleur');
    expect(line.label).toContain('Collectif TU');
  });
});
