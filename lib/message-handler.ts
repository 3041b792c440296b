import type { TrueRateDb } from './db/database';
import { taskId as taskIdOf } from './model/task';
import { applyPageEffects } from './ledger/page-effects';
import { recordPage } from './ledger/record-page';
import {
  contentMessageSchema,
  extensionPageMessageSchema,
  type ContentMessage,
  type ExtensionPageMessage,
  type RejectReason,
  type Reply,
} from './messages';
import { idsFromUrl, pageAgreesWithUrl } from './platforms';
import type { PlatformId } from './model/platform-id';
import type { PageInfo } from './platforms/page-info';
import { SINGLE_PAGE_APPS } from './platforms/spa';
import { classifySender, type SenderLike, type Self } from './sender-check';
import { platformOn, thresholdFor, type Settings } from './settings';
import type { EngineEvent } from './tracking/events';
import { answerGap, endTask, manualTask } from './ledger/manual';

export interface HandlerDeps {
  db: TrueRateDb;
  self: Self;
  version: string;
  now: () => number;
  /** Hands events to the attention engine (lib/tracking/store.ts in the background). */
  feed: (events: EngineEvent[]) => Promise<unknown>;
  newId: () => string;
  settings: () => Promise<Settings>;
  /** Where rejected messages are reported (the background logs them; tests collect them). */
  onReject?: (reason: RejectReason, detail: string) => void;
  /** Where refused lifecycle moves are reported: logged, never applied. */
  onNotice?: (text: string) => void;
  /** Keeps what was last read in a tab, so the popup can say when a page was not recognised. */
  notePage?: (tabId: number, note: PageNote) => Promise<void>;
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
 * reading counts, on the same origin only.
 */
function addressOfPage(platform: PlatformId, senderUrl: URL, reported: string): URL {
  if (!SINGLE_PAGE_APPS.has(platform)) return senderUrl;
  try {
    const url = new URL(reported);
    return url.origin === senderUrl.origin ? url : senderUrl;
  } catch {
    return senderUrl;
  }
}

type Content = Extract<ReturnType<typeof classifySender>, { kind: 'content' }>;

/**
 * The background's one entry for runtime messages: who sent it, is it well formed, is the sender
 * allowed to say it, then act. Every outcome is a Reply; nothing throws back to the sender.
 */
export function createMessageHandler(deps: HandlerDeps) {
  const reject = (reason: RejectReason, detail = ''): Reply => {
    deps.onReject?.(reason, detail);
    return { type: 'rejected', reason, ...(detail ? { detail } : {}) };
  };

  /** Page effects (offers, states, ends), then the engine told which tasks ended. */
  async function applyEffects(page: PageInfo, now: number, previousTaskId: string | null): Promise<string[]> {
    const effects = await applyPageEffects(deps.db, page, now, previousTaskId);
    for (const text of effects.illegal) deps.onNotice?.(`lifecycle move refused: ${text}`);
    if (effects.ended.length > 0) {
      await deps.feed(effects.ended.map((taskId) => ({ type: 'task-ended' as const, at: now, taskId })));
    }
    return effects.ended;
  }

  async function fromContent(msg: ContentMessage, who: Content, sender: SenderLike): Promise<Reply> {
    const windowId = sender.tab?.windowId ?? -1;
    const settings = await deps.settings();
    if (!platformOn(settings, who.platform)) return reject('platform-off', who.platform);
    switch (msg.type) {
      case 'page/read': {
        if (!who.topFrame) return reject('not-top-frame');
        const where = addressOfPage(who.platform, who.url, msg.url);
        if (!pageAgreesWithUrl(msg.page, who.platform, where)) {
          return reject('page-does-not-match-url', where.href);
        }
        const now = deps.now();
        const thresholdS = thresholdFor(settings, who.platform);
        const previous = (await deps.db.tracker.get('state'))?.state.tabs[who.tabId]?.taskId ?? null;
        await applyEffects(msg.page, now, previous);
        const result = await recordPage(deps.db, msg.page, now, thresholdS);
        await deps.notePage?.(who.tabId, { platform: who.platform, kind: msg.page.kind, missing: msg.page.missing, at: now });
        const task =
          msg.page.kind === 'working' && msg.page.task
            ? await deps.db.tasks.get(taskIdOf(msg.page.platform, msg.page.task.externalId))
            : undefined;
        await deps.feed([
          {
            type: 'tab-page',
            at: now,
            tabId: who.tabId,
            windowId,
            platform: who.platform,
            taskId: task?.id ?? null,
            thresholdMs: (task?.idleThresholdS ?? thresholdS) * 1000,
          },
        ]);
        return { type: 'page/recorded', outcome: result.outcome, taskId: task?.id ?? null };
      }
      case 'task/frame-submit': {
        // Only the frame of that very assignment may say so: MTurk puts it in the frame's URL.
        if (who.platform !== 'mturk' || who.url.searchParams.get('assignmentId') !== msg.assignmentId) {
          return reject('page-does-not-match-url', who.url.href);
        }
        const submitted: PageInfo = { platform: 'mturk', kind: 'submitted', missing: [] };
        const ended = await applyEffects(submitted, deps.now(), taskIdOf('mturk', msg.assignmentId));
        return { type: 'task/ended', taskId: ended[0] ?? null };
      }
      case 'task/page-action': {
        // Believed only in the top frame of the very task the sender's address names.
        if (!who.topFrame) return reject('not-top-frame');
        const where = addressOfPage(who.platform, who.url, msg.url);
        if (idsFromUrl(who.platform, where).externalId !== msg.externalId) {
          return reject('page-does-not-match-url', where.href);
        }
        const kind = msg.action === 'submit' ? 'submitted' : 'returned';
        const ended = await applyEffects({ platform: who.platform, kind, missing: [] }, deps.now(), taskIdOf(who.platform, msg.externalId));
        return { type: 'task/ended', taskId: ended[0] ?? null };
      }
      case 'activity/pulse': {
        const at = deps.now();
        const thresholdS = thresholdFor(settings, who.platform);
        await deps.feed([
          {
            type: 'pulse',
            at,
            tabId: who.tabId,
            input: msg.inputAgoMs === null ? null : at - msg.inputAgoMs,
            firstInput: msg.firstInputAgoMs === null ? null : at - msg.firstInputAgoMs,
            media: msg.media,
            focusInFrame: msg.focusInFrame,
            visible: msg.visible,
            page: { platform: who.platform, windowId, thresholdMs: thresholdS * 1000 },
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
      case 'gap/answer':
        await answerGap(deps.db, msg.gapId, msg.answer, at);
        return { type: 'done' };
      case 'manual/start': {
        const id = `manual:${deps.newId()}`;
        const thresholdS = thresholdFor(await deps.settings(), 'manual');
        await deps.db.tasks.add(manualTask(id, msg.title, msg.reward, at, thresholdS));
        await deps.feed([{ type: 'manual-start', at, taskId: id, thresholdMs: thresholdS * 1000 }]);
        return { type: 'manual/started', taskId: id };
      }
      case 'manual/stop': {
        const state = (await deps.db.tracker.get('state'))?.state;
        const running = state?.manual?.taskId;
        await deps.feed([{ type: 'manual-stop', at }]);
        if (running) await endTask(deps.db, running, at);
        return { type: 'done' };
      }
    }
  }

  return async function handle(message: unknown, sender: SenderLike): Promise<Reply> {
    const who = classifySender(sender, deps.self);
    if (who.kind === 'rejected') return reject(who.reason, sender.url ?? '');
    try {
      if (who.kind === 'content') {
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
