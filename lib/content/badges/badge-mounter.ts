import type { ScriptContext } from '../script-context';
import { HOST_ATTR, mountBadge, placeFor, type BadgeActions } from './badge-element';
import type { BadgeView } from './badge-view';

/** Where one offer lives on the page (the platform contract's offer anchors). */
export interface Anchor {
  groupId: string;
  requesterId?: string;
  element: Element;
}

export interface BadgeSource extends BadgeActions {
  /** The page's offers as its adapter finds them, by id. */
  anchors(): Anchor[];
  /** Badges for offers not drawn yet: one message for all of them. */
  fetch(offers: { groupId: string; requesterId?: string }[]): Promise<BadgeView[]>;
}

/** DOM changes settle for this long before badges are looked at again. */
export const SETTLE_MS = 150;
/** A request that failed is asked again after this, doubled at each failure up to RETRY_MAX_MS. */
export const RETRY_MS = 1000;
export const RETRY_MAX_MS = 30_000;

/**
 * Keeps a badge next to every offer on the page, by the offer's id, whatever the page's own script
 * does: lists re-sorted, rows re-rendered by React or Vue, a page that removes a badge. One
 * MutationObserver for the page, debounced; while TrueRate writes, it is disconnected, so
 * TrueRate's own writes never wake it. Badges are fetched once per offer (one message per batch of
 * new offers), never while the page is hidden.
 */
export function startBadges(
  ctx: Pick<ScriptContext, 'setTimeout' | 'addEventListener' | 'onInvalidated'>,
  doc: Document,
  source: BadgeSource,
): { settle(): Promise<void>; refresh(): void } {
  const views = new Map<string, BadgeView>();
  const asked = new Set<string>();
  let scheduled = false;
  let retryMs = RETRY_MS;
  let running: Promise<void> = Promise.resolve();
  const observer = new MutationObserver(() => schedule());
  const watch = () => observer.observe(doc.documentElement, { childList: true, subtree: true });

  const draw = (anchors: Anchor[]) => {
    observer.disconnect();
    try {
      // Every place first (style reads), then every badge (writes): one layout for the page, not
      // one per badge.
      const places = anchors.map((a) => placeFor(a.element, a.groupId));
      anchors.forEach((anchor, i) => {
        const view = views.get(anchor.groupId);
        if (view) mountBadge(anchor.element, view, source, places[i]);
      });
      // A host whose offer moved elsewhere (a re-sorted list keeps DOM nodes) is dropped, so no
      // badge ever sits next to another offer.
      const owners = new Map(anchors.map((a, i) => [places[i]!.slot, a.groupId]));
      for (const host of doc.querySelectorAll(`[${HOST_ATTR}]`)) {
        const parent = host.parentElement;
        if (!parent || owners.get(parent) !== host.getAttribute(HOST_ATTR)) host.remove();
      }
    } finally {
      observer.takeRecords();
      watch();
    }
  };

  const pass = async () => {
    if (doc.visibilityState !== 'visible') return;
    const anchors = source.anchors();
    const missing = anchors.filter((a) => !views.has(a.groupId) && !asked.has(a.groupId));
    const unique = [...new Map(missing.map((a) => [a.groupId, { groupId: a.groupId, ...(a.requesterId ? { requesterId: a.requesterId } : {}) }])).values()];
    if (unique.length > 0) {
      for (const offer of unique) asked.add(offer.groupId);
      try {
        for (const view of await source.fetch(unique)) views.set(view.groupId, view);
        retryMs = RETRY_MS;
      } catch {
        // The background may be restarting, or busy (its first read after an update builds what
        // badges read): ask again on the next change, or after a while if the page stays still.
        for (const offer of unique) asked.delete(offer.groupId);
        ctx.setTimeout(schedule, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    }
    // The page may have changed while the answer came: draw on what it shows now.
    draw(source.anchors());
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    ctx.setTimeout(() => {
      scheduled = false;
      running = running.then(pass, pass);
    }, SETTLE_MS);
  };

  ctx.addEventListener(doc, 'visibilitychange', (event) => {
    if (event.isTrusted && doc.visibilityState === 'visible') schedule();
  });
  ctx.onInvalidated(() => observer.disconnect());
  watch();
  running = pass();
  // The page reader calls this once the background has its read of the page: offers it refused
  // as unknown a moment ago (a single-page app's list arrives before its read) are known now.
  return { settle: () => running, refresh: schedule };
}
