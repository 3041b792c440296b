import { browser } from 'wxt/browser';
import type { ContentMessage } from '@/lib/messages';
import { platformMatchPatterns } from '@/lib/platforms/hosts';
import { startSensor } from '@/lib/tracking/sensor';

/**
 * Activity sensor in every frame of platform pages, task frames included (www.mturkcontent.com).
 * Its timers and listeners belong to `ctx`, so they stop when the extension updates.
 */
export default defineContentScript({
  matches: platformMatchPatterns({ frames: true }),
  allFrames: true,
  runAt: 'document_start',
  main(ctx) {
    startSensor(document, window, {
      now: () => Date.now(),
      send: (pulse) => {
        browser.runtime.sendMessage(pulse).catch(() => {
          // The background restarts on the next event; a lost pulse costs at most one second.
        });
      },
      submitted: (assignmentId) => {
        const message: ContentMessage = { type: 'task/frame-submit', assignmentId };
        browser.runtime.sendMessage(message).catch(() => {
          // The status page writes the state back later if this message is lost.
        });
      },
      setInterval: (fn, ms) => ctx.setInterval(fn, ms),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      listen: (target, type, fn) =>
        ctx.addEventListener(target as Window, type as 'focus', fn, { capture: true, passive: true }),
    });
  },
});
