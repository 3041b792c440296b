import type { OfferAnchor } from './contract';

/** As many as a page report holds offers (docs/platforms.md#what-every-adapter-does). */
const MAX_ANCHORS = 500;

/** The key of an anchor: the unit of work where the row is one, else its group. */
const keyOf = (anchor: OfferAnchor) => anchor.externalId ?? anchor.groupId;

/**
 * One anchor per offer, from what each element shows, in document order. An element that shows
 * two different offers is ambiguous and anchors neither; an offer shown by two elements anchors at
 * the first. An element is only ever paired with an id it carries itself, never by position.
 */
export function distinctAnchors(seen: readonly OfferAnchor[]): OfferAnchor[] {
  const keyAt = new Map<Element, string | null>();
  for (const anchor of seen) {
    const before = keyAt.get(anchor.element);
    const key = keyOf(anchor);
    keyAt.set(anchor.element, before === undefined || before === key ? key : null);
  }
  const byKey = new Map<string, OfferAnchor>();
  for (const anchor of seen) {
    const key = keyOf(anchor);
    if (keyAt.get(anchor.element) !== key || byKey.has(key)) continue;
    byKey.set(key, anchor);
    if (byKey.size === MAX_ANCHORS) break;
  }
  return [...byKey.values()];
}

/**
 * Anchors from one pass over the page: for each element `selector` matches, the ids it carries
 * (none: skipped), anchored at the element `at` gives for it (the match itself by default).
 */
export function anchorsBy(
  doc: ParentNode,
  selector: string,
  idsOf: (match: Element) => Omit<OfferAnchor, 'element'> | undefined,
  at: (match: Element) => Element | null = (match) => match,
): OfferAnchor[] {
  const seen: OfferAnchor[] = [];
  for (const match of doc.querySelectorAll(selector)) {
    const ids = idsOf(match);
    const element = ids && at(match);
    if (ids && element) seen.push({ ...ids, element });
  }
  return distinctAnchors(seen);
}

/** A group id as `anchorsBy` wants it, where one was found. */
export const idIn = (groupId: string | undefined) => (groupId ? { groupId } : undefined);
