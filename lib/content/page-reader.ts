import type { ContentMessage } from '../messages';
import type { PlatformId } from '../model/platform-id';
import { readPage } from '../platforms';
import { REGISTRY } from '../platforms/registry';
import { badgeSource } from './badges/badge-client';
import { startBadges } from './badges/badge-mounter';
import type { ScriptContext } from './script-context';
import { sendMessage } from './send-message';
import { watchLocation } from './watch-location';

/** Single-page apps are re-read on DOM changes at most this often: never faster than once a second. */
const REREAD_MS = 1000;

/**
 * The page reader of a platform's page (top frame): reads what the page advertises and hands it
 * to the background, which validates it against the sender's URL. It listens to no window message
 * and to no event a page can forge: only trusted submits and clicks on the platform's own end-of-
 * task controls, and, on single-page apps, history changes and DOM changes (throttled). Its context
 * (lib/content/script-context.ts) posts nothing to the page.
 */
export function startPageReader(ctx: ScriptContext, platform: PlatformId): void {
  const contract = REGISTRY[platform];
  const send = (message: ContentMessage) => sendMessage(ctx, message);

  // Badges beside the offers of list and preview pages; a single-page app may show its offers
  // later, so its badges start with the page.
  let badges: ReturnType<typeof startBadges> | null = null;
  const startBadgesOnce = () => {
    if (badges) return;
    const source = badgeSource(platform, document, () => location.href, send);
    if (!contract.singlePageApp && source.anchors().length === 0) return;
    badges = startBadges(ctx, document, source);
  };

  let lastSent = '';
  const report = () => {
    const page = readPage(new URL(location.href), document);
    // Every platform page is reported, task or not: the background needs to know when a tab
    // stops showing a task (its time becomes overhead).
    if (!page) return;
    const message: ContentMessage = { type: 'page/read', page, url: location.href };
    const serialized = JSON.stringify(message);
    if (serialized === lastSent) return;
    lastSent = serialized;
    send(message).then(
      () => {
        // The background has the page's offers now: badges may ask about them.
        if (badges) badges.refresh();
        else startBadgesOnce();
      },
      () => {
        // The background may be restarting after an update; the next page read retries.
        lastSent = '';
      },
    );
  };
  report();

  const onAction = (event: Event) => {
    if (!event.isTrusted || !(event.target instanceof Element)) return;
    const action = contract.pageAction?.(new URL(location.href), event.type as 'submit' | 'click', event.target);
    if (!action) return;
    send({ type: 'task/page-action', ...action, url: location.href }).catch(() => {
      // A status page writes the state back later if this message is lost.
    });
  };
  for (const type of contract.actionEvents ?? []) ctx.addEventListener(document, type, onAction, { capture: true });

  if (contract.singlePageApp) {
    // History changes the browser itself reports; nothing a page script can dispatch or see.
    watchLocation(ctx, window, report);
    // The app renders after load and re-renders in place: re-read when the DOM settles, at most
    // once a second, never by polling.
    let pending = false;
    const observer = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      ctx.setTimeout(() => {
        pending = false;
        report();
      }, REREAD_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());
  }
}
