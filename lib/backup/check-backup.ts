import type { z } from 'zod';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  backupHeaderSchema,
  RECORD_SCHEMAS,
  type Backup,
  type BackupCounts,
  type BackupTable,
} from './backup-schema';

/**
 * What is wrong in a backup file, where. `code` and `params` let the dashboard say it in the
 * worker's language; `message` is the same in English (logs, tests). For `invalid`, the message is
 * zod's own, in the language of the error map given to checkBackup.
 */
export type ProblemCode =
  | 'json'
  | 'not-object'
  | 'format'
  | 'version'
  | 'invalid'
  | 'not-array'
  | 'duplicate-id'
  | 'unknown-task'
  | 'end-before-start'
  | 'too-large';

/**
 * The largest backup a restore reads: a backup holds about 2 KB per task with its segments, so
 * 256 MB is over 100,000 tasks. A file above it is refused before a byte is read, so that a wrong
 * file (a video, a disk image) cannot freeze the page or exhaust its memory.
 */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

/** A file too large to be a backup TrueRate reads, refused by its size alone; null when it may be read. */
export function checkBackupSize(bytes: number): CheckResult | null {
  if (bytes <= MAX_BACKUP_BYTES) return null;
  const mb = (n: number) => String(Math.ceil(n / 1024 / 1024));
  return { ok: false, problems: [{ path: '', code: 'too-large', params: [mb(bytes), mb(MAX_BACKUP_BYTES)], message: `the file is ${mb(bytes)} MB, above ${mb(MAX_BACKUP_BYTES)} MB` }], moreProblems: 0 };
}

export interface Problem {
  /** Where in the file, e.g. `tasks[12].reward.currency`; empty for the file as a whole. */
  path: string;
  code: ProblemCode;
  params: string[];
  message: string;
}

export type CheckResult =
  | { ok: true; backup: Backup; counts: BackupCounts }
  | { ok: false; problems: Problem[]; /** Problems found beyond the listed ones. */ moreProblems: number };

export interface CheckOptions {
  /** Problems listed at most; the rest are only counted. */
  maxProblems?: number;
  /** Words for zod's own messages (e.g. zod's French locale); English by default. */
  errorMap?: z.core.$ZodErrorMap;
}

function formatPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}${acc ? '.' : ''}${String(key)}`),
    base,
  );
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks a whole backup file before anything is written: JSON syntax, format and version, every
 * record against the database's schemas, duplicate ids, segments of tasks the file does not hold,
 * segments that end before they start. Every problem is reported with its path; a file with any
 * problem is refused whole.
 */
export function checkBackup(text: string, options: CheckOptions = {}): CheckResult {
  const { maxProblems = 100, errorMap } = options;
  const problems: Problem[] = [];
  let found = 0;
  const report = (path: string, code: ProblemCode, message: string, params: string[] = []) => {
    found += 1;
    if (problems.length < maxProblems) problems.push({ path, code, params, message });
  };
  const fail = (): CheckResult => ({ ok: false, problems, moreProblems: found - problems.length });

  let data: unknown;
  try {
    // A BOM some editors add is not part of JSON.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    report('', 'json', `not valid JSON: ${detail}`, [detail]);
    return fail();
  }
  if (!isObject(data)) {
    report('', 'not-object', 'not a TrueRate backup: the file is not a JSON object');
    return fail();
  }
  if (data.format !== BACKUP_FORMAT) {
    report('format', 'format', `not a TrueRate backup: format is not "${BACKUP_FORMAT}"`);
    return fail();
  }
  if (data.version !== BACKUP_VERSION) {
    const version = JSON.stringify(data.version) ?? 'none';
    report('version', 'version', `backup version ${version}; this TrueRate reads version ${BACKUP_VERSION}`, [version]);
    return fail();
  }
  const header = backupHeaderSchema.safeParse(data, { error: errorMap });
  if (!header.success) {
    for (const issue of header.error.issues) report(formatPath('', issue.path), 'invalid', issue.message);
  }

  const valid: Partial<Record<BackupTable, unknown[]>> = {};
  for (const name of BACKUP_TABLES) {
    const records = data[name];
    if (!Array.isArray(records)) {
      report(name, 'not-array', `${name} must be a list`);
      continue;
    }
    const schema = RECORD_SCHEMAS[name];
    const ok: unknown[] = [];
    records.forEach((record: unknown, i) => {
      const parsed = schema.safeParse(record, { error: errorMap });
      if (parsed.success) ok.push(parsed.data);
      else for (const issue of parsed.error.issues) report(formatPath(`${name}[${i}]`, issue.path), 'invalid', issue.message);
    });
    valid[name] = ok;
  }

  // Cross-record checks read the raw lists, so a record that failed above is still found by id.
  const raw = (name: BackupTable): unknown[] => (Array.isArray(data[name]) ? data[name] : []);
  for (const name of BACKUP_TABLES) {
    const seen = new Map<unknown, number>();
    raw(name).forEach((record, i) => {
      if (!isObject(record) || record.id === undefined) return;
      const before = seen.get(record.id);
      if (before === undefined) seen.set(record.id, i);
      else {
        const id = JSON.stringify(record.id);
        report(`${name}[${i}].id`, 'duplicate-id', `id ${id} is already used by ${name}[${before}]`, [id, `${name}[${before}]`]);
      }
    });
  }
  const taskIds = new Set(raw('tasks').map((t) => (isObject(t) ? t.id : undefined)));
  raw('segments').forEach((segment, i) => {
    if (!isObject(segment)) return;
    const { taskId, start, end } = segment;
    if (typeof taskId === 'string' && !taskIds.has(taskId)) {
      report(`segments[${i}].taskId`, 'unknown-task', `refers to task "${taskId}", which is not in the file`, [taskId]);
    }
    if (typeof start === 'number' && typeof end === 'number' && end < start) {
      report(`segments[${i}].end`, 'end-before-start', 'the segment ends before it starts');
    }
  });

  if (found > 0) return fail();
  const backup = { ...(header.data as z.infer<typeof backupHeaderSchema>), ...(valid as Pick<Backup, BackupTable>) };
  return { ok: true, backup, counts: countsOf(backup) };
}

export function countsOf(backup: Pick<Backup, BackupTable>): BackupCounts {
  let overheadSegments = 0;
  let excludedSegments = 0;
  for (const s of backup.segments) {
    if (s.taskId === null) overheadSegments += 1;
    if (s.excluded) excludedSegments += 1;
  }
  return {
    tasks: backup.tasks.length,
    segments: backup.segments.length,
    offers: backup.offers.length,
    gaps: backup.gaps.length,
    edits: backup.edits.length,
    overheadSegments,
    excludedSegments,
  };
}
