import type { RateTask } from '../model/records';
import { medianInterval } from '../rates/median-interval';
import { isFinished } from '../rates/status-class';
import { advertisedMsOf } from '../rates/task-rates';
import type { PublishedGroup } from './aggregate';

/** The worker's own ratios behind a pace: fewer finished tasks with an advertised time say nothing. */
export const PACE_MIN_TASKS = 3;

export interface Pace {
  /** The worker's median active / advertised time over this group's collective median: 0.5 is twice as fast. */
  factor: number;
  /** The worker's tasks behind it. */
  n: number;
  /** The collective's median true rate as it would be at the worker's own speed, minor units per hour. */
  scaledRateMinor: number | null;
}

/**
 * Workers differ: a collective's median misleads a fast worker and a slow one alike. Where the
 * worker and the collective both have a task group's time ratio, the worker's pace is their own
 * median ratio over the collective's, and the collective's rate is scaled by it (a worker twice as
 * fast earns twice the rate on the same pay). Null when either side has too little to say.
 */
export function paceFor(own: readonly RateTask[], group: PublishedGroup | null): Pace | null {
  if (!group?.ratio || !('median' in group.ratio) || group.ratio.median <= 0) return null;
  const ratios = own.filter((task) => isFinished(task.status)).flatMap((task) => {
    const advertised = advertisedMsOf(task);
    return advertised ? [task.activeMs / advertised] : [];
  });
  if (ratios.length < PACE_MIN_TASKS) return null;
  const mine = medianInterval(ratios);
  if (!mine || mine.median <= 0) return null;
  const factor = mine.median / group.ratio.median;
  return { factor, n: mine.n, scaledRateMinor: group.rate ? Math.round(group.rate.median / factor) : null };
}
