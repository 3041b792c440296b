import type { Money } from '../model/money';
import type { PlatformId } from '../model/platform-id';
import type { AdvertisedKind } from '../model/advertised-kind';

/**
 * What an adapter reads from one platform page. Plain types only: this file is bundled into the
 * content script, which must stay small, so the zod schema that checks it lives beside it in
 * page-info-schema.ts and runs in the background.
 */
export const PAGE_KINDS = [
  'list',
  'preview',
  'working',
  'submitted',
  'returned',
  'status',
  'earnings',
  'other',
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** The longest deadline a page may state (a year and a day); the schema refuses anything longer. */
export const MAX_ALLOTTED_S = 366 * 24 * 3600;


export interface AdvertisedTime {
  seconds: number;
  kind: AdvertisedKind;
}

export interface TaskIdentity {
  /** The unit of paid work on its platform: an MTurk assignment, a Prolific submission, … */
  externalId: string;
  groupId?: string;
  requesterId?: string;
  requesterName?: string;
  title?: string;
  reward?: Money;
  /** The platform's or requester's estimate of the work, if it gives one. */
  advertised?: AdvertisedTime;
  /** The platform's deadline, if any; kept apart from `advertised` on purpose. */
  allottedSeconds?: number;
}

/**
 * What a list page advertises for one group of tasks (an MTurk HIT group, a Prolific study): what
 * a task page says, less the unit of work, which does not exist before accepting.
 */
export type Offer = Omit<TaskIdentity, 'externalId' | 'groupId'> & { groupId: string };

/** A task's state as a status page shows it (MTurk status_details, the queue). */
export interface TaskStatusLine {
  externalId: string;
  groupId?: string;
  /** The platform's own word, normalised to lower case with spaces: "approved", "assigned", … */
  state: string;
  reward?: Money;
}

export interface PageInfo {
  platform: PlatformId;
  kind: PageKind;
  task?: TaskIdentity;
  offers?: Offer[];
  statuses?: TaskStatusLine[];
  /**
   * The group or study a page is about when it names no unit of work: a Prolific study page saying
   * the worker "already returned this submission" (docs/platforms.md#2-prolific, M) names only the study.
   */
  groupId?: string;
  /** The completion code a page shows (Prolific's cc=), kept on the task as evidence. */
  completionCode?: string;
  /** Names of fields the adapter expected on this kind of page but could not read. */
  missing: string[];
}

/** What a page's URL alone tells about it, used to cross-check a content script's report. */
export interface UrlIds {
  /**
   * 'study': a Prolific study page, preview or working depending on its DOM. 'task': a RaterHub
   * task page, working or already submitted depending on its DOM.
   */
  kind: PageKind | 'study' | 'task';
  externalId?: string;
  groupId?: string;
}
