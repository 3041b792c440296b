import type { BadgeDetail, BadgeView } from './badge-view';

/** The attribute that marks TrueRate's badge hosts in the page, valued with the offer's id. */
export const HOST_ATTR = 'data-truerate-badge';

/**
 * The badge's look, inside its shadow root: the page's styles cannot reach it, and it reaches
 * nothing of the page's. The host is absolutely positioned where the offer's text ends, so it takes
 * no room and the page's own elements keep their positions: the badge is drawn from there, over
 * whatever follows it.
 */
const CSS = `
:host { all: initial; }
.badge { position: absolute; left: 6px; top: 0; z-index: 2147483000; display: inline-flex; gap: 4px; align-items: center;
  max-width: 640px; padding: 1px 7px; border-radius: 999px; border: 1px solid; font: 12px/1.5 system-ui, sans-serif;
  white-space: nowrap; cursor: pointer; background: #fff; color: #1b1f24; box-shadow: 0 1px 2px rgba(0,0,0,.15); }
.badge:focus-visible { outline: 2px solid #0a6b4f; outline-offset: 2px; }
.text { overflow: hidden; text-overflow: ellipsis; }
/* The collective's figure: after the worker's own, set apart by a rule, cut off first. */
.coll { overflow: hidden; text-overflow: ellipsis; flex: 0 1000 auto; padding-inline-start: 6px; border-inline-start: 1px solid #9aa3ad; }
.mark { font-weight: 700; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.chip { flex: none; padding: 0 5px; border-radius: 999px; background: #e3e6ea; color: #1b1f24; font-weight: 600; }
.good { border-color: #0a6b4f; } .good .mark { color: #0a6b4f; }
.warn { border-color: #8a5a00; } .warn .mark { color: #8a5a00; }
.bad { border-color: #a4161a; } .bad .mark { color: #a4161a; }
.none { border-color: #5b6470; } .none .mark { color: #5b6470; }
.panel { position: absolute; left: 6px; top: 22px; z-index: 2147483001; width: 440px; max-height: 320px; display: flex; flex-direction: column;
  padding: 8px 10px; border: 1px solid #5b6470; border-radius: 8px; background: #fff; color: #1b1f24;
  font: 12px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.2); white-space: normal; }
.panel.up { top: auto; bottom: 4px; }
.panel h2 { margin: 0 0 6px; font-size: 13px; }
.panel p { margin: 0 0 6px; }
/* The rows scroll; the title and the buttons stay in view. */
.panel .rows { overflow: auto; min-height: 0; flex: 1 1 auto; }
.panel table { border-collapse: collapse; width: 100%; }
.panel td:first-child { white-space: nowrap; }
.panel th, .panel td { text-align: start; padding: 2px 4px; border-bottom: 1px solid #e3e6ea; font-variant-numeric: tabular-nums; }
.panel .actions { display: flex; gap: 8px; margin-top: 8px; }
.panel button { font: inherit; padding: 3px 8px; border-radius: 6px; border: 1px solid #5b6470; background: transparent; color: inherit; cursor: pointer; }
/* On a dark backdrop (backdropIsDark), whatever the system's theme: the badge belongs to the page. */
.dark.badge, .dark.panel { background: #1d2126; color: #e8eaed; }
.dark.good { border-color: #4fd1a5; } .dark.good .mark { color: #4fd1a5; }
.dark.warn { border-color: #f0c060; } .dark.warn .mark { color: #f0c060; }
.dark.bad { border-color: #ff8a8a; } .dark.bad .mark { color: #ff8a8a; }
.dark.none { border-color: #9aa3ad; } .dark.none .mark { color: #9aa3ad; }
.dark .chip { background: #343a42; color: #e8eaed; }
.dark.panel th, .dark.panel td { border-color: #2b3036; }
.dark.panel button { border-color: #9aa3ad; }`;

export interface BadgeActions {
  /** The worker asked for the tasks behind the figure. */
  detail(groupId: string): Promise<BadgeDetail | null>;
  /** The worker asked to see them in the dashboard (opened by the background, not by a link). */
  openDashboard(path: string): void;
}

interface Mounted {
  root: ShadowRoot;
  button: HTMLButtonElement;
  /** The badge's sentences, for screen readers: out of sight, in the root (ids are per root). */
  description: HTMLElement;
  /** Drawn for a dark page: decided when the host is made, as the page then looks. */
  dark: boolean;
  /** The content last drawn, so that a re-mount with the same view touches nothing. */
  drawn: string;
  /** The collective's sentences as last drawn, for the panel. */
  collective: string | null;
}

// Closed roots are kept here, not on the host: a page script cannot reach them.
const mounted = new WeakMap<Element, Mounted>();

