import type { OfferAnchor } from '../contract';
import { textOf } from '../dom-text';
import type { PageInfo, TaskIdentity, UrlIds } from '../page-info';

/**
 * Google RaterHub (docs/platforms.md#4-google-raterhub: URLs H, selectors M, 2024-25). There is no reward on
 * the page: raters are paid by the hour outside the site. The advertised time is the AET.
 */
const HOME = /^\/evaluation\/rater(?:\/task\/index)?\/?$/;
const SHOW = /^\/evaluation\/rater\/task\/show\/?$/;
const NEW = /^\/evaluation\/rater\/task\/new\/?$/;
const TASK_ID = /^\d{3,20}$/;

export function raterhubIdsFromUrl(url: URL): UrlIds {
  if (HOME.test(url.pathname)) return { kind: 'list' };
  if (SHOW.test(url.pathname)) {
    const id = url.searchParams.get('taskIds')?.split(',')[0];
    return id && TASK_ID.test(id) ? { kind: 'task', externalId: id } : { kind: 'task' };
  }
  if (NEW.test(url.pathname)) return { kind: 'task' };
  return { kind: 'other' };
}

/** The task's id: from the address, else from the hidden #taskIds of the task form. */
function taskIdOf(ids: UrlIds, doc: ParentNode): string | undefined {
  const hidden = doc.querySelector('#taskIds')?.getAttribute('value')?.split(',')[0];
  return ids.externalId ?? (hidden && TASK_ID.test(hidden) ? hidden : undefined);
}

/** "estimatedTaskTime": 4.5 in the page source (minutes), else the upper end of "3.0 - 6.0 minutes". */
function aetSeconds(doc: ParentNode): number | undefined {
  for (const script of doc.querySelectorAll('script')) {
    const match = /"estimatedTaskTime"\s*:\s*"?(\d{1,3}(?:\.\d+)?)/.exec(script.textContent ?? '');
    if (match?.[1]) return Math.round(Number(match[1]) * 60);
  }
  const tokens = doc.querySelector('.ewok-estimated-task-weight')?.textContent?.trim().split(/\s+/) ?? [];
  const upper = Number(tokens[2] ?? tokens[0]);
  return Number.isFinite(upper) && upper > 0 ? Math.round(upper * 60) : undefined;
}

export function readRaterhubPage(url: URL, doc: ParentNode): PageInfo {
  const ids = raterhubIdsFromUrl(url);
  if (ids.kind === 'list') return { platform: 'raterhub', kind: 'list', offers: [], missing: [] };
  if (ids.kind !== 'task') return { platform: 'raterhub', kind: 'other', missing: [] };

  const externalId = taskIdOf(ids, doc);
  const body = doc.querySelector('body')?.textContent ?? (doc as Element).textContent ?? '';
  if (/already been SUBMITTED/i.test(body)) {
    return { platform: 'raterhub', kind: 'submitted', missing: externalId ? [] : ['taskIds'] };
  }
  if (!externalId) return { platform: 'raterhub', kind: 'working', missing: ['taskIds'] };
  const missing: string[] = [];
  const task: TaskIdentity = { externalId };
  const title = textOf(doc, '.ewok-rater-header h1');
  if (title) task.title = title.slice(0, 500);
  else missing.push('title');
  const aet = aetSeconds(doc);
  if (aet !== undefined) task.advertised = { seconds: aet, kind: 'aet' };
  else missing.push('aet');
  return { platform: 'raterhub', kind: 'working', task, missing };
}

/**
 * RaterHub lists no offers (docs/platforms.md#48-offer-lists): the badge goes on the task page
 * itself, at its header `.ewok-rater-header` (which holds the task type, M), keyed by the task id
 * in the groupId slot.
 */
export function raterhubOfferAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  const ids = raterhubIdsFromUrl(url);
  const element = ids.kind === 'task' ? doc.querySelector('.ewok-rater-header') : null;
  const taskId = element ? taskIdOf(ids, doc) : undefined;
  return element && taskId ? [{ groupId: taskId, element }] : [];
}
