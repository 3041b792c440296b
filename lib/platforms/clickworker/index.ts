import type { PlatformContract } from '../contract';
import { clickworkerIdsFromUrl, clickworkerOfferAnchors, readClickworkerPage } from './clickworker';

/** Clickworker: docs/platforms.md#5-clickworker (all L). A job is recognised; no task is made. */
export const clickworker: PlatformContract = {
  id: 'clickworker',
  hosts: ['workplace.clickworker.com'],
  claimedKinds: ['list', 'working', 'other'],
  read: readClickworkerPage,
  idsFromUrl: clickworkerIdsFromUrl,
  offerAnchors: clickworkerOfferAnchors,
  // No actionEvents: the end of a job is not known (docs/platforms.md#55-end-of-task).
};