const el = <K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string) => {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * Whether the badge's backdrop is dark: the first opaque background from where it goes up to the
 * root. A platform's page keeps its own theme whatever the system's (MTurk is light in a dark
 * system), and a badge in the other theme would stand out from it.
 */
export function backdropIsDark(from: Element): boolean {
  const view = from.ownerDocument.defaultView;
  if (!view) return false;
  for (let node: Element | null = from; node; node = node.parentElement) {
    const rgba = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(view.getComputedStyle(node).backgroundColor);
    if (!rgba || Number(rgba[4] ?? 1) === 0) continue;
    const [r, g, b] = [rgba[1], rgba[2], rgba[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  }
  // No background set: the browser's canvas, dark only when the page asks for a dark scheme.
  return view.getComputedStyle(from.ownerDocument.documentElement).colorScheme.includes('dark') && view.matchMedia('(prefers-color-scheme: dark)').matches;
}

const LAYOUT_CONTAINERS = /^(?:flex|inline-flex|grid|inline-grid|table|inline-table|table-row|table-row-group)$/;

/**
 * Where in an offer's element the badge host goes: beside the offer's own link (its title, which
 * names the offer's id), in the element that holds that link, so the badge reads after the title
 * and is drawn in the room a title leaves; else at the end of the element. A flex, grid or table
 * container lays out every child, even an absolutely positioned one at its start: without a title
 * link to follow, the host goes into its last child instead.
 */
export function slotFor(anchor: Element, groupId: string): Element {
  const names = (node: Element) => node.localName === 'a' && (node.getAttribute('href') ?? '').includes(groupId);
  let slot = anchor;
  for (let depth = 0; depth < 6; depth++) {
    const children = [...slot.children].filter((child) => !child.hasAttribute(HOST_ATTR));
    if (children.some(names)) break;
    const titled = children.find((child) => [...child.querySelectorAll('a[href]')].some(names));
    const display = slot.ownerDocument.defaultView?.getComputedStyle(slot).display ?? '';
    const next = titled ?? (LAYOUT_CONTAINERS.test(display) ? children.at(-1) : undefined);
    if (!next) break;
    slot = next;
  }
  return slot;
}

/** The badge host of `groupId` directly inside `slot`, if it is there. */
export function hostIn(slot: Element, groupId: string): Element | null {
  for (const child of slot.children) if (child.getAttribute(HOST_ATTR) === groupId) return child;
  return null;
}

/**
 * Puts the badge of `view` in `anchor`, or updates the one there. Idempotent: the same view on the
 * same anchor changes nothing in the page, so a MutationObserver that calls this again and again
 * settles. Everything is written as text.
 */
/** Where a badge goes and on what backdrop: reads only, so a page's badges are placed at once. */
export interface Place {
  /** The element the host goes into. */
  slot: Element;
  /** The link or button of the page the host goes right after, inside `slot`; null: at the end. */
  after: Element | null;
  /**
   * A dark backdrop. Read only where the badge is not drawn yet (the only time it is used): a
   * page's later passes, which find every badge in place, read no styles up the tree.
   */
  dark: boolean;
}

/**
 * The place of the badge of `groupId` in `anchor`. Computed for every badge before any is written:
 * reading styles after a write makes the browser lay the page out again, once per badge. A badge
 * never goes inside the page's own link or button (a button in a link is announced as one control
 * and pressing it would press both): it goes right after it.
 */
export function placeFor(anchor: Element, groupId: string): Place {
  const found = slotFor(anchor, groupId);
  const control = found.closest('a, button');
  const slot = control?.parentElement ?? found;
  const host = hostIn(slot, groupId);
  const drawn = host !== null && mounted.has(host);
  return { slot, after: control?.parentElement ? control : null, dark: !drawn && backdropIsDark(slot) };
}

export function mountBadge(anchor: Element, view: BadgeView, actions: BadgeActions, place: Place = placeFor(anchor, view.groupId)): Element {
  const doc = anchor.ownerDocument;
  const { slot } = place;
  let host = hostIn(slot, view.groupId);
  let state = host ? mounted.get(host) : undefined;
  if (!host || !state) {
    host?.remove();
    const made = el(doc, 'span');
    host = made;
    host.setAttribute(HOST_ATTR, view.groupId);
    // Out of the flow, where its text would have put it, so it moves nothing of the page; inline,
    // so that a page stylesheet cannot give it room (it is the page's element).
    host.setAttribute('style', 'all:initial;position:absolute;display:inline;width:0;height:0;');
    const root = host.attachShadow({ mode: 'closed' });
    root.append(el(doc, 'style', undefined, CSS));
    const button = el(doc, 'button');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', (event) => {
      // The anchor may be the offer's own link or a row the page listens to: a click on the
      // badge is TrueRate's, not the page's (no navigation, nothing the page hears).
      event.preventDefault();
      event.stopPropagation();
      if (event.isTrusted) void togglePanel(root, button, view.groupId, actions, mounted.get(made)?.collective ?? null);
    });
    root.addEventListener('keydown', (event) => {
      if (event.isTrusted && (event as KeyboardEvent).key === 'Escape') closePanel(root, button);
    });
    const description = el(doc, 'span', 'sr');
    description.id = 'description';
    button.setAttribute('aria-describedby', description.id);
    root.append(button, description);
    state = { root, button, description, dark: place.dark, drawn: '', collective: null };
    mounted.set(host, state);
    if (place.after) place.after.after(host);
    else slot.append(host);
  }
  const drawn = JSON.stringify(view);
  if (state.drawn !== drawn) {
    const { button } = state;
    button.className = `badge ${view.tone}${state.dark ? ' dark' : ''}`;
    button.title = [view.text, view.requesterText, view.collective?.text, ...view.marks].filter(Boolean).join(' · ');
    // The short line only: the flags are in the shape and the colour, and in words in the
    // tooltip and the description (a long line would be cut off where it matters). The button's
    // name is what it shows (a voice user says what they see); the sentences describe it.
    const mark = el(doc, 'span', 'mark', view.mark);
    mark.setAttribute('aria-hidden', 'true');
    button.replaceChildren(mark, el(doc, 'span', 'text', view.text));
    if (view.collective) button.append(el(doc, 'span', 'coll', view.collective.text));
    if (view.chip) button.append(el(doc, 'span', 'chip', view.chip));
    state.description.textContent = view.collective ? `${view.label} ${view.collective.label}` : view.label;
    state.drawn = drawn;
    state.collective = view.collective?.label ?? null;
  }
  return host;
}

function closePanel(root: ShadowRoot, button: HTMLButtonElement): void {
  const panel = root.querySelector('.panel');
  if (!panel) return;
  panel.remove();
  button.setAttribute('aria-expanded', 'false');
  button.focus();
}

async function togglePanel(root: ShadowRoot, button: HTMLButtonElement, groupId: string, actions: BadgeActions, collective: string | null): Promise<void> {
  if (root.querySelector('.panel')) return closePanel(root, button);
  const detail = await actions.detail(groupId);
  if (!detail || root.querySelector('.panel')) return;
  const doc = button.ownerDocument;
  const panel = el(doc, 'div', button.classList.contains('dark') ? 'panel dark' : 'panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', detail.title);
  panel.tabIndex = -1;
  panel.append(el(doc, 'h2', undefined, detail.title));
  if (collective) panel.append(el(doc, 'p', 'coll-detail', collective));
  if (detail.rows.length === 0) panel.append(el(doc, 'p', undefined, detail.words.empty));
  else {
    const table = el(doc, 'table');
    const head = el(doc, 'tr');
    for (const name of detail.words.columns) head.append(el(doc, 'th', undefined, name));
    table.append(head);
    for (const row of detail.rows) {
      const tr = el(doc, 'tr');
      for (const cell of [row.when, row.active, row.advertised, row.rate, row.status]) tr.append(el(doc, 'td', undefined, cell));
      table.append(tr);
    }
    const rows = el(doc, 'div', 'rows');
    // A region that scrolls is reachable by keyboard, and says what it holds.
    rows.tabIndex = 0;
    rows.setAttribute('role', 'region');
    rows.setAttribute('aria-label', detail.title);
    rows.append(table);
    panel.append(rows);
  }
  const actionsRow = el(doc, 'div', 'actions');
  const open = el(doc, 'button', undefined, detail.words.open);
  open.type = 'button';
  open.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.isTrusted) actions.openDashboard(detail.dashboardPath);
  });
  const close = el(doc, 'button', undefined, detail.words.close);
  close.type = 'button';
  close.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.isTrusted) closePanel(root, button);
  });
  actionsRow.append(open, close);
  panel.append(actionsRow);
  root.append(panel);
  placeInView(panel);
  button.setAttribute('aria-expanded', 'true');
  panel.focus();
}

/**
 * The panel opens below its badge, or above it when that leaves more of it in view (a badge near
 * the bottom of the window), and shifts left rather than run off the right edge: its buttons must
 * stay reachable without scrolling the page.
 */
function placeInView(panel: HTMLElement): void {
  const view = panel.ownerDocument.defaultView;
  if (!view) return;
  const box = panel.getBoundingClientRect();
  const roomBelow = view.innerHeight - box.top;
  const roomAbove = box.top - 26; // the badge's height and the gaps above and below it
  if (box.height > roomBelow && roomAbove > roomBelow) panel.classList.add('up');
  const over = box.right - (view.innerWidth - 8);
  // Through the CSSOM, which a page's style-src policy does not govern.
  if (over > 0) panel.style.left = `${6 - Math.min(over, box.left - 8)}px`;
}
