import type { PageAction, PageActionEvent, PlatformContract } from '../contract';
import { idParam } from '../url-params';
import { mturkOfferAnchors } from './anchors';
import { mturkIdsFromUrl, readMturkPage } from './mturk';

/**
 * Amazon Mechanical Turk: docs/platforms.md#1-amazon-mechanical-turk. Task pages are read in
 * mturk.ts; lists, the queue and status details in mturk-lists.ts; offer anchors in anchors.ts.
 */
export const mturk: PlatformContract = {
  id: 'mturk',
  // The worker site and its sandbox, with the same paths (docs/platforms.md#11-hosts).
  hosts: ['worker.mturk.com', 'workersandbox.mturk.com'],
  // HTMLQuestion and layout HITs are framed from here; the pages are the requesters'.
  taskFrameHosts: ['www.mturkcontent.com'],
  claimedKinds: ['list', 'preview', 'working', 'submitted', 'status', 'other'],
  read: readMturkPage,
  idsFromUrl: mturkIdsFromUrl,
  offerAnchors: mturkOfferAnchors,
  // A list page shows the success alert after a submit (docs/platforms.md#15-end-of-task).
  domDecides: { list: ['submitted'] },
  actionEvents: ['submit'],
  pageAction: returnOf,
  // docs/platforms.md#16-status-words: Pending is not yet approved, so still submitted [choice].
  statusWords: { assigned: 'accepted', submitted: 'submitted', pending: 'submitted', approved: 'approved', rejected: 'rejected', paid: 'paid' },
  linkIds(url) {
    // An ExternalQuestion frame or survey gets the assignmentId; a preview's placeholder links
    // nothing (docs/platforms.md#14-ids-in-addresses).
    const assignmentId = idParam(url, 'assignmentId');
    return assignmentId && assignmentId !== 'ASSIGNMENT_ID_NOT_AVAILABLE' ? { externalId: assignmentId } : {};
  },
  // Not a singlePageApp: pages are rendered on the server, and a URL a page script changes is not
  // a new page (docs/platforms.md#17-page-loads).
};

/**
 * Return (docs/platforms.md#15-end-of-task, H): a submit of the accepted page's form holding
 * `input[name=_method][value=delete]`. The submit itself happens in the task frame, where the
 * activity sensor sees it.
 */
function returnOf(url: URL, eventType: PageActionEvent, target: Element): PageAction | null {
  const ids = mturkIdsFromUrl(url);
  if (eventType !== 'submit' || ids.kind !== 'working' || !ids.externalId) return null;
  return target.matches('form') && target.querySelector('input[name="_method"][value="delete"]') ? { action: 'return', externalId: ids.externalId } : null;
}
