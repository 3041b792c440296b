import type { CDPSession, Page } from 'playwright-core';

/**
 * TrueRate's badges live in closed shadow roots, out of reach of the page's scripts and of
 * Playwright's locators. The DevTools protocol sees through them (DOM.getDocument with pierce),
 * which is how a test reads what a badge shows, without any test hook in the extension.
 */
interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  localName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

export interface BadgeSeen {
  groupId: string;
  /** The host's parent: where on the page the badge sits, as the page's own markup. */
  rowText: string;
  buttonClass: string;
  /** The sentences the badge's button is described by (aria-describedby), for screen readers. */
  label: string;
  title: string;
  text: string;
  /** Element names inside the shadow root (to check that page text never became markup). */
  tags: string[];
}

const attrs = (node: CdpNode): Record<string, string> => {
  const out: Record<string, string> = {};
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
};

const textOf = (node: CdpNode): string =>
  node.nodeName === '#text' ? node.nodeValue : (node.children ?? []).map(textOf).join('');

function walk(node: CdpNode, visit: (node: CdpNode, parent: CdpNode | null) => void, parent: CdpNode | null = null): void {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
  for (const root of node.shadowRoots ?? []) walk(root, visit, node);
}

/** Every badge on the page, read through its closed shadow root. */
export async function readBadges(cdp: CDPSession): Promise<BadgeSeen[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const seen: BadgeSeen[] = [];
  walk(root, (node, parent) => {
    const a = attrs(node);
    const groupId = a['data-truerate-badge'];
    if (groupId === undefined || !parent) return;
    const shadow = node.shadowRoots?.[0];
    const tags: string[] = [];
    let button: CdpNode | undefined;
    const byId = new Map<string, CdpNode>();
    if (shadow) {
      walk(shadow, (inner) => {
        if (inner.localName) tags.push(inner.localName);
        if (inner.localName === 'button' && !button) button = inner;
        const id = attrs(inner).id;
        if (id) byId.set(id, inner);
      });
    }
    const b = button ? attrs(button) : {};
    const described = b['aria-describedby'] ? byId.get(b['aria-describedby']) : undefined;
    seen.push({
      groupId,
      rowText: textOf(parent).replace(/\s+/g, ' ').trim(),
      buttonClass: b.class ?? '',
      label: described ? textOf(described) : '',
      title: b.title ?? '',
      text: button ? textOf(button) : '',
      tags,
    });
  });
  return seen;
}

export interface PanelSeen {
  role: string;
  label: string;
  text: string;
  buttons: string[];
  tags: string[];
  /** Where the panel is drawn, in CSS pixels of the viewport. */
  box: { left: number; top: number; right: number; bottom: number };
}

/** The text, roles and place of the open panel of a badge, if one is open. */
export async function readPanel(cdp: CDPSession): Promise<PanelSeen | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  let found: (Omit<PanelSeen, 'box'> & { backendNodeId: number }) | null = null;
  walk(root, (node) => {
    const a = attrs(node);
    if (found || !(a.class ?? '').split(' ').includes('panel')) return;
    const buttons: string[] = [];
    const tags: string[] = [];
    walk(node, (inner) => {
      if (inner.localName) tags.push(inner.localName);
      if (inner.localName === 'button') buttons.push(textOf(inner));
    });
    found = { role: a.role ?? '', label: a['aria-label'] ?? '', text: textOf(node), buttons, tags, backendNodeId: node.backendNodeId };
  });
  if (!found) return null;
  const { backendNodeId, ...seen } = found as Omit<PanelSeen, 'box'> & { backendNodeId: number };
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId })) as { model: { border: number[] } };
  const xs = model.border.filter((_, i) => i % 2 === 0);
  const ys = model.border.filter((_, i) => i % 2 === 1);
  return { ...seen, box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) } };
}

/**
 * The markup of a badge's closed shadow root, its stylesheet included, as the browser holds it:
 * the DevTools protocol resolves the root to an object and reads its innerHTML. axe-core cannot
 * enter a closed root; a test checks this copy in an open one instead.
 */
export async function shadowMarkup(cdp: CDPSession, groupId: string): Promise<string> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  let shadow: CdpNode | undefined;
  walk(root, (node) => {
    if (!shadow && attrs(node)['data-truerate-badge'] === groupId) shadow = node.shadowRoots?.[0];
  });
  if (!shadow) throw new Error(`no badge root for ${groupId}`);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function () { return this.innerHTML; }',
    returnByValue: true,
  })) as { result: { value: string } };
  return result.value;
}

export async function cdpOf(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  return cdp;
}
