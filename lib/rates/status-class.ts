import type { TaskStatus } from '../model/records';
import { ENDED } from '../tasks/lifecycle';

/**
 * How a task's status counts in rates (docs/rates.md, "How statuses count").
 * - `earning`: its reward counts once the task has ended (pending while submitted, earned once
 *   approved or paid); while it is still accepted it is open and counted apart (isOpen).
 * - `unpaid`: returned, rejected, expired, timed out or screened out: its reward never comes and its
 *   time is unpaid work in the all-in rate.
 * - `preview`: looked at, never accepted: no reward, and its time (if any) is like overhead.
 */
export type StatusClass = 'earning' | 'unpaid' | 'preview';

const CLASS: Readonly<Record<TaskStatus, StatusClass>> = {
  previewed: 'preview',
  accepted: 'earning',
  submitted: 'earning',
  approved: 'earning',
  paid: 'earning',
  returned: 'unpaid',
  rejected: 'unpaid',
  expired: 'unpaid',
  'timed-out': 'unpaid',
  'screened-out': 'unpaid',
};

export function statusClass(status: TaskStatus): StatusClass {
  return CLASS[status];
}

/** The platform has not approved or paid yet: the reward is pending, not earned. */
export function isPending(status: TaskStatus): boolean {
  return status === 'accepted' || status === 'submitted';
}

/**
 * Work on it is over. The task's life (lib/tasks/lifecycle.ts) owns the list of ended states, so
 * that rates and the ledger, which sets endedAt from the same list, cannot disagree.
 */
export function isFinished(status: TaskStatus): boolean {
  return ENDED.has(status);
}

/**
 * Open: accepted (or started by hand) and not ended yet, i.e. `accepted`, whose endedAt is null.
 * A preview is not open: it was never taken. Open tasks are counted apart in every rate.
 */
export function isOpen(status: TaskStatus): boolean {
  return status !== 'previewed' && !ENDED.has(status);
}
