import { z } from 'zod';
import type { OfferBadge } from './badges/offer-badge';
import type { OfferDetailRow, OfferDetailWords } from './badges/offer-detail';
import type { FeedSummary } from './db/feeds';
import type { PageWriteResult } from './ledger/record-page';
import type { TaskRecord } from './model/records';
import { pageInfoSchema } from './platforms/page-info-schema';

/**
 * Every message that crosses a context boundary. Content scripts import only the types (erased at
 * build), so zod stays out of them; the background parses every message with these schemas.
 */

/** A platform's own id of a task group or requester, as page reads carry them. */
const platformId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** The most offers one badge request may name: a list page of 100 is usual (the reader sends up to 500, in several requests). */
export const MAX_BADGE_OFFERS = 200;

/** Messages a content script may send. */
export const contentMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('page/read'),
    page: pageInfoSchema,
    /**
     * The page's address as the content script sees it. Only single-page apps use it: Chromium
     * keeps sender.url at the document's first address after history.pushState.
     */
    url: z.string().url().max(2048),
  }),
  /**
   * The activity sensor of one frame: at most one a second while there is input, one every 5 s
   * while the page is visible. `inputAgoMs`: how long before sending the last input happened
   * (the page's clock is never trusted, only this difference).
   */
  z.object({
    type: z.literal('activity/pulse'),
    inputAgoMs: z.number().int().min(0).max(60_000).nullable(),
    /** The first input since the previous pulse, when several were gathered (>= inputAgoMs). */
    firstInputAgoMs: z.number().int().min(0).max(60_000).nullable(),
    /**
     * Audio or video playing that the worker can hear (not muted, volume above 0) or, for a video,
     * see (a box of its own in the frame's viewport, not hidden). It is a sign with no input of
     * its own, so the background caps how long it counts.
     */
    media: z.boolean(),
    /** The focus is inside a child frame of this document (the active element is an iframe or frame). */
    focusInFrame: z.boolean(),
    /**
     * The focus is in this very document, not in a child frame: this frame's own sensor sees the
     * worker's input, so its time is judged by that input, never inferred. A sender that does not
     * say so gives no evidence of focus (false).
     */
    focusHere: z.boolean().default(false),
    visible: z.boolean(),
  }),
  /** A task frame posted its answers to MTurk's externalSubmit (checked against the frame URL). */
  z.object({
    type: z.literal('task/frame-submit'),
    assignmentId: z.string().regex(/^[A-Z0-9]{10,64}$/),
  }),
  /** The worker pressed a platform's own submit, skip or return control (its contract's `pageAction`). */
  z.object({
    type: z.literal('task/page-action'),
    action: z.enum(['submit', 'return']),
    externalId: z.string().min(1).max(128),
    /** The content script's own location.href: single-page apps move without sender.url following. */
    url: z.string().url().max(2048),
  }),
  /**
   * The badges beside the offers of a list or preview page, from the top frame of a platform page.
   * Only groups the background can believe are answered: offers a page read of that platform
   * stored (so the reader sends this once its page/read has been answered), or the group the
   * page's own address names (a preview page). requesterId, when given, must agree with the
   * requester TrueRate stored for the group; it is never used to look a requester up.
   */
  z.object({
    type: z.literal('offers/badges'),
    /** The content script's own location.href, as for page/read. */
    url: z.string().url().max(2048),
    offers: z
      .array(z.object({ groupId: platformId, requesterId: platformId.optional() }))
      .min(1)
      .max(MAX_BADGE_OFFERS),
  }),
  /**
   * The tasks behind one badge's figure: the group's, or with requesterId the requester's (which
   * must be the group's requester as TrueRate stored it). Same checks as offers/badges.
   */
  z.object({
    type: z.literal('offers/detail'),
    url: z.string().url().max(2048),
    groupId: platformId,
    requesterId: platformId.optional(),
  }),
  /**
   * The worker pressed "Open in the dashboard" in a badge's panel. A platform page cannot open the
   * extension's own pages (they are not web-accessible, so that pages cannot tell TrueRate is
   * there): the background opens it, and only the dashboard's own addresses.
   */
  z.object({
    type: z.literal('dashboard/open'),
    path: z.string().max(500).regex(/^options\.html#[A-Za-z0-9/?=&%._:~-]*$/),
  }),
]);
export type ContentMessage = z.infer<typeof contentMessageSchema>;

