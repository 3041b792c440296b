import { decimalToMinor, isCurrencyCode } from '../../model/money';
import { estimateFromTitle } from '../advertised-time';
import { textOf } from '../dom-text';
import { LIST_PATH, QUEUE_PATH, readMturkList, readMturkQueue, readMturkStatus, STATUS_PATH } from './mturk-lists';
import { MAX_ALLOTTED_S, type PageInfo, type TaskIdentity, type UrlIds } from '../page-info';
import { pick, pickNumber, pickString, readReactProps } from '../react-props';

/**
 * Amazon Mechanical Turk, worker site. Facts and confidence marks: docs/platforms.md#1-amazon-mechanical-turk.
 * Task pages here; list, queue and status pages in mturk-lists.ts.
 */
const TASK_PATH = /^\/projects\/([A-Z0-9]{10,64})\/tasks\/([A-Z0-9]{10,64})\/?$/;
const ID = /^[A-Z0-9]{10,64}$/;

/** What the URL alone says; the background checks a content script's report against it. */
export function mturkIdsFromUrl(url: URL): UrlIds {
  if (LIST_PATH.test(url.pathname)) return { kind: 'list' };
  if (QUEUE_PATH.test(url.pathname) || STATUS_PATH.test(url.pathname)) return { kind: 'status' };
  const taskPath = TASK_PATH.exec(url.pathname);
  if (!taskPath) return { kind: 'other' };
  const groupId = taskPath[1];
  const assignmentId = url.searchParams.get('assignment_id');
  // Preview pages have no assignment_id in their URL (H); the assignment is the unit of work.
  if (!assignmentId || !ID.test(assignmentId)) return { kind: 'preview', groupId };
  return { kind: 'working', externalId: assignmentId, groupId };
}

export function readMturkPage(url: URL, doc: ParentNode): PageInfo {
  if (LIST_PATH.test(url.pathname)) return readMturkList(doc);
  if (QUEUE_PATH.test(url.pathname)) return readMturkQueue(doc);
  if (STATUS_PATH.test(url.pathname)) return readMturkStatus(doc);
  const ids = mturkIdsFromUrl(url);
  if (ids.kind !== 'working' || !ids.externalId) {
    return { platform: 'mturk', kind: ids.kind === 'study' || ids.kind === 'task' ? 'other' : ids.kind, missing: [] };
  }

  const missing: string[] = [];
  const task: TaskIdentity = {
    externalId: ids.externalId,
    ...(ids.groupId ? { groupId: ids.groupId } : {}),
  };
  const modal = pick(readReactProps(doc, 'ShowModal'), 'modalOptions');
  if (modal === undefined) missing.push('modalOptions');

  const title = pickString(modal, 'projectTitle') ?? textOf(doc, '.task-project-title');
  // Long texts are cut to what the background accepts, not refused with the whole task.
  if (title) task.title = title.slice(0, 500);
  else missing.push('title');

  const requesterName = pickString(modal, 'requesterName');
  if (requesterName) task.requesterName = requesterName.slice(0, 200);
  else missing.push('requesterName');

  const requesterId = requesterIdFromContactUrl(pickString(modal, 'contactRequesterUrl'));
  if (requesterId) task.requesterId = requesterId;
  else missing.push('requesterId');

  const currency = pickString(modal, 'monetaryReward', 'currencyCode') ?? 'USD';
  const dollars = pick(modal, 'monetaryReward', 'amountInDollars');
  const amountMinor =
    (typeof dollars === 'number' || typeof dollars === 'string') && isCurrencyCode(currency)
      ? decimalToMinor(dollars, currency)
      : null;
  if (amountMinor !== null) task.reward = { amountMinor, currency };
  else missing.push('reward');

  const allotted = pickNumber(modal, 'assignmentDurationInSeconds');
  const seconds = allotted === undefined ? undefined : Math.round(allotted);
  // A deadline outside 1 s .. 366 days is junk: leave it unread rather than refuse the whole page.
  if (seconds !== undefined && seconds >= 1 && seconds <= MAX_ALLOTTED_S) task.allottedSeconds = seconds;

  const estimate = estimateFromTitle(title);
  if (estimate !== undefined) task.advertised = { seconds: estimate, kind: 'estimate' };

  return { platform: 'mturk', kind: 'working', task, missing };
}

/**
 * The requester id is not a prop of its own on a HIT page: it is inside the URL-encoded
 * contactRequesterUrl as hit_type_message[requester_id] (docs/platforms.md#1-amazon-mechanical-turk, H).
 */
export function requesterIdFromContactUrl(contactUrl: string | undefined): string | undefined {
  if (!contactUrl) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(contactUrl, 'https://worker.mturk.com').searchParams;
  } catch {
    return undefined;
  }
  const id = params.get('hit_type_message[requester_id]') ?? params.get('requester_id');
  return id && /^A[A-Z0-9]{5,40}$/.test(id) ? id : undefined;
}

