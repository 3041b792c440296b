import type { TaskStatus } from '../model/records';
import type { PlatformId } from '../model/platform-id';
import { REGISTRY } from '../platforms/registry';

/**
 * A task's life: previewed -> accepted -> submitted | returned | expired | timed out |
 * screened out -> approved | rejected -> paid. A status page may show a later state than the last
 * one seen (a task seen accepted, then approved), so moves forward along that order are legal;
 * moves back, or out of a final state, are not and are never applied.
 */
const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  previewed: ['accepted', 'submitted', 'returned', 'expired', 'approved', 'rejected', 'paid'],
  accepted: ['submitted', 'returned', 'expired', 'timed-out', 'screened-out', 'approved', 'rejected', 'paid'],
  submitted: ['approved', 'rejected', 'paid', 'screened-out'],
  approved: ['paid'],
  'screened-out': ['paid'],
  returned: [],
  expired: [],
  'timed-out': [],
  rejected: [],
  paid: [],
};

export type Transition = { ok: true; to: TaskStatus } | { ok: false; from: TaskStatus; to: TaskStatus };

export function transition(from: TaskStatus, to: TaskStatus): Transition {
  if (from === to) return { ok: true, to };
  return NEXT[from].includes(to) ? { ok: true, to } : { ok: false, from, to };
}

/** States after which the worker no longer works on the task. */
export const ENDED: ReadonlySet<TaskStatus> = new Set(['submitted', 'returned', 'expired', 'timed-out', 'screened-out', 'approved', 'rejected', 'paid']);

/**
 * A platform's own word for a state, as an adapter normalised it (lower case, spaces), to ours.
 * Each platform's words are in its contract (docs/platforms.md, each N.6 "Status words"). Own keys
 * only: a page's word such as "constructor" is no status.
 */
export function statusFromPlatform(platform: PlatformId, state: string): TaskStatus | null {
  const words = REGISTRY[platform].statusWords ?? {};
  return Object.hasOwn(words, state) ? (words[state] ?? null) : null;
}
