import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['lib', 'entrypoints', 'components'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

// A write to the tables the ledger owns, however it is spelled: db.tasks.put(…), tx.table('segments').add(…),
// db.gaps.where(…).modify(…), a bulk write or a clear.
const WRITE = /\.(?:tasks|segments|gaps)\b[\s\S]{0,80}?\.(?:put|add|update|delete|modify|clear|bulkAdd|bulkPut|bulkDelete)\(|table\(\s*['"](?:tasks|segments|gaps)['"]\s*\)[\s\S]{0,40}?\.(?:put|add|update|delete|modify|clear|bulkAdd|bulkPut|bulkDelete)\(/;

describe('the ledger is the only writer of tasks, segments and gaps', () => {
  const sources = SOURCES.flatMap((dir) => files(join(ROOT, dir))).map((path) => ({
    path: relative(ROOT, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('finds the writes it looks for (the pattern is not blind)', () => {
    const inLedger = sources.filter((s) => s.path.startsWith('lib/ledger/') && WRITE.test(s.text));
    expect(inLedger.length).toBeGreaterThanOrEqual(5);
  });

  it.each(sources.filter((s) => !s.path.startsWith('lib/ledger/')).map((s) => [s.path, s] as const))('%s writes none', (_path, source) => {
    expect(WRITE.exec(source.text)?.[0] ?? null).toBeNull();
  });
});

// Within the ledger, tasks (and the scopes derived from them) are written by task-writes.ts only,
// which keeps the two in step; the database's own set-up (lib/db/database.ts) writes the first mark.
// A method called on the table itself or on a query of it: db.tasks.put(…), db.tasks.where(…).equals(…).modify(…).
const TASK_WRITE = /\.(?:tasks|scopes)(?:\s*\.\s*\w+\([^()]*\))*\s*\.\s*(?:put|add|update|delete|modify|clear|bulkAdd|bulkPut|bulkDelete)\(/;

describe('within the ledger, task-writes.ts is the only writer of tasks and of their scopes', () => {
  const sources = SOURCES.flatMap((dir) => files(join(ROOT, dir))).map((path) => ({
    path: relative(ROOT, path),
    text: readFileSync(path, 'utf8'),
  }));
  const allowed = new Set(['lib/ledger/task-writes.ts']);

  it('finds the writes it looks for (the pattern is not blind)', () => {
    expect(TASK_WRITE.test(sources.find((s) => s.path === 'lib/ledger/task-writes.ts')!.text)).toBe(true);
  });

  it.each(sources.filter((s) => !allowed.has(s.path)).map((s) => [s.path, s] as const))('%s writes none', (_path, source) => {
    expect(TASK_WRITE.exec(source.text)?.[0] ?? null).toBeNull();
  });
});
