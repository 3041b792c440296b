import type { PageAction, PageActionEvent, PlatformContract } from '../contract';
import { raterhubIdsFromUrl, raterhubOfferAnchors, readRaterhubPage } from './raterhub';

/** Google RaterHub: docs/platforms.md#4-google-raterhub. */
export const raterhub: PlatformContract = {
  id: 'raterhub',
  hosts: ['www.raterhub.com'],
  claimedKinds: ['list', 'working', 'submitted', 'other'],
  read: readRaterhubPage,
  idsFromUrl: raterhubIdsFromUrl,
  offerAnchors: raterhubOfferAnchors,
  // A task address shows the task, or says it is already submitted (docs/platforms.md#45-end-of-task).
  domDecides: { task: ['working', 'submitted'] },
  actionEvents: ['click'],
  pageAction: submitOf,
  // Not a singlePageApp: the facts do not say, so its pages are taken as page loads [assumption]
  // (docs/platforms.md#47-page-loads).
};

/**
 * docs/platforms.md#45-end-of-task (M): `#ewok-task-submit-button` (submit, then the next task)
 * and `#ewok-task-submit-done-button` (submit and stop).
 */
function submitOf(url: URL, eventType: PageActionEvent, target: Element): PageAction | null {
  const ids = raterhubIdsFromUrl(url);
  if (eventType !== 'click' || ids.kind !== 'task' || !ids.externalId) return null;
  const button = target.closest('button, input[type="submit"]');
  return button?.matches('#ewok-task-submit-button, #ewok-task-submit-done-button') ? { action: 'submit', externalId: ids.externalId } : null;
}
