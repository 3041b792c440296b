import type { PlatformId } from './model/platform-id';
import { platformOfUrl } from './platforms';
import { CONTRACTS } from './platforms/registry';

/** The part of runtime.MessageSender the check reads (Chrome and Firefox both fill these). */
export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string; windowId?: number };
}

export interface Self {
  id: string;
  /** The extension's own origin with a trailing slash: runtime.getURL(''). */
  origin: string;
}

export type SenderVerdict =
  | {
      kind: 'content';
      platform: PlatformId;
      url: URL;
      tabId: number;
      frameId: number;
      topFrame: boolean;
      /** The sender is a task frame host (www.mturkcontent.com), not a page the reader reads. */
      taskFrameHost: boolean;
    }
  | { kind: 'extension-page'; url: URL }
  | { kind: 'rejected'; reason: 'foreign-sender' | 'not-a-platform-page' };

/**
 * Who sent a message. Only this extension's content scripts, on a supported platform's pages and
 * task frames, and this extension's own pages are heard
 * (docs/trust-boundaries.md#the-background-checks-every-sender).
 */
export function classifySender(sender: SenderLike, self: Self): SenderVerdict {
  if (sender.id !== self.id || !sender.url) return { kind: 'rejected', reason: 'foreign-sender' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { kind: 'rejected', reason: 'foreign-sender' };
  }
  if (sender.url.startsWith(self.origin)) return { kind: 'extension-page', url };

  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return { kind: 'rejected', reason: 'foreign-sender' };
  const page = platformOfUrl(url);
  const platform = page ?? taskFramePlatform(url);
  if (platform === null) return { kind: 'rejected', reason: 'not-a-platform-page' };
  const frameId = typeof sender.frameId === 'number' && sender.frameId >= 0 ? sender.frameId : 0;
  return { kind: 'content', platform, url, tabId, frameId, topFrame: sender.frameId === 0, taskFrameHost: page === null };
}

function taskFramePlatform(url: URL): PlatformId | null {
  if (url.protocol !== 'https:') return null;
  return CONTRACTS.find((contract) => contract.taskFrameHosts?.includes(url.hostname))?.id ?? null;
}
