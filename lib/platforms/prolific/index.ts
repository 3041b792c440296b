import type { PlatformContract } from '../contract';
import { prolificIdsFromUrl, prolificLinkIds, prolificOfferAnchors, readProlificPage } from './prolific';

/** Prolific's participant app: docs/platforms.md#2-prolific. */
export const prolific: PlatformContract = {
  id: 'prolific',
  // `.co` was the app's host until about 2023 (docs/platforms.md#21-hosts); old links still use it.
  hosts: ['app.prolific.com', 'app.prolific.co'],
  claimedKinds: ['list', 'preview', 'working', 'submitted', 'returned', 'other'],
  read: readProlificPage,
  idsFromUrl: prolificIdsFromUrl,
  offerAnchors: prolificOfferAnchors,
  // A study page's address does not tell its state; its buttons and errors do (docs/platforms.md#22-pages-and-how-they-are-recognised).
  domDecides: { study: ['preview', 'working', 'returned'] },
  // No actionEvents: the survey runs on the researcher's site, and the end is the completion page
  // (docs/platforms.md#25-end-of-task).
  // Submission statuses (docs/platforms.md#26-status-words), `_` and `-` read as spaces.
  statusWords: {
    reserved: 'accepted',
    active: 'accepted',
    'awaiting review': 'submitted',
    approved: 'approved',
    rejected: 'rejected',
    returned: 'returned',
    'timed out': 'timed-out',
    'screened out': 'screened-out',
  },
  linkIds: prolificLinkIds,
  // A Vue app (docs/platforms.md#27-page-loads).
  singlePageApp: true,
};
