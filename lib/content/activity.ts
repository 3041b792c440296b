import type { ContentMessage } from '../messages';
import { startSensor } from '../tracking/sensor';
import type { ScriptContext } from './script-context';
import { sendMessage } from './send-message';

/**
 * The activity sensor of one frame (lib/tracking/sensor.ts), wired to the background. Its timers
 * and listeners belong to `ctx` (lib/content/script-context.ts, which tells the page nothing), so
 * they stop when the extension is reloaded or updated.
 */
export function startActivity(ctx: ScriptContext): void {
  startSensor(document, window, {
    now: () => performance.now(),
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
}
