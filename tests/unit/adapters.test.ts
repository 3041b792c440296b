import { describe, expect, it } from 'vitest';
import { loadFixtures, type Fixture } from '../../demo/fixtures';
import { CLAIMED_KINDS, PLATFORM_HOSTS, platformOfUrl, readPage, readPageUnguarded, taskIdsInUrl } from '@/lib/platforms';
import { PLATFORM_IDS } from '@/lib/model/platform-id';
import { readMturkPage, requesterIdFromContactUrl } from '@/lib/platforms/mturk/mturk';
import type { PageInfo } from '@/lib/platforms/page-info';
import { pageInfoSchema } from '@/lib/platforms/page-info-schema';
import { documentOf, fixturesOf } from './helpers/fixtures';

const all = loadFixtures().filter((f) => f.kind !== 'frame');
const pages = fixturesOf('mturk').filter((f) => f.kind !== 'frame');
const name = (file: string) => file.split('/tests/fixtures/').pop() ?? file;

/**
 * What a fixture's `expect` block may name. Task fields are TaskIdentity's, with the advertised
 * time as two keys; an offer (a list item) and a status line hold theirs. Notes describe the page
 * for people and for other tests and have no PageInfo field; any other key fails the test, so no
 * expectation is silently left unchecked.
 */
const TASK_KEYS = ['externalId', 'groupId', 'requesterId', 'requesterName', 'title', 'reward', 'allottedSeconds'];
const OFFER_KEYS = ['groupId', 'requesterId', 'requesterName', 'title', 'reward', 'allottedSeconds'];
const LINE_KEYS = ['externalId', 'groupId', 'state', 'reward'];
const PAGE_KEYS = ['offers', 'items', 'statuses', 'queue', 'missing', 'completionCode'];
const PAGE_NOTES = ['workerId', 'alert', 'tabCount', 'participantId', 'paused', 'aetRangeSeconds', 'secretJobId', 'secretExpires'];
const ITEM_NOTES = ['tasksAvailable'];
const LINE_NOTES = ['hitId', 'requesterId'];

/**
 * What a fixture names that its adapter does not read yet, as the PageInfo field that would hold
 * it. Each entry is held to be still unread: an adapter that starts reading it fails this test
 * until the entry goes, and the value is then checked like every other.
 */
const NOT_READ_YET: Readonly<Record<string, readonly ('task' | 'groupId')[]>> = {
  // A preview names no unit of work, so no task holds the title, requester, reward and times the
  // fixture names; the group the page shows (in its URL too) is not reported either.
  'mturk/preview-external-survey.html': ['task', 'groupId'],
  'mturk/preview-price-0.01.html': ['task', 'groupId'],
  'mturk/preview-receipt.html': ['task', 'groupId'],
  'mturk/preview-receipt-total.html': ['task', 'groupId'],
  // A study page not started, full or paused: the study is reported only on a returned page.
  'prolific/study-error-full.html': ['groupId'],
  'prolific/study-not-started.html': ['groupId'],
  'prolific/study-paused.html': ['groupId'],
  // "already been SUBMITTED" is read as kind submitted without the task its URL names.
  'raterhub/task-already-submitted.html': ['task'],
  // The job or HitApp in the URL is not reported: the page is recognised, but no task is recorded
  // (docs/platforms.md#5-clickworker, #6-uhrs, #7-appen), and idsFromUrl gives no group for it.
  'appen/task.html': ['groupId'],
  'appen/task-view-appen-io.html': ['groupId'],
  'clickworker/job-edit.html': ['groupId'],
  'clickworker/job-edit-photos.html': ['groupId'],
  'uhrs/judge.html': ['groupId'],
  'uhrs/marketplace-app.html': ['groupId'],
};

type Entry = Record<string, unknown>;

/** The fields of `entry` among `keys`, advertised time as TrueRate holds it; unknown keys throw. */
function fieldsOf(entry: Entry, keys: string[], notes: string[], where: string): Entry {
  const fields: Entry = {};
  for (const [key, value] of Object.entries(entry)) {
    if (keys.includes(key)) fields[key] = value;
    else if (key === 'advertisedSeconds') fields.advertised = { seconds: value, kind: entry.advertisedKind };
    else if (key === 'advertisedKind') expect(entry.advertisedSeconds, `${where}: advertisedKind alone`).toBeDefined();
    else if (!notes.includes(key)) throw new Error(`${where}: "${key}" is neither checked here nor a known note`);
  }
  return fields;
}

