import type { ContentMessage, Reply } from '../../messages';
import type { PlatformId } from '../../model/platform-id';
import { REGISTRY } from '../../platforms/registry';
import type { Anchor, BadgeSource } from './badge-mounter';
import type { BadgeDetail } from './badge-view';

type Send = (message: ContentMessage) => Promise<unknown>;

/**
 * Badges' link to the page and to the background: the platform's offer anchors, one
 * `offers/badges` message for the offers not drawn yet, the panel's detail on demand, and the
 * dashboard opened by the background. Replies are the background's, typed by lib/messages.ts.
 */
export function badgeSource(platform: PlatformId, doc: Document, href: () => string, send: Send): BadgeSource {
  const requesters = new Map<string, string>();
  return {
    anchors(): Anchor[] {
      const anchors = REGISTRY[platform].offerAnchors(new URL(href()), doc);
      for (const a of anchors) if (a.requesterId) requesters.set(a.groupId, a.requesterId);
      return anchors;
    },
    async fetch(offers) {
      const reply = (await send({ type: 'offers/badges', url: href(), offers })) as Reply;
      // A refusal (offers the background has not heard of yet) is asked again on the next change.
      if (reply?.type !== 'offers/badges') throw new Error(reply?.type === 'rejected' ? reply.reason : 'no reply');
      return reply.badges;
    },
    async detail(groupId): Promise<BadgeDetail | null> {
      const ask = async (requesterId?: string) => {
        const reply = (await send({ type: 'offers/detail', url: href(), groupId, ...(requesterId ? { requesterId } : {}) })) as Reply;
        return reply?.type === 'offers/detail' ? reply : null;
      };
      // The group's own tasks first; a group new to the worker shows its requester's.
      const group = await ask();
      const requesterId = requesters.get(groupId);
      return group && group.rows.length === 0 && requesterId ? ((await ask(requesterId)) ?? group) : group;
    },
    openDashboard(path) {
      void send({ type: 'dashboard/open', path }).catch(() => undefined);
    },
  };
}
