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
