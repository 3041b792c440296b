import type { PlatformContract } from '../contract';

/**
 * DataAnnotation: docs/platforms.md#8-dataannotation. The public facts name no ids, so the
 * platform is recognised (its time counts as overhead) but nothing is read there.
 */
export const dataannotation: PlatformContract = {
  id: 'dataannotation',
  hosts: ['app.dataannotation.tech'],
  taskFrameHosts: [],
  claimedKinds: ['other'],
  read: () => ({ platform: 'dataannotation', kind: 'other', missing: [] }),
  idsFromUrl: () => ({ kind: 'other' }),
  // The projects table shows no ids to key a badge by (docs/platforms.md#89-not-read-and-why).
  offerAnchors: () => [],
};
