import { startActivity } from '@/lib/content/activity';
import type { ScriptContext } from '@/lib/content/script-context';
import { platformMatchPatterns } from '@/lib/platforms';

/**
 * The activity sensor, in every frame of platform pages and task frames (www.mturkcontent.com),
 * from document_start (lib/content/activity.ts). Its own small file: requesters' task frames run
 * it too, and parse 4 KB, not the page reader's 33 KB (one script for both measured no faster at
 * load, docs/architecture.md#the-content-scripts). Everything belongs to `ctx`
 * (lib/content/script-context.ts), which tells the page nothing.
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
    startActivity(ctx);
  },
});
