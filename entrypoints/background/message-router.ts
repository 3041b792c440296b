import { browser } from 'wxt/browser';
import { loadStrings } from '@/components/i18n';
import type { TrueRateDb } from '@/lib/db/database';
import type { FeedStore } from '@/lib/db/feeds';
import { createMessageHandler } from '@/lib/message-handler';
import type { SenderLike } from '@/lib/sender-check';
import { readSettings } from './settings';
import type { Feed, Serial } from './tracking';

export function setupMessageRouter(db: TrueRateDb, feed: Feed, serial: Serial, feeds: FeedStore): () => void {
  const handle = createMessageHandler({
    db,
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    version: browser.runtime.getManifest().version,
    now: () => Date.now(),
    feed,
    serial,
    newId: () => crypto.randomUUID(),
    settings: readSettings,
    feeds,
    // The badges' words, in the worker's chosen language (read again for each request, like settings).
    strings: loadStrings,
    // A platform the worker turned off sends a pulse a second; that is expected, not worth a log line.
    onReject: (reason, detail) => {
      if (reason !== 'platform-off') console.warn('TrueRate: message rejected:', reason, detail);
    },
    onNotice: (text) => console.warn('TrueRate:', text),
    // Session storage: gone when the browser closes, like the tabs it describes.
    notePage: (tabId, note) => browser.storage.session.set({ [`page:${tabId}`]: note }),
    openPage: async (path) => {
      await browser.tabs.create({ url: browser.runtime.getURL(`/${path}` as '/options.html') });
    },
  });
  const listener = (message: unknown, sender: SenderLike) => handle(message, sender);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
