import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of docs/architecture.md#import-rules, checked over every import in lib/ (ESLint
 * says the same where its patterns can; this reads the imports themselves, relative ones included).
 */
const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports: the repository path for our own code, the package name otherwise. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((spec) => {
    if (spec.startsWith('@/')) return spec.slice(2);
    if (spec.startsWith('.')) return relative(ROOT, resolve(dirname(path), spec));
    return spec;
  });
}

/** The folder of lib/ a repository path is in ("lib/rates"), or the top folder ("entrypoints"). */
const folderOf = (path: string) => (path.startsWith('lib/') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!);

const PURE = ['lib/platforms', 'lib/tracking', 'lib/rates', 'lib/tasks', 'lib/badges', 'lib/share'];
/** Per folder: what of lib/ it may import besides itself (null: any folder of lib/). */
const MAY: Record<string, string[] | null> = {
  'lib/model': [],
  'lib/platforms': ['lib/model'],
};

const sources = files(join(ROOT, 'lib')).map((path) => ({ path: relative(ROOT, path), imports: importsOf(path) }));

describe('import rules', () => {
  it('reads the imports (the pattern is not blind)', () => {
    expect(sources.find((s) => s.path === 'lib/message-handler.ts')?.imports).toContain('lib/messages');
    expect(sources.find((s) => s.path === 'lib/db/database.ts')?.imports).toContain('dexie');
  });

  it.each(sources.map((s) => [s.path, s] as const))('%s follows them', (path, { imports }) => {
    const folder = folderOf(path);
    const problems: string[] = [];
    for (const target of imports) {
      const to = folderOf(target);
      if (to === 'entrypoints' || to === 'components') problems.push(`${target}: lib never imports ${to}`);
      if (PURE.includes(folder) && (to === 'lib/db' || to === 'lib/ledger' || target === 'dexie')) problems.push(`${target}: a pure folder never reaches the database`);
      const may = MAY[folder];
      if (may && to.startsWith('lib') && to !== folder && !may.includes(to)) problems.push(`${target}: ${folder} may import only ${[...may, 'itself'].join(', ')}`);
    }
    expect(problems).toEqual([]);
  });
});
