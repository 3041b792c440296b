import { startActivity } from '@/lib/content/activity';
import { startPageReader } from '@/lib/content/page-reader';
import type { ScriptContext } from '@/lib/content/script-context';
import { platformMatchPatterns, platformOfUrl } from '@/lib/platforms';

/** The page reader waits for the page's own work: idle time after DOMContentLoaded, at most this long. */
const READ_TIMEOUT_MS = 200;

/**
 * TrueRate's one content script, in every frame of platform pages and task frames
 * (www.mturkcontent.com), from document_start:
 * - the activity sensor, in every frame (lib/content/activity.ts);
 * - the page reader, in the top frame of a platform's own pages only (lib/content/page-reader.ts),
 *   once the DOM is parsed and the page is idle, as the manifest's document_idle would start it.
 * One script rather than two: the browser compiles and runs one file per frame, and the sensor and
 * the reader share one context and one set of extension bindings. Everything belongs to `ctx`
 * (lib/content/script-context.ts), which tells the page nothing; its timers and listeners stop
 * when the extension is reloaded or updated.
 */
export default defineContentScript({
  // The manifest's matches, worked out when WXT loads this file at build time (in Node, where
  // import.meta.env.SSR is true); the bundle needs none of them (scripts/check-build.ts checks
  // the manifest's matches).
  matches: import.meta.env.SSR ? platformMatchPatterns({ frames: true }) : [],
  allFrames: true,
  runAt: 'document_start',
  main(ctx: ScriptContext) {
    startActivity(ctx);
    // Task frames and other frames are not read; neither are hosts that are not a platform's own.
    const platform = window.top === window ? platformOfUrl(location.href) : null;
    if (!platform) return;
    const read = () => ctx.requestIdleCallback(() => startPageReader(ctx, platform), { timeout: READ_TIMEOUT_MS });
    if (document.readyState !== 'loading') {
      read();
      return;
    }
    // The browser's DOMContentLoaded only: one a page script dispatches earlier would have the
    // reader read half a page.
    let waiting = true;
    ctx.addEventListener(document, 'DOMContentLoaded', (event) => {
      if (!event.isTrusted || !waiting) return;
      waiting = false;
      read();
    });
  },
});
