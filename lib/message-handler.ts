import { newFigureCache, offerBadge, type BadgeOffer } from './badges/offer-badge';
import { offerDetail } from './badges/offer-detail';
import type { TrueRateDb } from './db/database';
import type { FeedStore } from './db/feeds';
import { historyForOffers, tasksOfScope, type OfferHistory } from './db/offer-history';
import { ensureScopes } from './ledger/task-writes';
import { readTrackerState } from './db/tracker-state';
import type { Translate } from './i18n/translate';
import { markSeen } from './ledger/journal';
import { answerGap, startManual, stopManual } from './ledger/manual';
import { endFromPage, recordPageRead } from './ledger/page-read';
import { createBudget, type Budget } from './message-budget';
import {
  contentMessageSchema,
  extensionPageMessageSchema,
  type ContentMessage,
  type ExtensionPageMessage,
  type RejectReason,
  type Reply,
} from './messages';
import type { PlatformId } from './model/platform-id';
import { taskId as taskIdOf } from './model/task';
import { pageAgreesWithUrl, platformOfUrl } from './platforms';
import type { PageInfo } from './platforms/page-info';
import { REGISTRY } from './platforms/registry';
import { classifySender, type SenderLike, type Self } from './sender-check';
import { badgesOn, platformOn, thresholdFor, type Language, type Settings } from './settings';
import type { EngineEvent } from './tracking/events';

export interface HandlerDeps {
  db: TrueRateDb;
  self: Self;
  version: string;
  now: () => number;
  /** Hands events to the attention engine through the ledger (lib/ledger/apply-events.ts). */
  feed: (events: EngineEvent[]) => Promise<unknown>;
  /**
   * Runs one ledger change after the ones before it (the background queues them so that events
   * reach the engine in the order they happened). Tests run them directly.
   */
  serial?: <T>(change: () => Promise<T>) => Promise<T>;
  newId: () => string;
  settings: () => Promise<Settings>;
  /** Where rejected messages are reported (the background logs them; tests collect them). */
  onReject?: (reason: RejectReason, detail: string) => void;
  /** Where refused lifecycle moves are reported: logged, never applied. */
  onNotice?: (text: string) => void;
  /** Keeps what was last read in a tab, so the popup can say when a page was not recognised. */
  notePage?: (tabId: number, note: PageNote) => Promise<void>;
  /** How many messages a frame may send; one shared budget per handler by default. */
  budget?: Budget;
  /** Opens one of the extension's own pages in a tab (the background's browser.tabs.create). */
  openPage?: (path: string) => Promise<void>;
  /**
   * The strings of the worker's language, for the badges' words. Without it (tests that ask for
   * no badge), a badge request replies internal-error.
   */
  strings?: (language: Language) => Promise<{ t: Translate; locale: string }>;
  /** The collectives' feeds (lib/db/feeds.ts): their figures go in the badges. None in tests that need none. */
  feeds?: FeedStore;
}

export interface PageNote {
  platform: PlatformId;
  kind: PageInfo['kind'];
  missing: string[];
  at: number;
}

/**
 * The address a page report is checked against: the browser's sender.url, except on single-page
 * apps, whose router moves without the browser updating it; there the content script's own
 * reading counts, on the same origin only (docs/trust-boundaries.md#single-page-apps).
 */
function addressOfPage(platform: PlatformId, senderUrl: URL, reported: string): URL {
  if (!REGISTRY[platform].singlePageApp) return senderUrl;
  try {
    const url = new URL(reported);
    return url.origin === senderUrl.origin ? url : senderUrl;
  } catch {
    return senderUrl;
  }
}

type Content = Extract<ReturnType<typeof classifySender>, { kind: 'content' }>;

/**
 * Which of the groups a badge request names the background can believe, and the offer each badge
 * is about. A group is believed when a page read of this platform stored it as an offer, or when it
 * is the group the page's own address names (a preview page of a group no list showed); a
 * requester id the page gives must be the one TrueRate stored for the group. The reply shows the
 * worker's own history to the platform's page (the badge is part of it), so it is bound to what
 * that platform's pages already showed: never another platform's, never a group picked at will.
 */
