import { browser } from 'wxt/browser';
import type { ContentMessage } from '../messages';
import type { ScriptContext } from './script-context';

const INVALIDATED = 'Extension context invalidated';

/**
 * Sends a message to the background from a content script. After the extension is reloaded or
 * updated, the copy of the script still running in an open page is an orphan: Chrome then fails
 * every call with "Extension context invalidated", and the context ends, so that its timers and
 * listeners stop instead of failing again on every input.
 */
export async function sendMessage(ctx: Pick<ScriptContext, 'isValid' | 'notifyInvalidated'>, message: ContentMessage): Promise<unknown> {
  if (!ctx.isValid) throw new Error(INVALIDATED);
  try {
    return await browser.runtime.sendMessage(message);
  } catch (error) {
    if (String((error as Error | undefined)?.message ?? error).includes(INVALIDATED)) ctx.notifyInvalidated();
    throw error;
  }
}
