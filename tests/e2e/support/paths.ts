import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CHROME_DIST = join(ROOT, '.output', 'chrome-mv3');
export const FIREFOX_DIST = join(ROOT, '.output', 'firefox-mv3');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** A scratch folder under .tmp/ (git-ignored), removed by the returned function. */
export function scratchDir(prefix: string): { path: string; remove: () => void } {
  const base = join(ROOT, '.tmp');
  mkdirSync(base, { recursive: true });
  const path = mkdtempSync(join(base, `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Keeps a measured figure of an e2e run (tests/e2e/artifacts/figures.json) for the README. */
export function recordFigure(name: string, value: number | string): void {
  const file = artifactPath('figures.json');
  let figures: Record<string, number | string> = {};
  try {
    figures = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number | string>;
  } catch {
    // first figure of the run
  }
  figures[name] = value;
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}
