import { z } from 'zod';
import {
  editRecordSchema,
  gapRecordSchema,
  offerRecordSchema,
  segmentRecordSchema,
  taskRecordSchema,
} from '../model/records';

/**
 * The backup file (docs/backup-format.md). Records reuse the database's own schemas, so a backup
 * holds exactly what the database holds; only ids that the database numbers itself (segments, gaps,
 * edits) become required, because a restore must give every record back under its own id.
 */
export const BACKUP_FORMAT = 'truerate-backup';
export const BACKUP_VERSION = 1;

const id = z.number().int().positive();

// Rebuilt from the shape (not .extend: zod refuses to extend a schema with refinements). The
// "ends before it starts" check is checkBackup's own, so it is reported with its own translated words.
export const backupSegmentSchema = z.object({ ...segmentRecordSchema.shape, id });
export const backupGapSchema = gapRecordSchema.extend({ id });
export const backupEditSchema = editRecordSchema.extend({ id });
export const backupTaskSchema = taskRecordSchema;
export const backupOfferSchema = offerRecordSchema;

/** What the header of a file must say before any record is read. */
export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  extensionVersion: z.string().max(32),
});

export const backupSchema = backupHeaderSchema.extend({
  tasks: z.array(backupTaskSchema),
  segments: z.array(backupSegmentSchema),
  offers: z.array(backupOfferSchema),
  gaps: z.array(backupGapSchema),
  edits: z.array(backupEditSchema),
});

export type Backup = z.infer<typeof backupSchema>;
export type BackupSegment = z.infer<typeof backupSegmentSchema>;
export type BackupGap = z.infer<typeof backupGapSchema>;
export type BackupEdit = z.infer<typeof backupEditSchema>;

/** The tables a backup holds, in the order they appear in the file. */
export const BACKUP_TABLES = ['tasks', 'segments', 'offers', 'gaps', 'edits'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** Per-record schemas, so each record is checked on its own and reported with its own path. */
export const RECORD_SCHEMAS: { [K in BackupTable]: z.ZodType<Backup[K][number]> } = {
  tasks: backupTaskSchema,
  segments: backupSegmentSchema,
  offers: backupOfferSchema,
  gaps: backupGapSchema,
  edits: backupEditSchema,
};

export type BackupCounts = Record<BackupTable, number> & {
  /** Segments with no task: time on a platform between tasks. */
  overheadSegments: number;
  /** Segments the worker excluded from totals (kept as evidence). */
  excludedSegments: number;
};