function believedOffers(
  history: OfferHistory,
  asked: readonly { groupId: string; requesterId?: string }[],
  urlGroupId: string | undefined,
): { ok: true; offers: BadgeOffer[] } | { ok: false; detail: string } {
  const offers: BadgeOffer[] = [];
  const seen = new Set<string>();
  for (const { groupId, requesterId } of asked) {
    const stored = history.offers.get(groupId) ?? null;
    if (stored === null && groupId !== urlGroupId) return { ok: false, detail: `group ${groupId}` };
    const requester = history.requesterOf.get(groupId) ?? null;
    if (requesterId !== undefined && requester !== null && requesterId !== requester) return { ok: false, detail: `requester ${requesterId} of group ${groupId}` };
    if (seen.has(groupId)) continue;
    seen.add(groupId);
    offers.push(
      stored
        ? { ...stored, requesterId: requester }
        : { groupId, requesterId: requester, reward: null, advertisedSeconds: null, advertisedKind: null, seenCount: 0 },
    );
  }
  return { ok: true, offers };
}

/**
 * The background's one entry for runtime messages: who sent it, within its budget, is it well
 * formed, is the sender allowed to say it, then one ledger change. Every outcome is a Reply;
 * nothing throws back to the sender.
 */
export function createMessageHandler(deps: HandlerDeps) {
  const serial = deps.serial ?? (<T>(change: () => Promise<T>) => change());
  const budget = deps.budget ?? createBudget();
  const reject = (reason: RejectReason, detail = ''): Reply => {
    deps.onReject?.(reason, detail);
    return { type: 'rejected', reason, ...(detail ? { detail } : {}) };
  };
  const strings = deps.strings ?? (() => Promise.reject(new Error('no strings for badges')));
  // Badge figures outlive a request: a list loaded again, with nothing changed, computes nothing.
  const figures = newFigureCache();
  const report = (illegal: string[]) => {
    for (const text of illegal) deps.onNotice?.(`lifecycle move refused: ${text}`);
  };

  /**
   * Task frames (www.mturkcontent.com) run in any tab that frames them. They are heard only in a
   * tab whose top page is a platform page TrueRate reads (and the worker has not turned off), or
   * a tab linked to a task (docs/trust-boundaries.md#task-frame-hosts).
   */
  async function inPlatformTab(who: Content, sender: SenderLike, settings: Settings): Promise<boolean> {
    if (who.topFrame && !who.taskFrameHost) return true;
    const top = platformOfUrl(sender.tab?.url);
    if (top !== null && platformOn(settings, top)) return true;
    return (await readTrackerState(deps.db)).tabs[who.tabId]?.linked === true;
  }

  async function fromContent(msg: ContentMessage, who: Content, sender: SenderLike): Promise<Reply> {
    const windowId = sender.tab?.windowId ?? -1;
    const settings = await deps.settings();
    if (!platformOn(settings, who.platform)) return reject('platform-off', who.platform);
    switch (msg.type) {
      case 'page/read': {
        if (!who.topFrame || who.taskFrameHost) return reject('not-top-frame');
        const where = addressOfPage(who.platform, who.url, msg.url);
        if (!pageAgreesWithUrl(msg.page, who.platform, where)) {
          return reject('page-does-not-match-url', where.href);
        }
        const now = deps.now();
        const thresholdS = thresholdFor(settings, who.platform);
        const result = await serial(() =>
          recordPageRead(deps.db, { page: msg.page, tabId: who.tabId, windowId, platform: who.platform, thresholdS }, now),
        );
        report(result.illegal);
        await deps.notePage?.(who.tabId, { platform: who.platform, kind: msg.page.kind, missing: msg.page.missing, at: now });
        return { type: 'page/recorded', outcome: result.outcome, taskId: result.taskId };
      }
      case 'task/frame-submit': {
        // Only the frame of that very assignment may say so (MTurk puts it in the frame's URL),
        // and only in a tab that shows MTurk.
        if (who.platform !== 'mturk' || who.url.searchParams.get('assignmentId') !== msg.assignmentId) {
          return reject('page-does-not-match-url', who.url.href);
        }
        if (!(await inPlatformTab(who, sender, settings))) return reject('frame-outside-platform-tab', sender.tab?.url ?? '');
        const submitted: PageInfo = { platform: 'mturk', kind: 'submitted', missing: [] };
        const result = await serial(() => endFromPage(deps.db, submitted, deps.now(), taskIdOf('mturk', msg.assignmentId)));
        report(result.illegal);
        return { type: 'task/ended', taskId: result.ended[0] ?? null };
      }
      case 'task/page-action': {
        // Believed only in the top frame of the very task the sender's address names.
        if (!who.topFrame || who.taskFrameHost) return reject('not-top-frame');
        const where = addressOfPage(who.platform, who.url, msg.url);
        if (REGISTRY[who.platform].idsFromUrl(where).externalId !== msg.externalId) {
          return reject('page-does-not-match-url', where.href);
        }
        const kind = msg.action === 'submit' ? 'submitted' : 'returned';
        const result = await serial(() =>
          endFromPage(deps.db, { platform: who.platform, kind, missing: [] }, deps.now(), taskIdOf(who.platform, msg.externalId)),
        );
        report(result.illegal);
        return { type: 'task/ended', taskId: result.ended[0] ?? null };
      }
      case 'dashboard/open': {
        // Only from a platform page's top frame, where the badges are; the schema allows only the
        // dashboard's own addresses.
        if (!who.topFrame || who.taskFrameHost) return reject('not-top-frame');
        await deps.openPage?.(msg.path);
        return { type: 'done' };
      }
      case 'offers/badges':
      case 'offers/detail': {
        // Badges sit beside the offers of the page itself: its top frame only, never a task frame.
        if (!who.topFrame || who.taskFrameHost) return reject('not-top-frame');
        const on = badgesOn(settings, who.platform);
        if (!on && msg.type === 'offers/badges') return { type: 'offers/badges', badges: [] };
        if (!on) return reject('badges-off', who.platform);
        const where = addressOfPage(who.platform, who.url, msg.url);
        const asked = msg.type === 'offers/badges' ? msg.offers : [{ groupId: msg.groupId, ...(msg.requesterId ? { requesterId: msg.requesterId } : {}) }];
        await ensureScopes(deps.db);
        const history = await historyForOffers(deps.db, who.platform, asked);
        const believed = believedOffers(history, asked, REGISTRY[who.platform].idsFromUrl(where).groupId);
        if (!believed.ok) return reject('unknown-offer', believed.detail);
        const { t, locale } = await strings(settings.language);
        if (msg.type === 'offers/detail') {
          const requesterId = msg.requesterId;
          if (requesterId === undefined) {
            const scope = { by: 'group' as const, platform: who.platform, id: msg.groupId };
            return { type: 'offers/detail', ...offerDetail(scope, await tasksOfScope(deps.db, who.platform, 'group', msg.groupId), settings, t, locale) };
          }
          // The requester's tasks only for the group's own requester as stored, never one the page names.
          if (history.requesterOf.get(msg.groupId) !== requesterId) return reject('unknown-offer', `requester ${requesterId} of group ${msg.groupId}`);
          const scope = { by: 'requester' as const, platform: who.platform, id: requesterId };
          return { type: 'offers/detail', ...offerDetail(scope, await tasksOfScope(deps.db, who.platform, 'requester', requesterId), settings, t, locale) };
        }
        const index = await deps.feeds?.index();
        const collective = index && index.size > 0 ? { index, now: deps.now() } : null;
        const badges = believed.offers.map((offer) =>
          offerBadge(
            offer,
            history.groupTasks.get(offer.groupId) ?? [],
            offer.requesterId ? (history.requesterTasks.get(offer.requesterId) ?? []) : [],
            settings,
            t,
            locale,
            { platform: who.platform, cache: figures, ...(collective ? { collective } : {}) },
          ),
        );
        return { type: 'offers/badges', badges };
      }
      case 'activity/pulse': {
        if (!(await inPlatformTab(who, sender, settings))) return reject('frame-outside-platform-tab', sender.tab?.url ?? '');
        const at = deps.now();
        const thresholdS = thresholdFor(settings, who.platform);
        await deps.feed([
          {
            type: 'pulse',
            at,
            tabId: who.tabId,
            frameId: who.frameId,
            input: msg.inputAgoMs === null ? null : at - msg.inputAgoMs,
            firstInput: msg.firstInputAgoMs === null ? null : at - msg.firstInputAgoMs,
            media: msg.media,
            focusInFrame: msg.focusInFrame,
            focusHere: msg.focusHere,
            visible: msg.visible,
            mediaLimitMs: settings.mediaLimitS * 1000,
            // Only a platform page registers a tab of its own (overhead until its reader reports).
            ...(who.taskFrameHost ? {} : { page: { platform: who.platform, windowId, thresholdMs: thresholdS * 1000 } }),
          },
        ]);
        return { type: 'pulse/accepted' };
      }
    }
  }

  async function fromExtensionPage(msg: ExtensionPageMessage): Promise<Reply> {
    const at = deps.now();
    switch (msg.type) {
      case 'status/get': {
        const lastTask = (await deps.db.tasks.orderBy('acceptedAt').last()) ?? null;
        return { type: 'status', version: deps.version, lastTask };
      }
      case 'tracking/pause':
      case 'tracking/resume':
        await deps.feed([{ type: msg.type === 'tracking/pause' ? 'pause' : 'resume', at }]);
        return { type: 'done' };
      case 'tab/unlink':
        await deps.feed([{ type: 'tab-unlinked', at, tabId: msg.tabId }]);
        return { type: 'done' };
      case 'gap/answer':
        await serial(() => answerGap(deps.db, msg.gapId, msg.answer, at));
        return { type: 'done' };
      case 'journal/seen':
        await serial(() => markSeen(deps.db, msg.ids, at));
        return { type: 'done' };
      case 'manual/start': {
        const id = `manual:${deps.newId()}`;
        const thresholdS = thresholdFor(await deps.settings(), 'manual');
        await serial(() => startManual(deps.db, { id, title: msg.title, reward: msg.reward, thresholdS }, at));
        return { type: 'manual/started', taskId: id };
      }
      case 'manual/stop':
        await serial(() => stopManual(deps.db, at));
        return { type: 'done' };
      case 'feeds/list':
      case 'feeds/add':
      case 'feeds/refresh':
      case 'feeds/remove': {
        const feeds = deps.feeds;
        if (!feeds) return reject('internal-error', 'no feed store');
        let added: 'added' | 'exists' | 'invalid' | undefined;
        if (msg.type === 'feeds/add') {
          const result = await feeds.add(msg.url.trim(), msg.publicKey);
          added = result.ok ? 'added' : result.reason;
        } else if (msg.type === 'feeds/refresh') {
          if (msg.url) await feeds.refresh(msg.url);
          else await feeds.refreshAll();
        } else if (msg.type === 'feeds/remove') await feeds.remove(msg.url);
        return { type: 'feeds', ...(await feeds.list()), ...(added ? { added } : {}) };
      }
    }
  }

  return async function handle(message: unknown, sender: SenderLike): Promise<Reply> {
    const who = classifySender(sender, deps.self);
    if (who.kind === 'rejected') return reject(who.reason, sender.url ?? '');
    try {
      if (who.kind === 'content') {
        if (!budget.take(`${who.tabId}:${who.frameId}`, deps.now())) return reject('over-budget', who.url.origin);
        const parsed = contentMessageSchema.safeParse(message);
        if (!parsed.success) return reject('invalid-message', parsed.error.issues[0]?.message);
        return await fromContent(parsed.data, who, sender);
      }
      const parsed = extensionPageMessageSchema.safeParse(message);
      if (!parsed.success) {
        return contentMessageSchema.safeParse(message).success
          ? reject('not-allowed-from-sender')
          : reject('invalid-message', parsed.error.issues[0]?.message);
      }
      return await fromExtensionPage(parsed.data);
    } catch (error) {
      return reject('internal-error', error instanceof Error ? error.message : String(error));
    }
  };
}
