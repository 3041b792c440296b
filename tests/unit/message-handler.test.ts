import { taskTables } from '@/lib/ledger/tables';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { createMessageHandler } from '@/lib/message-handler';
import type { RejectReason } from '@/lib/messages';
import type { PageInfo } from '@/lib/platforms/page-info';
import { applyEvents } from '@/lib/ledger/apply-events';
import { readTrackerState } from '@/lib/db/tracker-state';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import type { OfferBadge } from '@/lib/badges/offer-badge';
import { makeTask } from './rates/make-task';
import { addTasks } from '@/lib/ledger/task-writes';
import en from '../../public/_locales/en/messages.json';

const self = { id: 'truerate-id', origin: 'chrome-extension://truerate-id/' };
const GROUP = '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA';
const ASSIGNMENT = '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const TASK_URL = `https://worker.mturk.com/projects/${GROUP}/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?assignment_id=${ASSIGNMENT}`;
const content = { id: self.id, url: TASK_URL, frameId: 0, tab: { id: 4 } };

const page = (overrides: Partial<PageInfo['task']> = {}): PageInfo => ({
  platform: 'mturk',
  kind: 'working',
  task: {
    externalId: ASSIGNMENT,
    groupId: GROUP,
    title: 'Transcribe a receipt',
    requesterName: 'Receipt Lab',
    reward: { amountMinor: 35, currency: 'USD' },
    ...overrides,
  },
  missing: [],
});

let db: TrueRateDb;
let clock: number;
let rejects: RejectReason[];
let handle: ReturnType<typeof createMessageHandler>;

beforeEach(async () => {
  db = createDb(`test-${crypto.randomUUID()}`);
  clock = 1_700_000_000_000;
  rejects = [];
  handle = createMessageHandler({
    db,
    self,
    version: '9.9.9',
    now: () => clock,
    feed: (events) => applyEvents(db, events),
    newId: () => 'fixed-id',
    settings: () => Promise.resolve(DEFAULT_SETTINGS),
    onReject: (reason) => rejects.push(reason),
  });
});