const moneyInput = z.object({
  amountMinor: z.number().int().nonnegative().max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

/** Messages the extension's own pages (popup, options) may send. */
export const extensionPageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status/get') }),
  z.object({ type: z.literal('tracking/pause') }),
  z.object({ type: z.literal('tracking/resume') }),
  z.object({
    type: z.literal('gap/answer'),
    gapId: z.number().int().positive(),
    answer: z.enum(['work', 'not-work']),
  }),
  z.object({
    type: z.literal('manual/start'),
    title: z.string().trim().min(1).max(500),
    reward: moneyInput.nullable(),
  }),
  z.object({ type: z.literal('manual/stop') }),
  /** The worker unlinks a tab from its task (the popup lists linked tabs). */
  z.object({ type: z.literal('tab/unlink'), tabId: z.number().int().nonnegative() }),
  /** The worker has read these journal entries (clock set back, time left out). */
  z.object({ type: z.literal('journal/seen'), ids: z.array(z.number().int().positive()).min(1).max(100) }),
  /** The collectives' feeds the worker subscribes to (docs/collectives.md). */
  z.object({ type: z.literal('feeds/list') }),
  /** The worker adds a feed by its https address and the collective's public key; it is fetched at once. */
  z.object({
    type: z.literal('feeds/add'),
    url: z.string().max(2048),
    publicKey: z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/),
  }),
  /** Fetch one feed now (the worker asked), or all of them. */
  z.object({ type: z.literal('feeds/refresh'), url: z.string().max(2048).optional() }),
  z.object({ type: z.literal('feeds/remove'), url: z.string().max(2048) }),
]);
export type ExtensionPageMessage = z.infer<typeof extensionPageMessageSchema>;

export type RejectReason =
  | 'foreign-sender'
  | 'not-a-platform-page'
  | 'not-top-frame'
  | 'invalid-message'
  | 'not-allowed-from-sender'
  | 'page-does-not-match-url'
  /** A task frame pulsed in a tab whose top page is no platform page TrueRate reads, nor linked. */
  | 'frame-outside-platform-tab'
  /** The frame sent more messages than any honest sensor or reader does. */
  | 'over-budget'
  /** The worker turned this platform off in the settings: its pages are neither read nor timed. */
  | 'platform-off'
  /**
   * A badge request named a group no page read of this platform stored and the page's address does
   * not name, or a requester other than the one TrueRate stored for the group.
   */
  | 'unknown-offer'
  /** A badge's detail asked for while the worker has turned badges off on this platform. */
  | 'badges-off'
  | 'internal-error';

/** Every reply is one of these, told apart by `type`. */
export type Reply =
  | { type: 'page/recorded'; outcome: PageWriteResult['outcome']; taskId: string | null }
  | { type: 'status'; version: string; lastTask: TaskRecord | null }
  | { type: 'pulse/accepted' }
  | { type: 'task/ended'; taskId: string | null }
  | { type: 'done' }
  | { type: 'manual/started'; taskId: string }
  /** One badge per distinct group asked for, in the order asked; empty when badges are off here. */
  | { type: 'offers/badges'; badges: OfferBadge[] }
  | {
      type: 'offers/detail';
      title: string;
      /** Newest first, at most 20 (DETAIL_ROWS); `total` says how many the figure rests on. */
      rows: OfferDetailRow[];
      total: number;
      /** Relative to the extension's root: open runtime.getURL(dashboardPath). */
      dashboardPath: string;
      words: OfferDetailWords;
    }
  | {
      type: 'feeds';
      feeds: FeedSummary[];
      /** Stored subscriptions that failed their check, kept aside (never deleted). */
      setAside: number;
      /** The outcome of a feeds/add: a new subscription, or why none was made. */
      added?: 'added' | 'exists' | 'invalid';
    }
  | { type: 'rejected'; reason: RejectReason; detail?: string };
