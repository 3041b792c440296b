import { describe, expect, it } from 'vitest';
import { openProblemOf, parseOpenProblem } from '@/lib/db/open-problem';

describe('why the database could not be opened', () => {
  it('is a failed upgrade when the database on disk is older than this TrueRate (Dexie’s version: IndexedDB’s divided by ten)', () => {
    expect(openProblemOf(new Error('this task cannot be upgraded'), 80, 9, 7)).toEqual({ kind: 'upgrade-failed', found: 8, wanted: 9, error: 'Error: this task cannot be upgraded', at: 7 });
  });

  it('is a newer database when it is at a later version, whatever the error’s name', () => {
    const versionError = Object.assign(new Error('the database is at version 10'), { name: 'VersionError' });
    expect(openProblemOf(versionError, 100, 9, 7)).toMatchObject({ kind: 'newer-version', found: 10, wanted: 9, error: 'VersionError: the database is at version 10' });
    expect(openProblemOf(new Error('x'), 110, 9, 7)).toMatchObject({ kind: 'newer-version', found: 11 });
  });

  it('is something else at the same version (a schema patch of its own included), or when nothing was found', () => {
    expect(openProblemOf(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }), 91, 9, 7)).toMatchObject({ kind: 'other', found: 9 });
    expect(openProblemOf(new Error('gone'), null, 9, 7)).toMatchObject({ kind: 'other', found: null });
  });

  it('keeps the error short, and says what was thrown when it is not an Error', () => {
    expect(openProblemOf(new Error('x'.repeat(1000)), 80, 9, 7).error).toHaveLength(300);
    expect(openProblemOf('a plain string', 80, 9, 7).error).toBe('a plain string');
  });

  it('reads back what it wrote, and nothing that fails its check', () => {
    const problem = openProblemOf(new Error('boom'), 80, 9, 1_800_000_000_000);
    expect(parseOpenProblem(structuredClone(problem))).toEqual(problem);
    expect(parseOpenProblem(undefined)).toBeNull();
    expect(parseOpenProblem({ ...problem, kind: 'disk-on-fire' })).toBeNull();
    expect(parseOpenProblem({ ...problem, found: 8.5 })).toBeNull();
    expect(parseOpenProblem({ ...problem, error: 'x'.repeat(301) })).toBeNull();
    expect(parseOpenProblem({ ...problem, at: 'yesterday' })).toBeNull();
  });
});
