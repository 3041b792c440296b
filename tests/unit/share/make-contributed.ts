import type { ContributedTask } from '@/lib/share/contribution';

/** One contributed task, as a member's file holds it: 50¢ for 5 advertised minutes, done in 5, paid. */
export const contributedTask = (over: Partial<ContributedTask> = {}): ContributedTask => ({
  platform: 'mturk',
  requesterId: 'R1',
  groupId: 'G1',
  reward: { amountMinor: 50, currency: 'USD' },
  bonusMinor: 0,
  advertisedSeconds: 300,
  advertisedKind: 'estimate',
  activeSeconds: 300,
  outcome: 'paid',
  week: '2026-W48',
  idleThresholdS: 60,
  ...over,
});
