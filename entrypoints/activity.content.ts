import type { ContentMessage } from '@/lib/messages';
import type { ScriptContext } from '@/lib/content/script-context';
import { sendMessage } from '@/lib/content/send-message';
import { platformMatchPatterns } from '@/lib/platforms';
import { startSensor } from '@/lib/tracking/sensor';

/**
 * Activity sensor in every frame of platform pages, task frames included (www.mturkcontent.com).
 * Its timers and listeners belong to `ctx` (lib/content/script-context.ts, which tells the page
 * nothing), so they stop when the extension is reloaded or updated.
 */
export default defineContentScript({
  // The manifest's matches, worked out when WXT loads this file at build time (in Node, where
  // import.meta.env.SSR is true). The bundle that runs in every frame needs none of them, and
  // without this it would carry every platform's contract (scripts/check-build.ts checks the
  // manifest's matches).
  matches: import.meta.env.SSR ? platformMatchPatterns({ frames: true }) : [],
  allFrames: true,
  runAt: 'document_start',
  main(ctx: ScriptContext) {
    startSensor(document, window, {
      now: () => Date.now(),
      send: (pulse) => {
        sendMessage(ctx, pulse).catch(() => {
          // The background restarts on the next event; a lost pulse costs at most one second.
        });
      },
      submitted: (assignmentId) => {
        const message: ContentMessage = { type: 'task/frame-submit', assignmentId };
        sendMessage(ctx, message).catch(() => {
          // The status page writes the state back later if this message is lost.
        });
      },
      setInterval: (fn, ms) => ctx.setInterval(fn, ms),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      listen: (target, type, fn) => ctx.addEventListener(target, type, fn, { capture: true, passive: true }),
    });
  },
});
