// zod's mini build: the popup reads the problem too, and its first paint waits for its bundle.
import { z } from 'zod/mini';
import { errorText } from '../error-text';

/** An error's text is kept short: it is shown as it is, and the notice must stay readable. */
const MAX_ERROR_CHARS = 300;

/**
 * Why the worker's database could not be opened, as the background found it at start-up and the
 * popup and the dashboard tell it (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer).
 * `found` and `wanted` are TrueRate's numbered versions (lib/db/migrations.ts), not IndexedDB's.
 */
export const openProblemSchema = z.object({
  /**
   * upgrade-failed: the database is older than this TrueRate and its upgrade did not complete
   * (kept as it was); newer-version: a newer TrueRate wrote it; other: anything else.
   */
  kind: z.enum(['upgrade-failed', 'newer-version', 'other']),
  /** The version on disk; null when it could not be read (or there is no database). */
  found: z.nullable(z.int().check(z.minimum(0))),
  /** The version this TrueRate opens (its last migration). */
  wanted: z.int().check(z.minimum(1)),
  /** The open's error, as "<name>: <message>". */
  error: z.string().check(z.maxLength(MAX_ERROR_CHARS)),
  /** When the open failed. */
  at: z.number(),
});
export type OpenProblem = z.infer<typeof openProblemSchema>;

/** The storage.local key of the problem: the background writes it, the popup and the dashboard read it. */
export const OPEN_PROBLEM_KEY = 'dbOpenProblem';

/**
 * The problem of an open that failed with `error`, given IndexedDB's version on disk
 * (`nativeFound`, from lib/db/raw-read.ts' versionOnDisk). Dexie's version is IndexedDB's divided
 * by ten (floored: Dexie adds one per schema patch of its own). The kind comes from the versions,
 * not the error's name: a failed upgrade rejects with whatever the migration threw.
 */
export function openProblemOf(error: unknown, nativeFound: number | null, wanted: number, at: number): OpenProblem {
  const found = nativeFound === null ? null : Math.floor(nativeFound / 10);
  const kind = found === null ? 'other' : found > wanted ? 'newer-version' : found < wanted ? 'upgrade-failed' : 'other';
  return { kind, found, wanted, error: errorText(error).slice(0, MAX_ERROR_CHARS), at };
}

/**
 * Whether the problem is a version's, which alone explains why writes fail: the held events then
 * wait for an update, not for disk space (components/HeldNotice.tsx). Another error may well be a
 * full disk, and the held events' own notice says what to do about it.
 */
export const isVersionProblem = (problem: OpenProblem | null): boolean => problem !== null && problem.kind !== 'other';

/** A problem read back from storage, or null when there is none or it fails its check. */
export function parseOpenProblem(value: unknown): OpenProblem | null {
  const parsed = openProblemSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
