import { browser } from 'wxt/browser';
import type { ContentMessage } from '@/lib/messages';
import { platformMatchPatterns, platformOfUrl } from '@/lib/platforms/hosts';
import { readPage } from '@/lib/platforms';
import { SINGLE_PAGE_APPS } from '@/lib/platforms/spa';

/**
 * Runs on every supported platform page (top frame): reads what the page advertises and hands it
 * to the background, which validates it against the sender's URL. It listens to no window message
 * and no DOM event a page can forge; only single-page apps are re-read on history changes.
 */
export default defineContentScript({
  matches: platformMatchPatterns({ frames: false }),
  runAt: 'document_idle',
  main(ctx) {
    let lastSent = '';
    const report = () => {
      const page = readPage(new URL(location.href), document);
      // Every platform page is reported, task or not: the background needs to know when a tab
      // stops showing a task (its time becomes overhead).
      if (!page) return;
      const message: ContentMessage = { type: 'page/read', page, url: location.href };
      const serialized = JSON.stringify(message);
      if (serialized === lastSent) return;
      lastSent = serialized;
      browser.runtime.sendMessage(message).catch(() => {
        // The background may be restarting after an update; the next page read retries.
        lastSent = '';
      });
    };
    report();
    const platform = platformOfUrl(location.href);
    if (platform && SINGLE_PAGE_APPS.has(platform)) {
      ctx.addEventListener(window, 'wxt:locationchange', report);
    }
  },
});
