import type { TaskStatus } from '../model/records';

/**
 * How a task's status counts in rates (design: "Money and rates").
 * - `earning`: its reward counts (pending while accepted or submitted, earned once approved or paid).
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

/** Work on it is over: everything but previewed and accepted. */
export function isFinished(status: TaskStatus): boolean {
  return status !== 'previewed' && status !== 'accepted';
}
