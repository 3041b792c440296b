import type { TaskRecord } from '@/lib/model/records';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

/** A finished, approved MTurk task: $0.50 for 5 advertised minutes, 10 minutes counted. */
export function makeTask(over: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: 'mturk:A1',
    platform: 'mturk',
    externalId: 'A1',
    groupId: 'G1',
    requesterId: 'R1',
    requesterName: 'Requester One',
    title: 'Describe a picture',
    reward: { amountMinor: 50, currency: 'USD' },
    advertisedSeconds: 300,
    advertisedKind: 'estimate',
    allottedSeconds: 3600,
    status: 'approved',
    acceptedAt: Date.UTC(2026, 10, 28, 12, 0, 0),
    endedAt: Date.UTC(2026, 10, 28, 12, 10, 0),
    activeMs: 600_000,
    wallMs: 600_000,
    idleThresholdS: 60,
    flags: [],
    completionCode: null,
    bonuses: [],
    updatedAt: Date.UTC(2026, 10, 28, 12, 10, 0),
    ...over,
  };
}

export function settingsWith(over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...over };
}
