import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db/database';
import { createMessageHandler } from '@/lib/message-handler';
import type { SenderLike } from '@/lib/sender-check';

export function setupMessageRouter(): () => void {
  const handle = createMessageHandler({
    db: getDb(),
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    version: browser.runtime.getManifest().version,
    now: () => Date.now(),
    onReject: (reason, detail) => console.warn('TrueRate: message rejected:', reason, detail),
  });
  const listener = (message: unknown, sender: SenderLike) =>
    handle(message, sender);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
