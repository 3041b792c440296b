import { browser } from 'wxt/browser';
import type { ExtensionPageMessage, Reply } from '@/lib/messages';

/** Sends a typed message from an extension page to the background. */
export function send(message: ExtensionPageMessage): Promise<Reply> {
  return browser.runtime.sendMessage(message) as Promise<Reply>;
}