describe('message handler', () => {
  it('records a task page once, then reports it unchanged', async () => {
    expect(await handle({ type: 'page/read', url: TASK_URL, page: page() }, content)).toEqual({
      type: 'page/recorded',
      outcome: 'created',
      taskId: `mturk:${ASSIGNMENT}`,
    });
    clock += 5000;
    expect(await handle({ type: 'page/read', url: TASK_URL, page: page() }, content)).toMatchObject({ outcome: 'unchanged' });
    const stored = await db.tasks.get(`mturk:${ASSIGNMENT}`);
    expect(stored).toMatchObject({
      platform: 'mturk',
      externalId: ASSIGNMENT,
      groupId: GROUP,
      title: 'Transcribe a receipt',
      reward: { amountMinor: 35, currency: 'USD' },
      status: 'accepted',
      acceptedAt: 1_700_000_000_000,
      activeMs: 0,
      idleThresholdS: 60,
    });
  });

  it('updates what the page advertises without touching when it was accepted', async () => {
    await handle({ type: 'page/read', url: TASK_URL, page: page({ title: undefined }) }, content);
    clock += 60_000;
    expect(await handle({ type: 'page/read', url: TASK_URL, page: page() }, content)).toMatchObject({ outcome: 'updated' });
    const stored = await db.tasks.get(`mturk:${ASSIGNMENT}`);
    expect(stored?.title).toBe('Transcribe a receipt');
    expect(stored?.acceptedAt).toBe(1_700_000_000_000);
    expect(stored?.updatedAt).toBe(1_700_000_060_000);
  });

  it.each([
    ['a task id the URL does not carry', { type: 'page/read', url: TASK_URL, page: page({ externalId: '3OTHEROTHEROTHEROTHEROTHER1' }) }, content, 'page-does-not-match-url'],
    ['another platform than the URL', { type: 'page/read', url: TASK_URL, page: { ...page(), platform: 'prolific' } }, content, 'page-does-not-match-url'],
    ['a report from a sub-frame', { type: 'page/read', url: TASK_URL, page: page() }, { ...content, frameId: 2 }, 'not-top-frame'],
    ['an unknown message type', { type: 'tasks/delete-all' }, content, 'invalid-message'],
    ['a reward in floats', { type: 'page/read', url: TASK_URL, page: page({ reward: { amountMinor: 0.35, currency: 'USD' } }) }, content, 'invalid-message'],
    ['markup as an id', { type: 'page/read', url: TASK_URL, page: page({ externalId: '<img src=x onerror=alert(1)>' }) }, content, 'invalid-message'],
    ['a page-only message from a content script', { type: 'status/get' }, content, 'invalid-message'],
    // A platform page must never subscribe the worker to a feed, nor learn or change theirs.
    ['a feed subscription from a content script', { type: 'feeds/add', url: 'https://evil.example/feed.json', publicKey: 'A'.repeat(43) }, content, 'invalid-message'],
    ['a feed list asked for by a content script', { type: 'feeds/list' }, content, 'invalid-message'],
    ['a content message from another extension', { type: 'page/read', url: TASK_URL, page: page() }, { ...content, id: 'evil' }, 'foreign-sender'],
    ['a content message from a non-platform page', { type: 'page/read', url: TASK_URL, page: page() }, { ...content, url: 'https://evil.example/x' }, 'not-a-platform-page'],
    ['not an object', 'page/read', content, 'invalid-message'],
  ] as const)('rejects %s and writes nothing', async (_name, message, sender, reason) => {
    expect(await handle(message, sender)).toMatchObject({ type: 'rejected', reason });
    expect(rejects).toEqual([reason]);
    expect(await db.tasks.count()).toBe(0);
  });

  it('refuses a content message sent from an extension page', async () => {
    const reply = await handle({ type: 'page/read', url: TASK_URL, page: page() }, { id: self.id, url: `${self.origin}popup.html` });
    expect(reply).toMatchObject({ type: 'rejected', reason: 'not-allowed-from-sender' });
    expect(await db.tasks.count()).toBe(0);
  });

  it('answers an extension page with the status', async () => {
    await handle({ type: 'page/read', url: TASK_URL, page: page() }, content);
    const reply = await handle({ type: 'status/get' }, { id: self.id, url: `${self.origin}popup.html` });
    expect(reply).toMatchObject({ type: 'status', version: '9.9.9', lastTask: { id: `mturk:${ASSIGNMENT}` } });
  });

  it('replies internal-error instead of throwing when the database fails', async () => {
    db.close();
    await db.delete();
    const broken = createMessageHandler({
      db: {
        ...db,
        transaction: () => Promise.reject(new Error('disk full')),
        tracker: { get: () => Promise.reject(new Error('disk full')) },
      } as unknown as TrueRateDb,
      self,
      version: '1',
      now: () => clock,
      feed: () => Promise.resolve(),
      newId: () => 'x',
      settings: () => Promise.resolve(DEFAULT_SETTINGS),
    });
    expect(await broken({ type: 'page/read', url: TASK_URL, page: page() }, content)).toEqual({
      type: 'rejected',
      reason: 'internal-error',
      detail: 'disk full',
    });
  });

  it('turns pulses from a task tab into active time for that task', async () => {
    await applyEvents(db, [
      { type: 'window-focus', at: clock, windowId: 1 },
      { type: 'tab-activated', at: clock, tabId: 4, windowId: 1 },
    ]);
    const tab = { ...content, tab: { id: 4, windowId: 1 } };
    await handle({ type: 'page/read', url: TASK_URL, page: page() }, tab);
    for (let i = 1; i <= 10; i++) {
      clock += 1000;
      const reply = await handle({ type: 'activity/pulse', inputAgoMs: 0, firstInputAgoMs: 0, media: false, focusInFrame: false, focusHere: true, visible: true }, tab);
      expect(reply).toEqual({ type: 'pulse/accepted' });
    }
    const state = await readTrackerState(db);
    expect(state?.open).toMatchObject({ taskId: `mturk:${ASSIGNMENT}`, start: 1_700_000_000_000, end: 1_700_000_010_000 });
  });

  it('ignores pages and pulses of a platform the worker turned off, and counts them once it is back on', async () => {
    let settings: Settings = { ...DEFAULT_SETTINGS, platformsOff: ['mturk'] };
    handle = createMessageHandler({
      db,
      self,
      version: '9.9.9',
      now: () => clock,
      feed: (events) => applyEvents(db, events),
      newId: () => 'fixed-id',
      settings: () => Promise.resolve(settings),
      onReject: (reason) => rejects.push(reason),
    });
    const tab = { ...content, tab: { id: 4, windowId: 1 } };
    expect(await handle({ type: 'page/read', url: TASK_URL, page: page() }, tab)).toMatchObject({ type: 'rejected', reason: 'platform-off' });
    expect(await handle({ type: 'activity/pulse', inputAgoMs: 0, firstInputAgoMs: 0, media: false, focusInFrame: false, focusHere: true, visible: true }, tab)).toMatchObject({
      reason: 'platform-off',
    });
    expect(await db.tasks.count()).toBe(0);
    expect((await readTrackerState(db)).tabs[4]).toBeUndefined();
    settings = DEFAULT_SETTINGS;
    expect(await handle({ type: 'page/read', url: TASK_URL, page: page() }, tab)).toMatchObject({ outcome: 'created' });
  });

  it('starts and stops a manual task; the task records its time and end', async () => {
    const pageSender = { id: self.id, url: `${self.origin}popup.html` };
    await applyEvents(db, [
      { type: 'window-focus', at: clock, windowId: 1 },
      { type: 'tab-activated', at: clock, tabId: 9, windowId: 1 },
    ]);
    const started = await handle({ type: 'manual/start', title: 'Survey on another site', reward: { amountMinor: 200, currency: 'EUR' } }, pageSender);
    expect(started).toEqual({ type: 'manual/started', taskId: 'manual:fixed-id' });
    clock += 30_000;
    await applyEvents(db, [{ type: 'tick', at: clock }]);
    clock += 20_000;
    expect(await handle({ type: 'manual/stop' }, pageSender)).toEqual({ type: 'done' });
    const task = await db.tasks.get('manual:fixed-id');
    expect(task).toMatchObject({ platform: 'manual', title: 'Survey on another site', status: 'submitted', activeMs: 50_000, wallMs: 50_000, reward: { amountMinor: 200, currency: 'EUR' } });
  });

  it('unlinks a linked tab the worker names in the popup: its time stops there', async () => {
    const pageSender = { id: self.id, url: `${self.origin}popup.html` };
    await handle({ type: 'page/read', url: TASK_URL, page: page() }, { ...content, tab: { id: 4, windowId: 1 } });
    await applyEvents(db, [
      { type: 'window-focus', at: clock, windowId: 1 },
      { type: 'tab-linked', at: clock, tabId: 12, windowId: 1, platform: 'mturk', taskId: `mturk:${ASSIGNMENT}`, thresholdMs: 60_000 },
      { type: 'tab-activated', at: clock, tabId: 12, windowId: 1 },
    ]);
    clock += 30_000;
    await applyEvents(db, [{ type: 'tick', at: clock }]);
    expect(await handle({ type: 'tab/unlink', tabId: 12 }, pageSender)).toEqual({ type: 'done' });
    expect((await readTrackerState(db)).tabs[12]).toBeUndefined();
    const counted = (await db.tasks.get(`mturk:${ASSIGNMENT}`))?.activeMs;
    expect(counted).toBe(30_000);
    clock += 30_000;
    await applyEvents(db, [{ type: 'tick', at: clock }]);
    expect((await db.tasks.get(`mturk:${ASSIGNMENT}`))?.activeMs).toBe(counted);
    // A content script may not unlink anything.
    expect(await handle({ type: 'tab/unlink', tabId: 4 }, content)).toMatchObject({ reason: 'invalid-message' });
  });

  it('marks journal entries seen for the popup, and only those named', async () => {
    const pageSender = { id: self.id, url: `${self.origin}popup.html` };
    const entry = { at: clock, kind: 'clock-back' as const, taskId: null, from: clock + 60_000, to: clock, detail: null, seenAt: null };
    const [a, b] = [await db.journal.add({ ...entry }), await db.journal.add({ ...entry })];
    expect(await handle({ type: 'journal/seen', ids: [a as number] }, pageSender)).toEqual({ type: 'done' });
    expect((await db.journal.get(a as number))?.seenAt).toBe(clock);
    expect((await db.journal.get(b as number))?.seenAt).toBeNull();
  });

  it('refuses a manual task without a title, and tracking messages from content scripts', async () => {
    const pageSender = { id: self.id, url: `${self.origin}popup.html` };
    expect(await handle({ type: 'manual/start', title: '   ', reward: null }, pageSender)).toMatchObject({ reason: 'invalid-message' });
    expect(await handle({ type: 'tracking/pause' }, content)).toMatchObject({ reason: 'invalid-message' });
    expect(await db.tasks.count()).toBe(0);
  });

  it('records the answer to a gap question once; "work" adds the gap to the task', async () => {
    await handle({ type: 'page/read', url: TASK_URL, page: page() }, content);
    const gapId = await db.gaps.add({ taskId: `mturk:${ASSIGNMENT}`, platform: 'mturk', start: clock, end: clock + 90_000, answer: 'pending', answeredAt: null });
    const pageSender = { id: self.id, url: `${self.origin}popup.html` };
    await handle({ type: 'gap/answer', gapId, answer: 'work' }, pageSender);
    await handle({ type: 'gap/answer', gapId, answer: 'work' }, pageSender);
    expect((await db.tasks.get(`mturk:${ASSIGNMENT}`))?.activeMs).toBe(90_000);
    expect(await db.segments.where('source').equals('gap-confirmed').count()).toBe(1);
    expect((await db.gaps.get(gapId))?.answer).toBe('work');
  });

  it('on a single-page app, checks the report against the address the content script saw', async () => {
    const study = '674f1a2b3c4d5e6f7a8b9c0d';
    const session = '6750aa11bb22cc33dd44ee55';
    const prolific = { id: self.id, url: 'https://app.prolific.com/studies', frameId: 0, tab: { id: 6, windowId: 1 } };
    const reserved: PageInfo = { platform: 'prolific', kind: 'working', task: { externalId: session, groupId: study }, missing: [] };
    // The router moved to the study page; Chromium still gives the list's address as sender.url.
    expect(await handle({ type: 'page/read', url: `https://app.prolific.com/studies/${study}`, page: reserved }, prolific)).toMatchObject({ type: 'page/recorded', outcome: 'created' });
    // Another origin, or a study the address does not name, is refused.
    expect(await handle({ type: 'page/read', url: `https://evil.example/studies/${study}`, page: reserved }, prolific)).toMatchObject({ reason: 'page-does-not-match-url' });
    expect(await handle({ type: 'page/read', url: 'https://app.prolific.com/studies/aaaaaaaaaaaaaaaaaaaaaaaa', page: reserved }, prolific)).toMatchObject({ reason: 'page-does-not-match-url' });
    // On MTurk (not a single-page app) only sender.url counts.
    expect(await handle({ type: 'page/read', url: TASK_URL, page: page() }, { ...content, url: 'https://worker.mturk.com/projects' })).toMatchObject({ reason: 'page-does-not-match-url' });
  });

  it('fills a new task from the offer seen on the list when its page does not say', async () => {
    await db.offers.put({ id: 'prolific:674f1a2b3c4d5e6f7a8b9c0d', platform: 'prolific', groupId: '674f1a2b3c4d5e6f7a8b9c0d', requesterId: null, requesterName: 'Dr Ada Example', title: 'Grocery receipts', reward: { amountMinor: 150, currency: 'GBP' }, advertisedSeconds: 600, advertisedKind: 'estimate', firstSeenAt: clock, lastSeenAt: clock, seenCount: 1 });
    const prolific = { id: self.id, url: 'https://app.prolific.com/studies/674f1a2b3c4d5e6f7a8b9c0d', frameId: 0, tab: { id: 6, windowId: 1 } };
    await handle({ type: 'page/read', url: prolific.url, page: { platform: 'prolific', kind: 'working', task: { externalId: '6750aa11bb22cc33dd44ee55', groupId: '674f1a2b3c4d5e6f7a8b9c0d' }, missing: [] } }, prolific);
    expect(await db.tasks.get('prolific:6750aa11bb22cc33dd44ee55')).toMatchObject({ title: 'Grocery receipts', reward: { amountMinor: 150, currency: 'GBP' }, advertisedSeconds: 600, requesterName: 'Dr Ada Example' });
  });

  it('the Return form of the accepted page returns that assignment; another id or a sub-frame is refused', async () => {
    await handle({ type: 'page/read', url: TASK_URL, page: page() }, content);
    const action = (externalId: string) => ({ type: 'task/page-action', action: 'return', externalId, url: TASK_URL });
    expect(await handle(action('3Q8OJJ9KRN6TZ2XB4D6F8H0OTHER'), content)).toMatchObject({ reason: 'page-does-not-match-url' });
    expect(await handle(action(ASSIGNMENT), { ...content, frameId: 3 })).toMatchObject({ reason: 'not-top-frame' });
    expect((await db.tasks.get(`mturk:${ASSIGNMENT}`))?.status).toBe('accepted');
    clock += 42_000;
    expect(await handle(action(ASSIGNMENT), content)).toEqual({ type: 'task/ended', taskId: `mturk:${ASSIGNMENT}` });
    expect(await db.tasks.get(`mturk:${ASSIGNMENT}`)).toMatchObject({ status: 'returned', endedAt: clock, wallMs: 42_000 });
    // A second report of the same return changes nothing.
    expect(await handle(action(ASSIGNMENT), content)).toEqual({ type: 'task/ended', taskId: null });
  });

  it('RaterHub’s submit button submits the task named in the address', async () => {
    const url = 'https://www.raterhub.com/evaluation/rater/task/show?taskIds=5551234';
    const rater = { id: self.id, url, frameId: 0, tab: { id: 8, windowId: 1 } };
    await handle({ type: 'page/read', url, page: { platform: 'raterhub', kind: 'working', task: { externalId: '5551234' }, missing: [] } }, rater);
    expect(await handle({ type: 'task/page-action', action: 'submit', externalId: '5551234', url }, rater)).toEqual({ type: 'task/ended', taskId: 'raterhub:5551234' });
    expect((await db.tasks.get('raterhub:5551234'))?.status).toBe('submitted');
  });

  it('a task frame posting to externalSubmit ends its own assignment, and no other', async () => {
    await handle({ type: 'page/read', url: TASK_URL, page: page() }, content);
    const frame = {
      id: self.id,
      url: `https://www.mturkcontent.com/dynamic/hit?assignmentId=${ASSIGNMENT}&hitId=3VW0&turkSubmitTo=https%3A%2F%2Fwww.mturk.com`,
      frameId: 5,
      tab: { id: 4, windowId: 1, url: TASK_URL },
    };
    expect(await handle({ type: 'task/frame-submit', assignmentId: '3OTHEROTHEROTHEROTHEROTHER1' }, frame)).toMatchObject({ reason: 'page-does-not-match-url' });
    // The same frame framed by a site that is not MTurk (the browser gives no address for it).
    expect(await handle({ type: 'task/frame-submit', assignmentId: ASSIGNMENT }, { ...frame, tab: { id: 9, windowId: 1 } })).toMatchObject({
      reason: 'frame-outside-platform-tab',
    });
    expect((await db.tasks.get(`mturk:${ASSIGNMENT}`))?.status).toBe('accepted');
    clock += 120_000;
    expect(await handle({ type: 'task/frame-submit', assignmentId: ASSIGNMENT }, frame)).toEqual({ type: 'task/ended', taskId: `mturk:${ASSIGNMENT}` });
    expect(await db.tasks.get(`mturk:${ASSIGNMENT}`)).toMatchObject({ status: 'submitted', wallMs: 120_000 });
  });

  it('keeps what it could not read on a page, for the popup to say so', async () => {
    const notes: unknown[] = [];
    const noting = createMessageHandler({
      db,
      self,
      version: '1',
      now: () => clock,
      feed: (events) => applyEvents(db, events),
      newId: () => 'x',
      settings: () => Promise.resolve(DEFAULT_SETTINGS),
      notePage: async (tabId, note) => void notes.push({ tabId, ...note }),
    });
    const partial: PageInfo = { ...page(), missing: ['modalOptions', 'reward'] };
    await noting({ type: 'page/read', url: TASK_URL, page: partial }, content);
    expect(notes).toEqual([{ tabId: 4, platform: 'mturk', kind: 'working', missing: ['modalOptions', 'reward'], at: clock }]);
    // The task is still recorded with what could be read.
    expect(await db.tasks.get(`mturk:${ASSIGNMENT}`)).toMatchObject({ title: 'Transcribe a receipt' });
  });

  describe('task frames and budgets', () => {
    const FRAME_URL = `https://www.mturkcontent.com/dynamic/hit?assignmentId=${ASSIGNMENT}&hitId=3VW0`;
    const pulse = { type: 'activity/pulse', inputAgoMs: 0, firstInputAgoMs: 0, media: false, focusInFrame: false, focusHere: true, visible: true } as const;

    it.each([
      ['an MTurk tab', { id: 4, windowId: 1, url: TASK_URL }, 'pulse/accepted'],
      ['a site that frames an MTurk task page', { id: 9, windowId: 1, url: 'https://frames-mturk.example/' }, 'rejected'],
      ['a tab whose address the browser does not give', { id: 9, windowId: 1 }, 'rejected'],
    ])('a task frame in %s: %s', async (_name, tab, expected) => {
      await handle({ type: 'page/read', url: TASK_URL, page: page() }, { ...content, tab: { id: 4, windowId: 1 } });
      const reply = await handle(pulse, { id: self.id, url: FRAME_URL, frameId: 3, tab });
      expect(reply.type).toBe(expected);
      if (expected === 'rejected') expect(reply).toMatchObject({ reason: 'frame-outside-platform-tab' });
      // A rejected frame registers nothing: no tab of its own in the engine.
      expect(Object.keys((await readTrackerState(db)).tabs)).toEqual(['4']);
    });

    it('a task frame counts in a tab linked to a task (a task opened in a window of its own)', async () => {
      await handle({ type: 'page/read', url: TASK_URL, page: page() }, { ...content, tab: { id: 4, windowId: 1 } });
      await applyEvents(db, [
        { type: 'tab-linked', at: clock, tabId: 9, windowId: 1, platform: 'mturk', taskId: `mturk:${ASSIGNMENT}`, thresholdMs: 60_000 },
      ]);
      expect(await handle(pulse, { id: self.id, url: FRAME_URL, frameId: 0, tab: { id: 9, windowId: 1 } })).toEqual({ type: 'pulse/accepted' });
    });

    it('the pulse says which frame holds the focus, and the engine hears it', async () => {
      const tab = { id: 4, windowId: 1, url: TASK_URL };
      await handle({ type: 'page/read', url: TASK_URL, page: page() }, { ...content, tab });
      await handle(pulse, { id: self.id, url: FRAME_URL, frameId: 3, tab });
      expect((await readTrackerState(db)).tabs[4]?.sensedFocus).toEqual({ frameId: 3, at: clock });
    });

    it('a frame that floods the background is cut off before anything is read or written', async () => {
      const tab = { ...content, tab: { id: 4, windowId: 1 } };
      const replies = [];
      for (let i = 0; i < 40; i++) replies.push(await handle(pulse, tab));
      const accepted = replies.filter((r) => r.type === 'pulse/accepted').length;
      expect(accepted).toBe(10);
      expect(rejects.filter((r) => r === 'over-budget')).toHaveLength(30);
      // Another frame of the same tab has a budget of its own, and time refills it.
      expect(await handle(pulse, { ...tab, url: FRAME_URL, frameId: 2, tab: { id: 4, windowId: 1, url: TASK_URL } })).toEqual({ type: 'pulse/accepted' });
      clock += 1000;
      expect((await handle(pulse, tab)).type).toBe('pulse/accepted');
    });
  });
  describe('badges beside offers', () => {
    const LIST_URL = 'https://worker.mturk.com/projects';
    const listTab = { id: self.id, url: LIST_URL, frameId: 0, tab: { id: 7, windowId: 1, url: LIST_URL } };
    const REQUESTER = 'A2P2MT8IK72CVZ';
    const OTHER_GROUP = '3OTHERGROUPOTHERGROUPOTHERGR';
    const list: PageInfo = {
      platform: 'mturk',
      kind: 'list',
      offers: [
        { groupId: GROUP, requesterId: REQUESTER, requesterName: 'Receipt Lab', title: 'Transcribe a receipt (~5 min)', reward: { amountMinor: 50, currency: 'USD' }, advertised: { seconds: 300, kind: 'estimate' } },
        { groupId: OTHER_GROUP, title: 'Tag photos', reward: { amountMinor: 10, currency: 'USD' }, allottedSeconds: 3600 },
      ],
      missing: [],
    };
    let settings: Settings;
    let badgeHandle: ReturnType<typeof createMessageHandler>;
    const badges = (offers: { groupId: string; requesterId?: string }[], url = LIST_URL) => ({ type: 'offers/badges', url, offers });
    // Written through the ledger, which keeps the groups' and requesters' facts the badges read.
    const history = () =>
      db.transaction('rw', taskTables(db), () =>
        addTasks(
          db,
          [10, 10, 10, 3].map((minutes, i) =>
            makeTask({ id: `mturk:3HIST${i}AAAAAAAAAAAAAAAAAAAA`, externalId: `3HIST${i}AAAAAAAAAAAAAAAAAAAA`, groupId: GROUP, requesterId: REQUESTER, activeMs: minutes * 60_000, status: i === 3 ? 'returned' : 'approved' }),
          ),
        ),
      );

    beforeEach(async () => {
      settings = { ...DEFAULT_SETTINGS, minHourlyMinor: { USD: 600 } };
      badgeHandle = createMessageHandler({
        db,
        self,
        version: '9.9.9',
        now: () => clock,
        feed: (events) => applyEvents(db, events),
        newId: () => 'fixed-id',
        settings: () => Promise.resolve(settings),
        onReject: (reason) => rejects.push(reason),
        strings: () => Promise.resolve({ t: makeTranslator(en as Messages), locale: 'en-US' }),
      });
      expect(await badgeHandle({ type: 'page/read', url: LIST_URL, page: list }, listTab)).toMatchObject({ type: 'page/recorded' });
    });

    it('opens the dashboard for a badge’s panel: only its own addresses, only from a platform page’s top frame', async () => {
      const opened: string[] = [];
      const handle = createMessageHandler({
        db, self, version: '1', now: () => clock, feed: (events) => applyEvents(db, events), newId: () => 'x',
        settings: () => Promise.resolve(settings), onReject: (reason) => rejects.push(reason),
        openPage: async (path) => void opened.push(path),
      });
      expect(await handle({ type: 'dashboard/open', path: 'options.html#requesters?by=group&key=mturk%3AG1' }, listTab)).toEqual({ type: 'done' });
      for (const path of ['https://evil.example/', 'popup.html', 'options.html#x"><script>', '../options.html#a']) {
        expect(await handle({ type: 'dashboard/open', path }, listTab)).toMatchObject({ reason: 'invalid-message' });
      }
      const frame = { ...listTab, url: `https://www.mturkcontent.com/dynamic/hit?assignmentId=${ASSIGNMENT}`, frameId: 3 };
      expect(await handle({ type: 'dashboard/open', path: 'options.html#history' }, frame)).toMatchObject({ reason: 'not-top-frame' });
      expect(opened).toEqual(['options.html#requesters?by=group&key=mturk%3AG1']);
    });

    it('answers the top frame of a platform page with one badge per offer, in the order asked', async () => {
      await history();
      const reply = await badgeHandle(badges([{ groupId: OTHER_GROUP }, { groupId: GROUP, requesterId: REQUESTER }, { groupId: OTHER_GROUP }]), listTab);
      expect(reply.type).toBe('offers/badges');
      const list = (reply as { badges: OfferBadge[] }).badges;
      expect(list.map((b) => b.groupId)).toEqual([OTHER_GROUP, GROUP]);
      // Exactly the fields the content script reads: text only, nothing it would have to compute.
      for (const badge of list) expect(Object.keys(badge).sort()).toEqual(['chip', 'collective', 'groupId', 'label', 'mark', 'marks', 'requesterText', 'text', 'tone']);
      // MTurk's time allotted is a deadline: no advertised rate.
      expect(list[0]).toEqual(expect.objectContaining({ tone: 'none', mark: '?', text: 'No history yet', requesterText: null, marks: [], chip: null, collective: null }));
      // $3.00/h three times and a returned task at 0: the median is below the $6.00 minimum.
      expect(list[1]).toMatchObject({ tone: 'bad', mark: '✗', text: 'You: $3.00/h · n = 4 · 2.0× advertised time', requesterText: 'Requester: $3.00/h · n = 4 · 2.0× advertised time' });
      expect(list[1]?.marks).toEqual(['Takes longer than advertised', 'Below your minimum', 'Returned 1 of 4', 'Done 3 times']);
      expect(rejects).toEqual([]);
    });

    it('a preview page may ask about the group its own address names, even if no list showed it', async () => {
      const previewUrl = 'https://worker.mturk.com/projects/3PREVIEWGROUPPREVIEWGROUPPR/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?ref=w_pl_prvw';
      const preview = { ...listTab, url: previewUrl, tab: { ...listTab.tab, url: previewUrl } };
      const reply = await badgeHandle(badges([{ groupId: '3PREVIEWGROUPPREVIEWGROUPPR' }], previewUrl), preview);
      expect(reply).toMatchObject({ type: 'offers/badges', badges: [{ groupId: '3PREVIEWGROUPPREVIEWGROUPPR', tone: 'none', text: 'No history yet' }] });
      // Another group from the same preview page is not believed.
      expect(await badgeHandle(badges([{ groupId: '3PREVIEWGROUPPREVIEWGROUPPR' }, { groupId: '3NOTLISTEDNOTLISTEDNOTLIST' }], previewUrl), preview)).toMatchObject({ reason: 'unknown-offer' });
    });

    it.each([
      ['a task frame in a platform tab', { id: self.id, url: `https://www.mturkcontent.com/dynamic/hit?assignmentId=${ASSIGNMENT}`, frameId: 3, tab: { id: 7, windowId: 1, url: LIST_URL } }, 'not-top-frame'],
      ['a sub-frame of the platform page', { ...listTab, frameId: 2 }, 'not-top-frame'],
      ['another extension', { ...listTab, id: 'evil' }, 'foreign-sender'],
      ['a page that is not a platform', { ...listTab, url: 'https://evil.example/projects' }, 'not-a-platform-page'],
      ['an extension page', { id: self.id, url: `${self.origin}popup.html` }, 'not-allowed-from-sender'],
    ] as const)('refuses a badge request from %s', async (_name, sender, reason) => {
      rejects.length = 0;
      expect(await badgeHandle(badges([{ groupId: GROUP }]), sender)).toMatchObject({ type: 'rejected', reason });
      expect(await badgeHandle({ type: 'offers/detail', url: LIST_URL, groupId: GROUP }, sender)).toMatchObject({ type: 'rejected', reason });
      expect(rejects).toEqual([reason, reason]);
    });

    it('refuses groups it cannot believe: never listed, listed on another platform, or with another requester', async () => {
      await db.offers.put({ id: `toloka:3TOLOKAONLYTOLOKAONLYTOLOKA`, platform: 'toloka', groupId: '3TOLOKAONLYTOLOKAONLYTOLOKA', requesterId: null, requesterName: null, title: null, reward: null, advertisedSeconds: null, advertisedKind: null, firstSeenAt: clock, lastSeenAt: clock, seenCount: 1 });
      rejects.length = 0;
      for (const offers of [
        [{ groupId: GROUP }, { groupId: '3NEVERLISTEDNEVERLISTEDNEVE' }],
        [{ groupId: '3TOLOKAONLYTOLOKAONLYTOLOKA' }],
        [{ groupId: GROUP, requesterId: 'AOTHERREQUESTER' }],
      ]) {
        expect(await badgeHandle(badges(offers), listTab)).toMatchObject({ type: 'rejected', reason: 'unknown-offer' });
      }
      expect(await badgeHandle({ type: 'offers/detail', url: LIST_URL, groupId: '3NEVERLISTEDNEVERLISTEDNEVE' }, listTab)).toMatchObject({ reason: 'unknown-offer' });
      // A requester the store does not name for that group gets no detail of its own.
      expect(await badgeHandle({ type: 'offers/detail', url: LIST_URL, groupId: OTHER_GROUP, requesterId: REQUESTER }, listTab)).toMatchObject({ reason: 'unknown-offer' });
      expect(rejects).toEqual(Array(5).fill('unknown-offer'));
    });

    it.each([
      ['no offer', badges([])],
      ['more than 200 offers', badges(Array.from({ length: 201 }, (_, i) => ({ groupId: `G${i}` })))],
      ['markup as a group id', badges([{ groupId: '<img src=x onerror=alert(1)>' }])],
      ['no address', { type: 'offers/badges', offers: [{ groupId: GROUP }] }],
    ])('refuses a badge request with %s', async (_name, message) => {
      expect(await badgeHandle(message, listTab)).toMatchObject({ type: 'rejected', reason: 'invalid-message' });
    });

    it('badges turned off on a platform: an empty list there, not an error; other platforms keep theirs', async () => {
      settings = { ...settings, badgesOff: ['mturk'] };
      rejects.length = 0;
      expect(await badgeHandle(badges([{ groupId: GROUP }, { groupId: '3NEVERLISTEDNEVERLISTEDNEVE' }]), listTab)).toEqual({ type: 'offers/badges', badges: [] });
      expect(await badgeHandle({ type: 'offers/detail', url: LIST_URL, groupId: GROUP }, listTab)).toMatchObject({ type: 'rejected', reason: 'badges-off' });
      const prolificUrl = 'https://app.prolific.com/studies';
      const prolific = { id: self.id, url: prolificUrl, frameId: 0, tab: { id: 8, windowId: 1 } };
      const study = '674f1a2b3c4d5e6f7a8b9c0d';
      await badgeHandle({ type: 'page/read', url: prolificUrl, page: { platform: 'prolific', kind: 'list', offers: [{ groupId: study, reward: { amountMinor: 150, currency: 'GBP' }, advertised: { seconds: 600, kind: 'estimate' } }], missing: [] } }, prolific);
      expect(await badgeHandle(badges([{ groupId: study }], prolificUrl), prolific)).toMatchObject({ type: 'offers/badges', badges: [{ groupId: study, text: 'No history yet · advertised £9.00/h' }] });
      expect(rejects).toEqual(['badges-off']);
    });

    it('the detail of a badge: the group’s tasks, or its requester’s, as text, and the dashboard page', async () => {
      await history();
      await db.transaction('rw', taskTables(db), () => addTasks(db, [makeTask({ id: 'mturk:3ELSEWHEREAAAAAAAAAAAAAAAA', externalId: '3ELSEWHEREAAAAAAAAAAAAAAAA', groupId: '3ANOTHERGROUPOFTHESAMEREQU', requesterId: REQUESTER, acceptedAt: Date.UTC(2026, 11, 1) })]));
      const group = await badgeHandle({ type: 'offers/detail', url: LIST_URL, groupId: GROUP }, listTab);
      expect(group).toMatchObject({ type: 'offers/detail', title: 'Your tasks in “Describe a picture”', total: 4, dashboardPath: `options.html#requesters?by=group&key=mturk%3A${GROUP}` });
      expect(Object.keys(group).sort()).toEqual(['dashboardPath', 'rows', 'title', 'total', 'type', 'words']);
      expect((group as unknown as { words: { open: string; columns: string[] } }).words).toMatchObject({ open: 'Open in the dashboard', columns: ['When', 'Active', 'Advertised', 'True rate', 'Status'] });
      const rows = (group as unknown as { rows: Record<string, string>[] }).rows;
      expect(rows).toHaveLength(4);
      expect(Object.keys(rows[0]!).sort()).toEqual(['active', 'advertised', 'rate', 'status', 'when']);
      expect(rows.map((r) => [r.active, r.rate, r.status])).toContainEqual(['3:00', '$0.00/h', 'Returned']);
      const requester = await badgeHandle({ type: 'offers/detail', url: LIST_URL, groupId: GROUP, requesterId: REQUESTER }, listTab);
      expect(requester).toMatchObject({ type: 'offers/detail', title: 'Your tasks for Requester One', total: 5, dashboardPath: `options.html#requesters?by=requester&key=mturk%3A${REQUESTER}` });
    });

    it('without the strings of a language it replies internal-error, not a badge of bare keys', async () => {
      const bare = createMessageHandler({ db, self, version: '1', now: () => clock, feed: () => Promise.resolve(), newId: () => 'x', settings: () => Promise.resolve(settings) });
      expect(await bare(badges([{ groupId: GROUP }]), listTab)).toMatchObject({ type: 'rejected', reason: 'internal-error' });
    });
  });
});
