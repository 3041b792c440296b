import type { TaskRecord } from '../model/records';

/**
 * Ids that tie a third-party page to a task, as platforms put them in the task's URL: MTurk's
 * ExternalQuestion adds assignmentId and hitId (docs/platforms.md#1-amazon-mechanical-turk, H); Prolific adds PROLIFIC_PID,
 * STUDY_ID and SESSION_ID by default (docs/platforms.md#2-prolific, H; researchers may rename them).
 */
export interface UrlTaskIds {
  assignmentId?: string;
  studyId?: string;
  sessionId?: string;
}

const ID = /^[A-Za-z0-9_-]{6,128}$/;

export function taskIdsInUrl(url: string): UrlTaskIds {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return {};
  }
  const pick = (name: string) => {
    const value = params.get(name);
    return value && ID.test(value) && value !== 'ASSIGNMENT_ID_NOT_AVAILABLE' ? value : undefined;
  };
  const ids: UrlTaskIds = {};
  const assignmentId = pick('assignmentId');
  const studyId = pick('STUDY_ID');
  const sessionId = pick('SESSION_ID');
  if (assignmentId) ids.assignmentId = assignmentId;
  if (studyId) ids.studyId = studyId;
  if (sessionId) ids.sessionId = sessionId;
  return ids;
}

/**
 * The open task a tab's URL belongs to, or null. Exact ids only: an MTurk assignment, a Prolific
 * submission (session); a study id alone links only when exactly one open task is of that study.
 */
export function taskForUrl(url: string, open: readonly Pick<TaskRecord, 'id' | 'platform' | 'externalId' | 'groupId'>[]): string | null {
  const ids = taskIdsInUrl(url);
  if (ids.assignmentId) {
    const task = open.find((t) => t.platform === 'mturk' && t.externalId === ids.assignmentId);
    if (task) return task.id;
  }
  if (ids.sessionId) {
    const task = open.find((t) => t.platform === 'prolific' && t.externalId === ids.sessionId);
    if (task) return task.id;
  }
  if (ids.studyId) {
    const ofStudy = open.filter((t) => t.platform === 'prolific' && t.groupId === ids.studyId);
    if (ofStudy.length === 1 && ofStudy[0]) return ofStudy[0].id;
  }
  return null;
}
