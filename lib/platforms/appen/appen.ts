import type { OfferAnchor } from '../contract';
import { anchorsBy, idIn } from '../offer-anchors';
import type { Offer, PageInfo, UrlIds } from '../page-info';
import { parseUrl } from '../url-params';

/**
 * Appen / ADAP (docs/platforms.md#7-appen, M-L): the task list's #task-listing-datatable[data-tasks]
 * (rows: [0] job id, [1] title, [4] pay per task with no currency given) and the task page
 * /channels/feca/tasks/{JOB_ID}?secret=…; the unit of work inside a job is not in the facts.
 */
const LIST = /^\/channels\/feca\/tasks\/?$/;
const TASK = /^\/channels\/feca\/tasks\/(\d{1,12})\/?$/;

function offers(doc: ParentNode): Offer[] | null {
  const raw = doc.querySelector('#task-listing-datatable')?.getAttribute('data-tasks');
  if (!raw) return null;
  let rows: unknown;
  try {
    rows = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(rows)) return null;
  return rows.slice(0, 500).flatMap((row): Offer[] => {
    if (!Array.isArray(row)) return [];
    const id = row[0];
    const title = typeof row[1] === 'string' ? row[1].trim().slice(0, 500) : '';
    if ((typeof id !== 'number' && typeof id !== 'string') || !/^\d{1,12}$/.test(String(id))) return [];
    return [{ groupId: String(id), ...(title ? { title } : {}) }];
  });
}

export function appenIdsFromUrl(url: URL): UrlIds {
  if (LIST.test(url.pathname)) return { kind: 'list' };
  return TASK.test(url.pathname) ? { kind: 'working' } : { kind: 'other' };
}

export function readAppenPage(url: URL, doc: ParentNode): PageInfo {
  const { kind } = appenIdsFromUrl(url);
  if (kind === 'list') {
    const found = offers(doc);
    return { platform: 'appen', kind: 'list', offers: found ?? [], missing: found ? [] : ['task list'] };
  }
  if (kind === 'working') return { platform: 'appen', kind: 'working', missing: ['task id'] };
  return { platform: 'appen', kind: 'other', missing: [] };
}

/**
 * Where badges go (docs/platforms.md#78-offer-lists): each link of the task list to a task page,
 * by the job id in its path. The facts give the rows only as the data-tasks JSON; the rendered
 * rows and their links are an assumption.
 */
export function appenOfferAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  if (appenIdsFromUrl(url).kind !== 'list') return [];
  return anchorsBy(doc, '#task-listing-datatable a[href*="/channels/feca/tasks/"]', (link) =>
    idIn(TASK.exec(parseUrl(link.getAttribute('href') ?? '', url)?.pathname ?? '')?.[1]),
  );
}
