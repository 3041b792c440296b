import type { PlatformContract } from '../contract';
import { appenIdsFromUrl, appenOfferAnchors, readAppenPage } from './appen';

/** Appen: docs/platforms.md#7-appen (M-L). A job is recognised; no task is made. */
export const appen: PlatformContract = {
  id: 'appen',
  // The portal, and the two hosts of task pages (docs/platforms.md#71-hosts).
  hosts: ['annotate.appen.com', 'account.appen.com', 'view.appen.io'],
  claimedKinds: ['list', 'working', 'other'],
  read: readAppenPage,
  idsFromUrl: appenIdsFromUrl,
  offerAnchors: appenOfferAnchors,
  // No actionEvents: the end of a task is not known (docs/platforms.md#75-end-of-task).
};
