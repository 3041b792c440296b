import type { TaskRecord } from '@/lib/model/records';
import { createRowCache, type HistoryRow } from '@/lib/dashboard/history-rows';
import { taskRates } from '@/lib/rates/task-rates';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

export const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

export function makeTask(n: number, patch: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: `mturk:A${String(n).padStart(6, '0')}`,
    platform: 'mturk',
    externalId: `A${String(n).padStart(6, '0')}`,
    groupId: `G${n % 7}`,
    requesterId: `R${n % 5}`,
    requesterName: `Requester ${n % 5}`,
    title: `Task number ${n}`,
    reward: { amountMinor: 10 + (n % 90), currency: 'USD' },
    advertisedSeconds: 60 + (n % 11) * 30,
    advertisedKind: 'estimate',
    allottedSeconds: null,
    status: 'approved',
    acceptedAt: T0 - n * 60_000,
    endedAt: T0 - n * 60_000 + 120_000,
    activeMs: 30_000 + ((n * 7919) % 600) * 1000,
    wallMs: 120_000,
    idleThresholdS: 60,
    flags: [],
    completionCode: null,
    bonuses: [],
    updatedAt: T0,
    ...patch,
  };
}

export function rowsOf(tasks: TaskRecord[], settings: Settings = DEFAULT_SETTINGS): HistoryRow[] {
  return createRowCache(taskRates).rows(tasks, settings);
}

/** A translator that shows the key and its substitutions, so tests can read what was asked for. */
export const tKeys = (key: string, subs?: string | string[]) =>
  subs === undefined ? key : `${key}(${(Array.isArray(subs) ? subs : [subs]).join('|')})`;