/** What the fixture's `expect` names, as PageInfo fields, and the number of offers it names. */
function wantedOf(fixture: Fixture): { page: Partial<PageInfo>; offerCount?: number } {
  const where = name(fixture.file);
  const { expect: wanted = {} } = fixture;
  const taskPart = Object.fromEntries(Object.entries(wanted).filter(([key]) => !PAGE_KEYS.includes(key)));
  const task = fieldsOf(taskPart, TASK_KEYS, PAGE_NOTES, where);
  // A field the fixture does not name must be absent, so these keys are always compared.
  const page: Entry = { task: undefined, groupId: undefined };
  if (task.externalId !== undefined) page.task = task;
  else {
    // No unit of work: the page is about a group, and names it at the page's level.
    const { groupId, ...rest } = task;
    page.groupId = groupId;
    if (Object.keys(rest).length > 0) page.task = rest;
  }
  page.completionCode = wanted.completionCode;
  const lines = (wanted.statuses ?? wanted.queue) as Entry[] | undefined;
  page.statuses = lines?.map((line, i) => {
    const fields = fieldsOf(line, LINE_KEYS, LINE_NOTES, `${where} line ${i}`);
    return { ...fields, state: String(fields.state).toLowerCase() };
  });
  if (wanted.missing !== undefined) page.missing = wanted.missing;
  const items = wanted.items as Entry[] | undefined;
  if (items) page.offers = items.map((item, i) => fieldsOf(item, OFFER_KEYS, ITEM_NOTES, `${where} item ${i}`));
  const offerCount = wanted.offers as number | undefined;
  if (items) expect(items.length, `${where}: items and offers disagree`).toBe(offerCount);
  return { page: page as Partial<PageInfo>, ...(offerCount === undefined ? {} : { offerCount }) };
}

describe('adapters over every fixture', () => {
  it.each(all.map((f) => [name(f.file), f] as const))('%s', (_name, fixture) => {
    const info = readPageUnguarded(fixture.url, documentOf(fixture));
    const platform = platformOfUrl(fixture.url);
    if (platform === null) {
      // A third-party page (a survey tab): no adapter reads it; the tab is linked to its task by
      // the ids in its URL.
      expect(info).toBeNull();
      expect(taskIdsInUrl(fixture.url.href)).toMatchObject({
        studyId: fixture.expect?.groupId,
        sessionId: fixture.expect?.externalId,
      });
      return;
    }
    if (!info) throw new Error('a platform page must be read');
    expect(pageInfoSchema.safeParse(info).error?.issues).toBeUndefined();
    if (!CLAIMED_KINDS[platform].includes(fixture.kind as never)) {
      // A kind the adapter does not claim reads as "other", with nothing read.
      expect(info).toEqual({ platform, kind: 'other', missing: [] });
      return;
    }
    expect(info.kind).toBe(fixture.kind);
    // A fixture with no `expect` asks only for its kind.
    if (!fixture.expect) return;
    const { page, offerCount } = wantedOf(fixture);
    // Not read yet: must still be absent (see NOT_READ_YET).
    for (const part of NOT_READ_YET[name(fixture.file)] ?? []) page[part] = undefined;
    const read = Object.fromEntries(Object.keys(page).map((key) => [key, info[key as keyof PageInfo]]));
    expect(read).toEqual(page);
    if (offerCount !== undefined) expect(info.offers).toHaveLength(offerCount);
  });

  it('excuses only what a fixture names', () => {
    for (const [file, parts] of Object.entries(NOT_READ_YET)) {
      const fixture = all.find((f) => name(f.file) === file);
      if (!fixture) throw new Error(`${file}: no such fixture`);
      const { page } = wantedOf(fixture);
      for (const part of parts) expect(page[part], `${file} names ${part}`).toBeDefined();
    }
  });

  // That every adapter has a fixture for every kind it claims: platform-contracts.test.ts.

  it.each(PLATFORM_IDS.map((p) => [p]))('%s reads a page at an unknown address as "other"', (platform) => {
    expect(CLAIMED_KINDS[platform]).toContain('other');
    const url = new URL(`https://${PLATFORM_HOSTS[platform][0]}/truerate-no-such-page/1234567890`);
    expect(readPageUnguarded(url, document.createDocumentFragment())).toEqual({ platform, kind: 'other', missing: [] });
  });

  it('every fixture lies in the folder of the platform its address belongs to', () => {
    for (const fixture of loadFixtures()) {
      const platform = platformOfUrl(fixture.url);
      if (platform !== null) expect({ file: name(fixture.file), platform }).toEqual({ file: name(fixture.file), platform: fixture.platform });
    }
  });

  it('every fixture says when its structure was checked and where the facts come from', () => {
    for (const fixture of loadFixtures()) {
      expect(fixture.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fixture.source.length).toBeGreaterThan(10);
    }
  });
});

describe('readPage', () => {
  const url = new URL('https://worker.mturk.com/projects/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?assignment_id=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
  const broken = {
    querySelector: () => {
      throw new Error('broken page');
    },
    querySelectorAll: () => {
      throw new Error('broken page');
    },
  } as unknown as ParentNode;

  it('reports a page that makes its adapter throw as unreadable', () => {
    expect(() => readPageUnguarded(url, broken)).toThrow('broken page');
    expect(readPage(url, broken)).toEqual({ platform: 'mturk', kind: 'other', missing: ['adapter-error'] });
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
    const { parseReward } = await import('@/lib/platforms/prolific/prolific');
    expect(parseReward(text)).toEqual(money);
  });

  it.each([
    ['10 mins', 600],
    ['1 h 5 mins', 3900],
    ['2 hours', 7200],
    ['45 min', 2700],
    ['soon', undefined],
  ])('completion time %j', async (text, seconds) => {
    const { parseCompletionTime } = await import('@/lib/platforms/prolific/prolific');
    expect(parseCompletionTime(text)?.seconds).toBe(seconds);
  });
});
