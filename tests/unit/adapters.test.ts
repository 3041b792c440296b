import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { CLAIMED_KINDS, readPage } from '@/lib/platforms';
import { platformOfUrl } from '@/lib/platforms/hosts';
import { PLATFORM_IDS } from '@/lib/model/platform-id';
import { readMturkPage, requesterIdFromContactUrl } from '@/lib/platforms/mturk';
import { pageInfoSchema } from '@/lib/platforms/page-info-schema';
import { documentOf, fixturesOf } from './helpers/fixtures';

const all = loadFixtures().filter((f) => f.kind !== 'frame');
const pages = fixturesOf('mturk').filter((f) => f.kind !== 'frame');
const name = (file: string) => file.split('/tests/fixtures/').pop() ?? file;

describe('adapters over every fixture', () => {
  it.each(all.map((f) => [name(f.file), f] as const))('%s', (_name, fixture) => {
    const info = readPage(fixture.url, documentOf(fixture));
    const platform = platformOfUrl(fixture.url);
    if (platform === null) {
      // A third-party page (a survey tab): no adapter reads it; the tab is linked instead.
      expect(info).toBeNull();
      return;
    }
    expect(pageInfoSchema.safeParse(info).success).toBe(true);
    const claimed = CLAIMED_KINDS[platform].includes(fixture.kind as never);
    // A kind the adapter does not claim must read as "other", never as a wrong kind.
    expect(info?.kind).toBe(claimed ? fixture.kind : 'other');
    if (claimed && info?.task && fixture.expect) {
      const { externalId, groupId, requesterId, requesterName, title, reward } = fixture.expect;
      const wanted = Object.fromEntries(
        Object.entries({ externalId, groupId, requesterId, requesterName, title, reward }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      expect(info.task).toMatchObject(wanted);
      const { advertisedSeconds, advertisedKind } = fixture.expect;
      if (advertisedSeconds !== undefined) {
        expect(info.task.advertised).toEqual({ seconds: advertisedSeconds, kind: advertisedKind });
      }
    }
    const wantedOffers = fixture.expect?.offers;
    if (claimed && typeof wantedOffers === 'number') expect(info?.offers).toHaveLength(wantedOffers);
    if (claimed && Array.isArray(fixture.expect?.items)) {
      const items = fixture.expect.items as Record<string, unknown>[];
      expect(info?.offers).toEqual(
        items.map((item) => {
          const { advertisedSeconds, advertisedKind } = item;
          // Only what an Offer holds; fixtures may note more (tasks available, …).
          const keys = ['groupId', 'requesterId', 'requesterName', 'title', 'reward', 'allottedSeconds'];
          const rest = Object.fromEntries(Object.entries(item).filter(([k]) => keys.includes(k)));
          return expect.objectContaining({
            ...rest,
            ...(advertisedSeconds ? { advertised: { seconds: advertisedSeconds, kind: advertisedKind } } : {}),
          });
        }),
      );
    }
    const lines = (fixture.expect?.statuses ?? fixture.expect?.queue) as Record<string, unknown>[] | undefined;
    if (claimed && lines) {
      expect(info?.statuses).toEqual(
        lines.map((line) =>
          expect.objectContaining({
            externalId: line.externalId,
            state: String(line.state).toLowerCase(),
            ...(line.reward ? { reward: line.reward } : {}),
            ...(line.groupId ? { groupId: line.groupId } : {}),
          }),
        ),
      );
    }
  });

  it('every adapter has a fixture for every page kind it claims', () => {
    for (const platform of PLATFORM_IDS) {
      const kinds = new Set(all.filter((f) => platformOfUrl(f.url) === platform).map((f) => f.kind));
      for (const kind of CLAIMED_KINDS[platform]) {
        if (kind === 'other' && kinds.size > 0) continue;
        expect({ platform, kind, found: kinds.has(kind) }).toEqual({ platform, kind, found: true });
      }
    }
  });

  it('every fixture says when its structure was checked and where the facts come from', () => {
    for (const fixture of loadFixtures()) {
      expect(fixture.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fixture.source.length).toBeGreaterThan(10);
    }
  });
});

describe('MTurk adapter', () => {
  it('reads everything the accepted page advertises', () => {
    const fixture = pages.find((f) => f.file.endsWith('working-html-question.html'));
    if (!fixture) throw new Error('no working fixture');
    expect(readMturkPage(fixture.url, documentOf(fixture))).toEqual({
      platform: 'mturk',
      kind: 'working',
      task: {
        externalId: '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P',
        groupId: '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA',
        requesterId: 'A2P2MT8IK72CVZ',
        requesterName: 'Receipt Research Lab',
        title: 'Transcribe a shopping receipt (~3 min) & "check" totals',
        reward: { amountMinor: 35, currency: 'USD' },
        advertised: { seconds: 180, kind: 'estimate' },
        allottedSeconds: 1800,
      },
      missing: [],
    });
  });

  it('never takes time allotted as the advertised estimate', () => {
    const fixture = pages.find((f) => f.kind === 'working');
    if (!fixture) throw new Error('no working fixture');
    const doc = documentOf(fixture);
    const modal = doc.querySelector('[data-react-class*="ShowModal"]');
    const props = JSON.parse(modal?.getAttribute('data-react-props') ?? '{}');
    props.modalOptions.projectTitle = 'Transcribe a shopping receipt';
    modal?.setAttribute('data-react-props', JSON.stringify(props));
    const info = readMturkPage(fixture.url, doc);
    expect(info.task?.advertised).toBeUndefined();
    expect(info.task?.allottedSeconds).toBe(1800);
  });

  it('returns a partial result naming what is missing when the props are gone', () => {
    const fixture = pages.find((f) => f.kind === 'working');
    if (!fixture) throw new Error('no working fixture');
    const doc = documentOf(fixture);
    doc.querySelector('[data-react-class*="ShowModal"]')?.remove();
    const info = readMturkPage(fixture.url, doc);
    expect(info.kind).toBe('working');
    expect(info.task?.externalId).toBe('3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    // The visible title survives in the DOM even without the props.
    expect(info.task?.title).toBe('Transcribe a shopping receipt (~3 min) & "check" totals');
    expect(info.missing).toEqual(['modalOptions', 'requesterName', 'requesterId', 'reward']);
    expect(pageInfoSchema.safeParse(info).success).toBe(true);
  });

  it('does not throw on garbage props', () => {
    const fixture = pages.find((f) => f.kind === 'working');
    if (!fixture) throw new Error('no working fixture');
    for (const garbage of ['{', 'null', '[]', '"x"', '{"modalOptions":{"monetaryReward":{"amountInDollars":"lots"}}}']) {
      const doc = documentOf(fixture);
      doc.querySelector('[data-react-class*="ShowModal"]')?.setAttribute('data-react-props', garbage);
      const info = readMturkPage(fixture.url, doc);
      expect(info.missing).toContain('reward');
      expect(pageInfoSchema.safeParse(info).success).toBe(true);
    }
  });

  it('tells a preview (no assignment_id) from an accepted page', () => {
    const url = new URL('https://worker.mturk.com/projects/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?ref=w_pl_prvw');
    expect(readPage(url, document)?.kind).toBe('preview');
  });

  it('reads the sandbox host like the worker host', () => {
    const url = new URL('https://workersandbox.mturk.com/projects/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?assignment_id=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    expect(readPage(url, document)).toMatchObject({ platform: 'mturk', kind: 'working' });
  });
});

describe('requesterIdFromContactUrl', () => {
  it.each([
    ['/contact_requester/hit_type_messages/new?hit_type_message%5Bhit_type_id%5D=G&hit_type_message%5Brequester_id%5D=A2P2MT8IK72CVZ', 'A2P2MT8IK72CVZ'],
    ['/contact?hit_type_message[requester_id]=A1B2C3D4E5', 'A1B2C3D4E5'],
    ['/contact?hit_type_message%5Brequester_id%5D=<script>', undefined],
    [undefined, undefined],
    ['http://[', undefined],
  ])('%j -> %j', (url, id) => {
    expect(requesterIdFromContactUrl(url)).toBe(id);
  });
});

describe('Prolific card text', () => {
  it.each([
    ['£1.50', { amountMinor: 150, currency: 'GBP' }],
    ['$2.00', { amountMinor: 200, currency: 'USD' }],
    ['€0.75', { amountMinor: 75, currency: 'EUR' }],
    ['1.50', undefined],
    ['£abc', undefined],
  ])('reward %j', async (text, money) => {
    const { parseReward } = await import('@/lib/platforms/prolific');
    expect(parseReward(text)).toEqual(money);
  });

  it.each([
    ['10 mins', 600],
    ['1 h 5 mins', 3900],
    ['2 hours', 7200],
    ['45 min', 2700],
    ['soon', undefined],
  ])('completion time %j', async (text, seconds) => {
    const { parseCompletionTime } = await import('@/lib/platforms/prolific');
    expect(parseCompletionTime(text)?.seconds).toBe(seconds);
  });
});
