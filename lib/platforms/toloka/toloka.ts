import type { PageInfo, UrlIds } from '../page-info';

/**
 * Toloka's worker app (docs/platforms.md#3-toloka, M; there is no public evidence for the current
 * we.toloka.ai DOM, so only the URL is read): /tasks is the list, /task/{POOL_ID}/{ASSIGNMENT_ID}
 * a task being worked.
 */
const LIST = /^\/tasks(?:\/active)?\/?$/;
const TASK = /^\/task\/(\d{1,20})(?:\/([A-Za-z0-9-]{6,128}))?\/?$/;

export function tolokaIdsFromUrl(url: URL): UrlIds {
  if (LIST.test(url.pathname)) return { kind: 'list' };
  const task = TASK.exec(url.pathname);
  if (!task) return { kind: 'other' };
  return { kind: 'working', groupId: task[1], ...(task[2] ? { externalId: task[2] } : {}) };
}

export function readTolokaPage(url: URL, _doc: ParentNode): PageInfo {
  const ids = tolokaIdsFromUrl(url);
  if (ids.kind === 'list') return { platform: 'toloka', kind: 'list', missing: [] };
  if (ids.kind !== 'working') return { platform: 'toloka', kind: 'other', missing: [] };
  if (!ids.externalId) return { platform: 'toloka', kind: 'working', missing: ['assignmentId'] };
  return {
    platform: 'toloka',
    kind: 'working',
    task: { externalId: ids.externalId, ...(ids.groupId ? { groupId: ids.groupId } : {}) },
    // Title, reward and requester live in the app's JSON, which TrueRate does not intercept.
    missing: [],
  };
}
