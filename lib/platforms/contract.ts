import type { PlatformId } from '../model/platform-id';
import type { TaskStatus } from '../model/records';
import type { PageInfo, PageKind, UrlIds } from './page-info';

/**
 * Everything TrueRate knows about one platform, in one place. Each platform's folder
 * (lib/platforms/<id>/index.ts) exports one contract and lib/platforms/registry.ts lists them, so
 * adding a platform is one folder and one line there. The facts behind each field, with their
 * confidence marks, are in docs/platforms.md (section N of each platform).
 *
 * The content scripts bundle every contract: plain data and small pure functions only, no zod
 * (docs/architecture.md#platforms).
 */
export interface PlatformContract {
  readonly id: PlatformId;
  /** Hosts of the platform's own pages, read in the top frame (docs/platforms.md, each N.1). */
  readonly hosts: readonly string[];
  /** The page kinds `read` may report. Tests hold each to a fixture. */
  readonly claimedKinds: readonly PageKind[];
  /**
   * The adapter: a pure function of the page's address and DOM. It may throw on a page that
   * breaks it; readPage turns that into an "adapter-error" page.
   */
  read(url: URL, doc: ParentNode): PageInfo;
  /** What the address alone says about the page; the background checks every report against it. */
  idsFromUrl(url: URL): UrlIds;
  /**
   * For each offer the page shows, the element a badge goes next to, found by the offer's id and
   * never by position (docs/platforms.md, each N.8 "Offer lists"). Pure and cheap: it runs on
   * every batch of DOM changes of a list page, so one pass over the page and no scan of the whole
   * document per offer. Never throws; a page without the element gives [].
   */
  offerAnchors(url: URL, doc: ParentNode): OfferAnchor[];

  // The rest is what only some platforms have; absent means none. Each contract says why it
  // leaves one out. Fewer fields also keep the content scripts, which bundle every contract, small.

  /**
   * Hosts that serve task frames inside the platform's pages: the activity sensor runs there, but
   * no page is read there (docs/trust-boundaries.md#task-frame-hosts).
   */
  readonly taskFrameHosts?: readonly string[];
  /**
   * Where the address cannot tell a page's kind and the DOM decides: for a kind `idsFromUrl`
   * gives, the other kinds a report may give there (docs/trust-boundaries.md#page-reports-are-checked-against-the-address).
   */
  readonly domDecides?: Readonly<Partial<Record<UrlIds['kind'], readonly PageKind[]>>>;
  /** The events `pageAction` recognises. The page reader listens to these only. */
  readonly actionEvents?: readonly PageActionEvent[];
  /**
   * The worker ending a task with the platform's own control on its page (docs/platforms.md, each
   * N.5), seen as it happens. Called for trusted events only, of a type in `actionEvents`; the
   * background checks the id against the sender's address again.
   */
  pageAction?(url: URL, eventType: PageActionEvent, target: Element): PageAction | null;
  /** The platform's words for a task's state, lower case with spaces (docs/platforms.md, each N.6). */
  readonly statusWords?: Readonly<Record<string, TaskStatus>>;
  /**
   * The ids this platform puts into the address of a page it sends the worker to (a survey tab, an
   * ExternalQuestion frame), which link that tab to its task (docs/time.md#linked-tabs).
   */
  linkIds?(url: URL): LinkIds;
  /**
   * The platform's web app changes pages without a load, so the reader follows history and DOM
   * changes (docs/trust-boundaries.md#single-page-apps).
   */
  readonly singlePageApp?: boolean;
}

export type PageActionEvent = 'submit' | 'click';

export interface PageAction {
  action: 'submit' | 'return';
  externalId: string;
}

/** A task's ids as a linked page's address carries them. */
export interface LinkIds {
  /** The unit of work: an MTurk assignment, a Prolific submission. */
  externalId?: string;
  /** Its group: a Prolific study. A group alone links only a group with one open task. */
  groupId?: string;
}

/** Where a badge about one offer goes. */
export interface OfferAnchor {
  /** The offer's group (an MTurk HIT group, a Prolific study); on RaterHub, the task itself. */
  groupId: string;
  /** The unit of work, where the page's rows are accepted tasks (MTurk's queue: the assignment). */
  externalId?: string;
  requesterId?: string;
  element: Element;
}
