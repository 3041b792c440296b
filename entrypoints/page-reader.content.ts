import { browser } from 'wxt/browser';
import type { ContentMessage } from '@/lib/messages';
import { platformMatchPatterns } from '@/lib/platforms/hosts';
import { readPage } from '@/lib/platforms';

/**
 * Runs on every supported platform page (top frame): reads what the page advertises and hands it
 * to the background, which validates it. It listens to nothing the page can send: no
 * window messages, no DOM events, so a page script cannot make it report anything.
 */
export default defineContentScript({
  matches: platformMatchPatterns({ frames: false }),
  runAt: 'document_idle',
  main(ctx) {
    const report = () => {
      const page = readPage(new URL(location.href), document);
      if (!page || (page.kind === 'other' && page.missing.length === 0)) return;
      const message: ContentMessage = { type: 'page/read', page };
      browser.runtime.sendMessage(message).catch(() => {
        // The background may be restarting after an update; the next page read retries.
      });
    };
    report();
    // Single-page apps (Prolific, Toloka) change pages without a load.
    ctx.addEventListener(window, 'wxt:locationchange', report);
  },
});
