import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '@/lib/model/records';
import { statusFromPlatform, transition } from '@/lib/tasks/lifecycle';

describe('task lifecycle', () => {
  it.each([
    ['previewed', 'accepted'],
    ['accepted', 'submitted'],
    ['accepted', 'returned'],
    ['accepted', 'timed-out'],
    ['accepted', 'screened-out'],
    ['submitted', 'approved'],
    ['submitted', 'rejected'],
    ['approved', 'paid'],
    ['accepted', 'approved'], // the status page can be the first to say it was submitted
  ] as const)('%s -> %s is legal', (from, to) => {
    expect(transition(from, to)).toEqual({ ok: true, to });
  });

  it.each([
    ['submitted', 'accepted'],
    ['paid', 'approved'],
    ['rejected', 'approved'],
    ['returned', 'submitted'],
    ['approved', 'rejected'],
    ['timed-out', 'accepted'],
  ] as const)('%s -> %s is refused', (from, to) => {
    expect(transition(from, to)).toEqual({ ok: false, from, to });
  });

  it('never leaves a final state, and staying put is always fine', () => {
    for (const from of ['returned', 'expired', 'timed-out', 'rejected', 'paid'] as const) {
      for (const to of TASK_STATUSES) expect(transition(from, to).ok).toBe(to === from);
    }
  });

  it('maps the platforms’ words', () => {
    expect(statusFromPlatform('mturk', 'approved')).toBe('approved');
    expect(statusFromPlatform('mturk', 'pending')).toBe('submitted');
    expect(statusFromPlatform('mturk', 'assigned')).toBe('accepted');
    expect(statusFromPlatform('prolific', 'awaiting review')).toBe('submitted');
    expect(statusFromPlatform('prolific', 'screened out')).toBe('screened-out');
    expect(statusFromPlatform('prolific', 'timed out')).toBe('timed-out');
    expect(statusFromPlatform('mturk', 'on fire')).toBeNull();
  });
});
