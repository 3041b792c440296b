import fc from 'fast-check';
import { TASK_STATUSES, type SegmentRecord, type TaskRecord } from '@/lib/model/records';
import { PLATFORM_IDS } from '@/lib/model/platform-id';
import { makeTask } from './make-task';

/** Generated tasks and overhead segments over 40 days, for the rates' properties. */
const H = 3_600_000;
const seg = (over: Partial<SegmentRecord>): SegmentRecord => ({
  taskId: null,
  platform: 'mturk',
  start: 0,
  end: 60_000,
  source: 'measured',
  excluded: false,
  ...over,
});
const PLATFORMS = [...PLATFORM_IDS, 'manual'] as const;
const START = Date.UTC(2026, 0, 1);
export const arbTask = fc
  .record({
    n: fc.nat(1_000_000),
    platform: fc.constantFrom(...PLATFORMS.slice(0, 3)),
    status: fc.constantFrom(...TASK_STATUSES),
    reward: fc.option(fc.record({ amountMinor: fc.nat(5000), currency: fc.constantFrom('USD', 'GBP', 'EUR') }), { nil: null }),
    acceptedAt: fc.integer({ min: START, max: START + 40 * 86_400_000 }),
    activeMs: fc.nat(4 * H),
    bonuses: fc.array(fc.record({ amountMinor: fc.integer({ min: 1, max: 500 }), currency: fc.constantFrom('USD', 'GBP') }), { maxLength: 2 }),
    requesterId: fc.constantFrom('R1', 'R2', null),
  })
  .map(
    (r): TaskRecord =>
      makeTask({ ...r, id: `${r.platform}:${r.n}`, bonuses: r.bonuses.map((b) => ({ ...b, source: 'manual' as const, at: 0 })) }),
  );
export const arbSeg = fc
  .record({
    platform: fc.constantFrom(...PLATFORMS.slice(0, 3)),
    start: fc.integer({ min: START, max: START + 40 * 86_400_000 }),
    len: fc.nat(2 * H),
    excluded: fc.boolean(),
  })
  .map((r) => seg({ platform: r.platform, start: r.start, end: r.start + r.len, excluded: r.excluded }));
export const zone = fc.constantFrom('UTC', 'Europe/Paris', 'Asia/Kathmandu', 'America/New_York');
