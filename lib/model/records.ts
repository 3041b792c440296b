import { z } from 'zod';
import { PLATFORM_IDS } from './platform-id';
import { ADVERTISED_KINDS } from './advertised-kind';

/**
 * Records as stored in IndexedDB (the database's versions are lib/db/migrations.ts; a field's
 * comment names the version that added it). Every record that crosses a boundary (message,
 * import, feed) is checked against these before it is written.
 */
export const TASK_STATUSES = [
  'previewed',
  'accepted',
  'submitted',
  'returned',
  'expired',
  'timed-out',
  'screened-out',
  'approved',
  'rejected',
  'paid',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const timestamp = z.number().int().nonnegative();

/** Money as stored and as pages report it: integer minor units and an ISO 4217 code. */
export const moneySchema = z.object({
  amountMinor: z.number().int().nonnegative().max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export const bonusSchema = z.object({
  amountMinor: z.number().int().positive().max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
  source: z.enum(['manual', 'platform']),
  /** When it was entered or read. */
  at: timestamp,
});
export type Bonus = z.infer<typeof bonusSchema>;

export const taskRecordSchema = z.object({
  /** `${platform}:${externalId}`, or `manual:<uuid>` for a timer started by hand. */
  id: z.string().min(3).max(200),
  platform: z.enum([...PLATFORM_IDS, 'manual']),
  externalId: z.string().min(1).max(128),
  groupId: z.string().max(128).nullable(),
  requesterId: z.string().max(128).nullable(),
  requesterName: z.string().max(200).nullable(),
  title: z.string().max(500).nullable(),
  reward: moneySchema.nullable(),
  advertisedSeconds: z.number().int().positive().nullable(),
  advertisedKind: z.enum(ADVERTISED_KINDS).nullable(),
  allottedSeconds: z.number().int().positive().nullable(),
  status: z.enum(TASK_STATUSES),
  /** When TrueRate first saw the task accepted (or started by hand). */
  acceptedAt: timestamp,
  /** Submitted, returned or expired; null while open. */
  endedAt: timestamp.nullable(),
  /** Derived from segments, kept on the task so lists need not read every segment. */
  activeMs: z.number().int().nonnegative(),
  wallMs: z.number().int().nonnegative(),
  /** The idle threshold in force while the task was worked; it changes the totals. */
  idleThresholdS: z.number().int().positive().max(3600),
  flags: z.array(z.string().max(64)).max(16),
  /** The completion code the platform showed at the end (Prolific), as evidence; null if none. */
  completionCode: z.string().max(32).nullable(),
  /** Bonuses, entered by hand or read from a platform page; they count in the true rate (v4). */
  bonuses: z.array(bonusSchema).max(50),
  /** Last write, for sorting and sync. */
  updatedAt: timestamp,
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;

/**
 * What the figures of a requester or task group read of a task: a TaskRecord fits, and so does the
 * slimmer copy the ledger keeps per scope for the badges (lib/ledger/scope-facts.ts), which has no
 * title or requester name.
 */
export type RateTask = Pick<TaskRecord, 'id' | 'platform' | 'groupId' | 'requesterId' | 'status' | 'acceptedAt' | 'activeMs' | 'reward' | 'advertisedSeconds' | 'advertisedKind'> &
  Partial<Pick<TaskRecord, 'title' | 'requesterName'>> & {
    /** The money of each bonus (where and when it came from are not in any figure). */
    bonuses: readonly Pick<Bonus, 'amountMinor' | 'currency'>[];
  };

export const segmentRecordSchema = z
  .object({
    id: z.number().int().positive().optional(),
    /** Null for overhead: time on a platform with no task open. */
    taskId: z.string().max(200).nullable(),
    platform: z.enum([...PLATFORM_IDS, 'manual']),
    start: timestamp,
    end: timestamp,
    /**
     * `measured`: the attention engine's own. `gap-confirmed`: a quiet gap the worker said was
     * work. `manual`: entered or corrected by hand.
     */
    source: z.enum(['measured', 'gap-confirmed', 'manual']),
    /** Excluded by the worker: kept and shown as evidence, but not counted in any total (v4). */
    excluded: z.boolean(),
  })
  .refine((s) => s.end >= s.start, { message: 'segment ends before it starts' });
export type SegmentRecord = z.infer<typeof segmentRecordSchema>;

/** A quiet gap inside a task, waiting for the worker to say whether it was work. */
export const gapRecordSchema = z.object({
  id: z.number().int().positive().optional(),
  taskId: z.string().max(200),
  platform: z.enum([...PLATFORM_IDS, 'manual']),
  start: timestamp,
  end: timestamp,
  answer: z.enum(['pending', 'work', 'not-work']),
  answeredAt: timestamp.nullable(),
});
export type GapRecord = z.infer<typeof gapRecordSchema>;

export const offerRecordSchema = z.object({
  /** `${platform}:${groupId}`: one row per advertised group or study, updated when seen again. */
  id: z.string().min(3).max(200),
  platform: z.enum(PLATFORM_IDS),
  groupId: z.string().min(1).max(128),
  requesterId: z.string().max(128).nullable(),
  requesterName: z.string().max(200).nullable(),
  title: z.string().max(500).nullable(),
  reward: moneySchema.nullable(),
  advertisedSeconds: z.number().int().positive().nullable(),
  advertisedKind: z.enum(ADVERTISED_KINDS).nullable(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  /**
   * How many times the worker saw it on a list: a read counts as a new sighting only when the offer
   * was last seen more than a few minutes before (lib/ledger/page-effects.ts), so a page read again
   * after it changed is not one (v6). Counted from version 6 on: an older record, or an offer in a
   * backup made before, starts at 1.
   */
  seenCount: z.number().int().positive().max(1_000_000_000).default(1),
});
export type OfferRecord = z.infer<typeof offerRecordSchema>;

/**
 * One correction the worker made in the dashboard (status, bonus, time, exclusion, deletion).
 * It keeps the task and the segments it touched as they were before and after, so any edit can be
 * undone exactly and the history shows what changed (v4).
 */
export const editRecordSchema = z.object({
  id: z.number().int().positive().optional(),
  taskId: z.string().max(200),
  at: timestamp,
  kind: z.enum(['status', 'bonus', 'adjust-time', 'exclude-segment', 'include-segment', 'delete-task', 'undo']),
  // A deleted task's gaps are kept too, so its undo gives them back.
  before: z.object({ task: taskRecordSchema.nullable(), segments: z.array(segmentRecordSchema), gaps: z.array(gapRecordSchema).optional() }),
  after: z.object({ task: taskRecordSchema.nullable(), segments: z.array(segmentRecordSchema), gaps: z.array(gapRecordSchema).optional() }),
  /** Set when the edit was undone; the undo itself is recorded as an edit of kind "undo". */
  undoneAt: timestamp.nullable(),
});
export type EditRecord = z.infer<typeof editRecordSchema>;
/** An edit as read back from the database, with its number. */
export type SavedEdit = EditRecord & { id: number };

/**
 * Something the worker should know about their records that happened without them (v5): the
 * system clock was set back (`from` is the latest instant seen, `to` the new clock's), a stretch
 * already recorded under the old clock was not given twice (`from`–`to`, the part left out), or the
 * tracker's saved state failed its check and was kept aside under `detail`'s key. Shown in the
 * popup until the worker dismisses it (`seenAt`).
 */
export const JOURNAL_KINDS = ['clock-back', 'overlap-left-out', 'tracker-state-set-aside'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export const journalRecordSchema = z.object({
  id: z.number().int().positive().optional(),
  at: timestamp,
  kind: z.enum(JOURNAL_KINDS),
  taskId: z.string().max(200).nullable(),
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  detail: z.string().max(2000).nullable(),
  seenAt: timestamp.nullable(),
});
export type JournalRecord = z.infer<typeof journalRecordSchema>;
