import type { PageAction, PageActionEvent, PlatformContract } from '../contract';
import { readTolokaPage, tolokaIdsFromUrl } from './toloka';

/** Toloka's worker app: docs/platforms.md#3-toloka. */
export const toloka: PlatformContract = {
  id: 'toloka',
  // The app moved from yandex hosts to toloka.ai, then we.toloka.ai (docs/platforms.md#31-hosts).
  hosts: ['we.toloka.ai', 'toloka.ai', 'toloka.yandex.com', 'toloka.yandex.ru'],
  claimedKinds: ['list', 'working', 'other'],
  read: readTolokaPage,
  idsFromUrl: tolokaIdsFromUrl,
  // The task list's DOM is not known: offers exist only in the app's JSON, which TrueRate does not
  // read, and the list fixture's cards are made up for people (docs/platforms.md#38-offer-lists).
  // Nothing to key a badge by.
  offerAnchors: () => [],
  actionEvents: ['click'],
  pageAction: footerButtonOf,
  // No statusWords: they are in the requesters' API only, and no page TrueRate reads shows them
  // (docs/platforms.md#36-status-words).
  // Treated as a single-page app [assumption] (docs/platforms.md#37-page-loads).
  singlePageApp: true,
};

/**
 * docs/platforms.md#35-end-of-task (L, 2023): `div.new-task-page-footer > button` reading "Submit"
 * or "Skip"; a skipped assignment is SKIPPED, that is returned. English labels only [assumption].
 */
function footerButtonOf(url: URL, eventType: PageActionEvent, target: Element): PageAction | null {
  const ids = tolokaIdsFromUrl(url);
  if (eventType !== 'click' || ids.kind !== 'working' || !ids.externalId) return null;
  const button = target.closest('button, input[type="submit"]');
  if (!button?.matches('.new-task-page-footer > button')) return null;
  const label = (button.textContent ?? '').trim().toLowerCase();
  if (label === 'submit') return { action: 'submit', externalId: ids.externalId };
  if (label === 'skip') return { action: 'return', externalId: ids.externalId };
  return null;
}
