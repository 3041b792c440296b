import type { TrueRateDb } from './db/database';
import { recordPage } from './db/tasks';
import {
  contentMessageSchema,
  extensionPageMessageSchema,
  type RejectReason,
  type Reply,
} from './messages';
import { pageAgreesWithUrl } from './platforms';
import { classifySender, type SenderLike, type Self } from './sender-check';

export interface HandlerDeps {
  db: TrueRateDb;
  self: Self;
  version: string;
  now: () => number;
  /** Where rejected messages are reported (the background logs them; tests collect them). */
  onReject?: (reason: RejectReason, detail: string) => void;
}

/**
 * The background's one entry for runtime messages: who sent it, is it well formed, is the sender
 * allowed to say it, then act. Every outcome is a Reply; nothing throws back to the sender.
 */
export function createMessageHandler(deps: HandlerDeps) {
  const reject = (reason: RejectReason, detail = ''): Reply => {
    deps.onReject?.(reason, detail);
    return { type: 'rejected', reason, ...(detail ? { detail } : {}) };
  };

  return async function handle(message: unknown, sender: SenderLike): Promise<Reply> {
    const who = classifySender(sender, deps.self);
    if (who.kind === 'rejected') return reject(who.reason, sender.url ?? '');
    try {
      if (who.kind === 'content') {
        const parsed = contentMessageSchema.safeParse(message);
        if (!parsed.success) return reject('invalid-message', parsed.error.issues[0]?.message);
        const msg = parsed.data;
        switch (msg.type) {
          case 'page/read': {
            if (!who.topFrame) return reject('not-top-frame');
            if (!pageAgreesWithUrl(msg.page, who.platform, who.url)) {
              return reject('page-does-not-match-url', who.url.href);
            }
            const result = await recordPage(deps.db, msg.page, deps.now());
            return {
              type: 'page/recorded',
              outcome: result.outcome,
              taskId: 'task' in result ? result.task.id : null,
            };
          }
        }
      }
      const parsed = extensionPageMessageSchema.safeParse(message);
      if (!parsed.success) {
        return contentMessageSchema.safeParse(message).success
          ? reject('not-allowed-from-sender')
          : reject('invalid-message', parsed.error.issues[0]?.message);
      }
      switch (parsed.data.type) {
        case 'status/get': {
          const lastTask = (await deps.db.tasks.orderBy('acceptedAt').last()) ?? null;
          return { type: 'status', version: deps.version, lastTask };
        }
      }
    } catch (error) {
      return reject('internal-error', error instanceof Error ? error.message : String(error));
    }
  };
}
