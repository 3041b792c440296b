import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDb, type TrueRateDb } from '@/lib/db/database';
import { applyEvents } from '@/lib/ledger/apply-events';
import { createMessageHandler } from '@/lib/message-handler';
import { contentMessageSchema, extensionPageMessageSchema } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';

/**
 * Every message the background accepts, fuzzed against the router itself: valid messages with one
 * field replaced or removed, unknown types, and arbitrary values, from every kind of sender. It
 * never throws, always answers with a typed reply, and writes nothing for anything its sender may
 * not send in that shape.
 */
const self = { id: 'truerate-id', origin: 'chrome-extension://truerate-id/' };
const GROUP = '3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA';
const ASSIGNMENT = '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';
const TASK_URL = `https://worker.mturk.com/projects/${GROUP}/tasks/3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R?assignment_id=${ASSIGNMENT}`;
const LIST_URL = 'https://worker.mturk.com/projects';

const SENDERS = {
  'platform page': { kind: 'content', sender: { id: self.id, url: TASK_URL, frameId: 0, tab: { id: 4 } } },
  'platform task frame': { kind: 'content', sender: { id: self.id, url: `https://www.mturkcontent.com/dynamic/hit?assignmentId=${ASSIGNMENT}`, frameId: 3, tab: { id: 4 } } },
  'another site': { kind: 'none', sender: { id: self.id, url: 'https://evil.example/', frameId: 0, tab: { id: 5 } } },
  'the popup': { kind: 'page', sender: { id: self.id, url: `${self.origin}popup.html` } },
  'another extension': { kind: 'none', sender: { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' } },
  'no sender at all': { kind: 'none', sender: {} },
} as const;

/** One valid message of every type, to mutate. */
const VALID: Record<string, unknown>[] = [
  { type: 'page/read', url: TASK_URL, page: { platform: 'mturk', kind: 'working', task: { externalId: ASSIGNMENT, groupId: GROUP, title: 'T', reward: { amountMinor: 35, currency: 'USD' } }, missing: [] } },
  { type: 'activity/pulse', inputAgoMs: 10, firstInputAgoMs: 20, media: false, focusInFrame: false, focusHere: true, visible: true },
  { type: 'task/frame-submit', assignmentId: ASSIGNMENT },
  { type: 'task/page-action', action: 'submit', externalId: ASSIGNMENT, url: TASK_URL },
  { type: 'offers/badges', url: LIST_URL, offers: [{ groupId: GROUP }] },
  { type: 'offers/detail', url: LIST_URL, groupId: GROUP },
  { type: 'dashboard/open', path: 'options.html#requesters' },
  { type: 'status/get' },
  { type: 'tracking/pause' },
  { type: 'tracking/resume' },
  { type: 'gap/answer', gapId: 1, answer: 'work' },
  { type: 'manual/start', title: 'By hand', reward: { amountMinor: 100, currency: 'USD' } },
  { type: 'manual/stop' },
  { type: 'tab/unlink', tabId: 4 },
  { type: 'journal/seen', ids: [1] },
  { type: 'feeds/list' },
  { type: 'feeds/refresh' },
  { type: 'feeds/remove', url: 'https://feeds.example/feed.json' },
];

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, -1, 0, 1e308, Number.NaN, '', ' ', '<img src=x onerror=alert(1)>', 'x'.repeat(5000), [], {}, { __proto__: { type: 'status/get' } }),
);

const mutated = fc.record({ base: fc.constantFrom(...VALID), mode: fc.constantFrom('replace', 'remove', 'add'), at: fc.nat(), value: odd }).map(({ base, mode, at, value }) => {
  const copy: Record<string, unknown> = structuredClone(base);
  const keys = Object.keys(copy);
  const key = keys[at % keys.length]!;
  if (mode === 'remove') delete copy[key];
  else if (mode === 'replace') copy[key] = value;
  else copy[`extra${at % 3}`] = value;
  return copy as unknown;
});
const anyType = fc.record({ type: fc.oneof(fc.constantFrom(...VALID.map((m) => m.type as string)), fc.string()) }, { requiredKeys: [] }).chain((head) =>
  fc.dictionary(fc.string({ maxLength: 12 }), odd, { maxKeys: 4 }).map((rest) => ({ ...rest, ...head })),
);
const message = fc.oneof(mutated, anyType, odd);

async function dump(db: TrueRateDb): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const));
  return JSON.stringify(tables);
}

describe('the background’s message router, fuzzed', () => {
  it('never throws, always answers a typed reply, and writes nothing for a message its sender may not send', async () => {
    const db = createDb(`fuzz-${crypto.randomUUID()}`);
    await db.open();
    // The clock moves a second a message, so the per-frame message budget lets the valid ones through.
    let clock = 1_700_000_000_000;
    const handle = createMessageHandler({
      db,
      self,
      version: '9.9.9',
      now: () => (clock += 1000),
      feed: (events) => applyEvents(db, events),
      newId: () => 'fixed-id',
      settings: () => Promise.resolve(DEFAULT_SETTINGS),
    });
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(message, fc.constantFrom(...Object.keys(SENDERS) as (keyof typeof SENDERS)[]), async (msg, who) => {
        const { kind, sender } = SENDERS[who];
        const allowed = kind === 'content' ? contentMessageSchema.safeParse(msg).success : kind === 'page' ? extensionPageMessageSchema.safeParse(msg).success : false;
        const before = allowed ? '' : await dump(db);
        const reply = (await handle(msg, structuredClone(sender) as never)) as { type?: unknown };
        expect(typeof reply?.type).toBe('string');
        if (!allowed) {
          refused += 1;
          expect(reply.type).toBe('rejected');
          expect(await dump(db)).toBe(before);
        }
      }),
      { numRuns: 400 },
    );
    // The runs are mostly refusals, and some are accepted: both sides were exercised.
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(400);
    db.close();
  }, 120_000);
});
