import type { TaskRecord } from './records';

/** The idle threshold when the worker has set none (time: docs/time.md#the-idle-threshold). */
export const DEFAULT_IDLE_THRESHOLD_S = 60;

/** A task's id: `${platform}:${externalId}`, or `manual:<uuid>` for a timer started by hand. */
export function taskId(platform: string, externalId: string): string {
  return `${platform}:${externalId}`;
}

/** A task accepted (or started by hand) at `now`, with nothing measured yet. */
export function acceptedTask(
  id: string,
  platform: TaskRecord['platform'],
  externalId: string,
  now: number,
  idleThresholdS: number,
): TaskRecord {
  return {
    id,
    platform,
    externalId,
    groupId: null,
    requesterId: null,
    requesterName: null,
    title: null,
    reward: null,
    advertisedSeconds: null,
    advertisedKind: null,
    allottedSeconds: null,
    status: 'accepted',
    acceptedAt: now,
    endedAt: null,
    activeMs: 0,
    wallMs: 0,
    idleThresholdS,
    flags: [],
    completionCode: null,
    bonuses: [],
    updatedAt: now,
  };
}

/**
 * The updatedAt of a change made at `now` to a record last changed at `previous`: `now`, or just
 * after `previous` when the clock reads earlier (set back), so that every change moves it forward.
 */
export function stamp(previous: number, now: number): number {
  return now > previous ? now : previous + 1;
}
