import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const UNIT = join(import.meta.dirname, 'tests', 'unit');
const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [relative(import.meta.dirname, path)] : [];
  });
/**
 * Files that replace a module (vi.mock) need a module graph of their own: with modules shared, the
 * mock would leak into other files, or come too late for a module another file loaded first.
 */
const MOCKING = testFiles(UNIT).filter((file) => readFileSync(join(import.meta.dirname, file), 'utf8').includes('vi.mock('));

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto'],
    projects: [
      // Every other file shares one module graph and one environment per worker: about 40 s on
      // one core instead of 170 s, most of which was importing and setting up happy-dom again for
      // each of 90 files. Tests keep to their own databases (random names) and clean the document
      // up after themselves; `npm run test:unit -- --sequence.shuffle` finds one that does not.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'unit: own modules', include: MOCKING } },
    ],
  },
});
