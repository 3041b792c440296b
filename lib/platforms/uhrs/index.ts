import type { PlatformContract } from '../contract';
import { readUhrsPage, uhrsIdsFromUrl } from './uhrs';

/** UHRS: docs/platforms.md#6-uhrs. A HitApp is recognised; no single HIT is known, so no task is made. */
export const uhrs: PlatformContract = {
  id: 'uhrs',
  hosts: ['prod.uhrs.playmsn.com'],
  claimedKinds: ['working', 'other'],
  read: readUhrsPage,
  idsFromUrl: uhrsIdsFromUrl,
  // The HitApp tiles' markup is not known (docs/platforms.md#63-what-the-pages-show).
  offerAnchors: () => [],
  // No actionEvents: the end of a HIT is not known (docs/platforms.md#65-end-of-task); the popup
  // offers the manual timer.
};
