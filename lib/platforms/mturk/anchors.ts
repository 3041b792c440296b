import type { OfferAnchor } from '../contract';
import { anchorsBy, distinctAnchors } from '../offer-anchors';
import { pickString, readReactProps } from '../react-props';
import { mturkIdsFromUrl, requesterIdFromContactUrl } from './mturk';
import { LIST_PATH, QUEUE_PATH } from './mturk-lists';

/**
 * Where badges go on MTurk pages (docs/platforms.md#18-offer-lists). A row is keyed by the ids in
 * its own links. Existing tools pair row i with HitSetTable's bodyData[i]; that pairing is not
 * used here, because a row out of step with the props would show another group's badge.
 */
const GROUP_PATH = /^\/projects\/([A-Z0-9]{10,64})\/tasks(?:[/?#]|$)/;
const REQUESTER_PATH = /^\/requesters\/(A[A-Z0-9]{5,40})\/projects\/?(?:[?#]|$)/;
const ASSIGNMENT = /[?&]assignment_id=([A-Z0-9]{10,64})(?:[&#]|$)/;

// List rows are .table-row [H]. The queue's rows are not in the facts: a .table-row as on lists,
// or a table row.
const LIST_LINKS = '.table-row a[href*="/projects/"], .table-row a[href*="/requesters/"]';
const QUEUE_ROW = '.table-row, tr';
const QUEUE_LINKS = '.table-row a[href*="assignment_id="], tr a[href*="assignment_id="]';

export function mturkOfferAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  if (LIST_PATH.test(url.pathname)) return listAnchors(url, doc);
  if (QUEUE_PATH.test(url.pathname)) return queueAnchors(url, doc);
  const ids = mturkIdsFromUrl(url);
  return ids.kind === 'preview' && ids.groupId ? previewAnchors(ids.groupId, doc) : [];
}

/**
 * A link's path and query on the page's own site, or null: a link elsewhere names no offer of this
 * page. Read from the attribute as written, relative or absolute; parsing every link as a URL
 * would cost more than the rest of the search on a long list.
 */
function ownPath(link: Element, url: URL): string | null {
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return href.startsWith(`${url.origin}/`) ? href.slice(url.origin.length) : null;
}

/**
 * Lists and search results: each row by the group of its links to /projects/{GROUP_ID}/tasks
 * (the preview and accept links), with the requester of its /requesters/{ID}/projects link.
 */
function listAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  const rows = new Map<Element, { groupIds: string[]; requesterId?: string }>();
  for (const link of doc.querySelectorAll(LIST_LINKS)) {
    const row = link.closest('.table-row');
    const path = row && ownPath(link, url);
    if (!row || !path) continue;
    let shown = rows.get(row);
    if (!shown) rows.set(row, (shown = { groupIds: [] }));
    const groupId = GROUP_PATH.exec(path)?.[1];
    if (groupId && !shown.groupIds.includes(groupId)) shown.groupIds.push(groupId);
    shown.requesterId ??= REQUESTER_PATH.exec(path)?.[1];
  }
  return distinctAnchors(
    [...rows].flatMap(([element, { groupIds, requesterId }]) =>
      groupIds.map((groupId) => ({ groupId, element, ...(requesterId ? { requesterId } : {}) })),
    ),
  );
}

/** The queue: each row by the assignment in its task link, with the group of that link. */
function queueAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  return anchorsBy(
    doc,
    QUEUE_LINKS,
    (link) => {
      const path = ownPath(link, url) ?? '';
      const groupId = GROUP_PATH.exec(path)?.[1];
      const externalId = ASSIGNMENT.exec(path)?.[1];
      return groupId && externalId ? { groupId, externalId } : undefined;
    },
    (link) => link.closest(QUEUE_ROW),
  );
}

/**
 * A preview shows one offer, the group in its address: the title area, `.project-detail-bar`
 * (which holds the title and the ShowModal island, H), else the title itself.
 */
function previewAnchors(groupId: string, doc: ParentNode): OfferAnchor[] {
  const element = doc.querySelector('.project-detail-bar') ?? doc.querySelector('.task-project-title');
  if (!element) return [];
  const requesterId = requesterIdFromContactUrl(pickString(readReactProps(doc, 'ShowModal'), 'modalOptions', 'contactRequesterUrl'));
  return [{ groupId, element, ...(requesterId ? { requesterId } : {}) }];
}
