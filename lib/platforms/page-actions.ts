import type { PlatformId } from '../model/platform-id';
import { idsFromUrl } from './index';

/**
 * The worker ending a task by a button on the platform's own page, seen as it happens (the next
 * page may never say so). Each rule is a documented fact of docs/platforms.md:
 * - MTurk, Return (docs/platforms.md#15-end-of-task, H): a submit of the form holding
 *   `input[name=_method][value=delete]` on the accepted page.
 * - RaterHub (docs/platforms.md#45-end-of-task, M): `#ewok-task-submit-button` (submit, then next) and `#ewok-task-submit-done-button`.
 * - Toloka (docs/platforms.md#35-end-of-task, L, 2023): `div.new-task-page-footer > button` reading "Submit" or "Skip"; a skipped
 *   assignment is SKIPPED, i.e. returned.
 * The content script calls this only for trusted events (a page script cannot make those), and the
 * background checks the id against the sender's URL again.
 */
export type PageActionKind = 'submit' | 'return';
export interface PageAction {
  action: PageActionKind;
  externalId: string;
}

/**
 * Which events can end a task on each platform: the page reader listens to these only, so a click
 * on Prolific, Clickworker or Appen costs nothing (content scripts run on every platform page).
 */
export const PAGE_ACTION_EVENTS: Readonly<Partial<Record<PlatformId, readonly ('submit' | 'click')[]>>> = {
  mturk: ['submit'],
  raterhub: ['click'],
  toloka: ['click'],
};

export function pageActionOf(platform: PlatformId, url: URL, eventType: 'submit' | 'click', target: Element): PageAction | null {
  const ids = idsFromUrl(platform, url);
  const externalId = ids.externalId;
  if (!externalId) return null;
  if (platform === 'mturk' && eventType === 'submit' && ids.kind === 'working') {
    return target.matches('form') && target.querySelector('input[name="_method"][value="delete"]')
      ? { action: 'return', externalId }
      : null;
  }
  if (eventType !== 'click') return null;
  const button = target.closest('button, input[type="submit"]');
  if (!button) return null;
  if (platform === 'raterhub' && ids.kind === 'task') {
    return button.matches('#ewok-task-submit-button, #ewok-task-submit-done-button') ? { action: 'submit', externalId } : null;
  }
  if (platform === 'toloka' && ids.kind === 'working' && button.matches('.new-task-page-footer > button')) {
    const label = (button.textContent ?? '').trim().toLowerCase();
    if (label === 'submit') return { action: 'submit', externalId };
    if (label === 'skip') return { action: 'return', externalId };
  }
  return null;
}
