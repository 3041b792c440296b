import { decimalToMinor, isCurrencyCode, type Money } from '../../model/money';
import { estimateFromTitle } from '../advertised-time';
import { MAX_ALLOTTED_S, type Offer, type PageInfo, type TaskStatusLine } from '../page-info';
import { pick, pickNumber, pickString, readReactProps } from '../react-props';

/**
 * MTurk list, queue and status pages (docs/platforms.md#1-amazon-mechanical-turk): HitSetTable on lists (H for its
 * keys, the require() path is not verified, so only the name is matched), TaskQueueTable on
 * /tasks (H), HitStatusDetailsTable on /status_details/<date> (M), and the alert a list page
 * shows after a submit (M).
 */
export const LIST_PATH = /^\/(?:projects\/?|requesters\/A[A-Z0-9]{5,40}\/projects\/?)?$/;
export const QUEUE_PATH = /^\/tasks\/?$/;
export const STATUS_PATH = /^\/status_details\/\d{4}-\d{2}-\d{2}\/?$/;
const ID = /^[A-Z0-9]{10,64}$/;
const REQUESTER = /^A[A-Z0-9]{5,40}$/;
const SUBMITTED = /successfully submitted|HIT Submitted/i;

function rows(props: unknown): unknown[] {
  const body = pick(props, 'bodyData');
  return Array.isArray(body) ? body.slice(0, 500) : [];
}

function money(value: unknown): Money | undefined {
  const dollars = pick(value, 'amount_in_dollars');
  const currency = pickString(value, 'currency_code') ?? 'USD';
  if ((typeof dollars !== 'number' && typeof dollars !== 'string') || !isCurrencyCode(currency)) return undefined;
  const amountMinor = decimalToMinor(dollars, currency);
  return amountMinor === null ? undefined : { amountMinor, currency };
}

const idOr = (value: string | undefined, pattern: RegExp) => (value && pattern.test(value) ? value : undefined);

export function offerFromRow(row: unknown): Offer | null {
  const groupId = idOr(pickString(row, 'hit_set_id'), ID);
  if (!groupId) return null;
  const offer: Offer = { groupId };
  const requesterId = idOr(pickString(row, 'requester_id'), REQUESTER);
  const requesterName = pickString(row, 'requester_name');
  const title = pickString(row, 'title');
  const reward = money(pick(row, 'monetary_reward'));
  const allotted = pickNumber(row, 'assignment_duration_in_seconds');
  const estimate = estimateFromTitle(title);
  if (requesterId) offer.requesterId = requesterId;
  if (requesterName) offer.requesterName = requesterName.slice(0, 200);
  if (title) offer.title = title.slice(0, 500);
  if (reward) offer.reward = reward;
  const seconds = allotted === undefined ? undefined : Math.round(allotted);
  // A deadline outside 1 s .. 366 days is junk: leave it unread rather than refuse the whole page.
  if (seconds !== undefined && seconds >= 1 && seconds <= MAX_ALLOTTED_S) offer.allottedSeconds = seconds;
  if (estimate !== undefined) offer.advertised = { seconds: estimate, kind: 'estimate' };
  return offer;
}

function statusFromRow(row: unknown, stateKey: string, groupPath: string[]): TaskStatusLine | null {
  const externalId = idOr(pickString(row, 'assignment_id'), ID);
  const state = pickString(row, stateKey)?.toLowerCase().replace(/[_-]+/g, ' ');
  if (!externalId || !state || !/^[a-z][a-z ]{0,31}$/.test(state)) return null;
  const line: TaskStatusLine = { externalId, state };
  const groupId = idOr(pickString(row, ...groupPath), ID);
  const reward = money(pick(row, 'reward'));
  if (groupId) line.groupId = groupId;
  if (reward) line.reward = reward;
  return line;
}

const present = <T>(x: T | null): x is T => x !== null;

export function readMturkList(doc: ParentNode): PageInfo {
  const table = readReactProps(doc, 'HitSetTable');
  const offers = rows(table).map(offerFromRow).filter(present);
  const alert = doc.querySelector('.mturk-alert-content')?.textContent ?? '';
  const kind = SUBMITTED.test(alert) ? 'submitted' : 'list';
  return { platform: 'mturk', kind, offers, missing: table === undefined ? ['HitSetTable'] : [] };
}

export function readMturkQueue(doc: ParentNode): PageInfo {
  const table = readReactProps(doc, 'TaskQueueTable');
  const statuses = rows(table)
    .map((row) => statusFromRow(row, 'state', ['project', 'hit_set_id']))
    .filter(present);
  return { platform: 'mturk', kind: 'status', statuses, missing: table === undefined ? ['TaskQueueTable'] : [] };
}

export function readMturkStatus(doc: ParentNode): PageInfo {
  const table = readReactProps(doc, 'HitStatusDetailsTable');
  const statuses = rows(table)
    .map((row) => statusFromRow(row, 'state', ['hit_set_id']))
    .filter(present);
  return { platform: 'mturk', kind: 'status', statuses, missing: table === undefined ? ['HitStatusDetailsTable'] : [] };
}
