import { startPageReader } from '@/lib/content/page-reader';
import type { ScriptContext } from '@/lib/content/script-context';
import { platformMatchPatterns, platformOfUrl } from '@/lib/platforms';

/** The page reader waits for the page's own work: idle time after the DOM is parsed, at most this long. */
export const READ_TIMEOUT_MS = 200;

/**
 * The page reader, in the top frame of a platform's own pages (lib/content/page-reader.ts): it
 * reads the page, reports it, and draws the badges beside offers. It starts at document_idle and
 * then waits for an idle moment (200 ms at most), so that the page's own start-up runs first.
 * Everything belongs to `ctx` (lib/content/script-context.ts), which tells the page nothing; its
 * timers and listeners stop when the extension is reloaded or updated.
 */
export default defineContentScript({
  // Worked out when WXT loads this file at build time (import.meta.env.SSR), as in
  // activity.content.ts: the manifest needs the matches, the page does not.
  matches: import.meta.env.SSR ? platformMatchPatterns({ frames: false }) : [],
  runAt: 'document_idle',
  main(ctx: ScriptContext) {
    const platform = platformOfUrl(location.href);
    if (!platform) return;
    ctx.requestIdleCallback(() => startPageReader(ctx, platform), { timeout: READ_TIMEOUT_MS });
  },
});
