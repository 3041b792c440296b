import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CHROME_DIST = join(ROOT, '.output', 'chrome-mv3');
export const FIREFOX_DIST = join(ROOT, '.output', 'firefox-mv3');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface TempDir {
  path: string;
  remove: () => void;
}

/**
 * A scratch folder under .tmp/ (git-ignored), removed by the returned function. Only for files
 * (downloads): a browser's profile and TMPDIR go to browserTempDir, as they hold Unix sockets.
 */
export function scratchDir(prefix: string): TempDir {
  const base = join(ROOT, '.tmp');
  mkdirSync(base, { recursive: true });
  const path = mkdtempSync(join(base, `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Chromium makes a Unix socket at TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket and aborts
 * ("Socket path too long") when that path passes 107 bytes: under a checkout of 40-odd characters,
 * <checkout>/.tmp/ is already too deep. Firefox gets the same short folder, so that no browser's
 * profile depends on where the checkout sits.
 */
const SOCKET_PATH_MAX = 107;

/**
 * A fresh folder for one browser's profile and TMPDIR (`profile/` and `tmp/` inside), under the
 * system's temporary folder with a short prefix. The caller removes it with `remove` (also from an
 * exit handler: it is synchronous).
 */
export function browserTempDir(prefix: 'tr-c-' | 'tr-f-'): TempDir & { profile: string; tmp: string } {
  exitOnSignals();
  const longest = join(tmpdir(), `${prefix}XXXXXX`, 'tmp', 'org.chromium.Chromium.XXXXXX', 'SingletonSocket');
  if (Buffer.byteLength(longest) > SOCKET_PATH_MAX) {
    throw new Error(
      `The temporary folder ${tmpdir()} is too long for a browser's Unix socket (${SOCKET_PATH_MAX} bytes at most): set TMPDIR to a shorter folder, such as /tmp.`,
    );
  }
  const path = mkdtempSync(join(tmpdir(), prefix));
  const profile = join(path, 'profile');
  const tmp = join(path, 'tmp');
  mkdirSync(profile);
  mkdirSync(tmp);
  const remove = () => rmSync(path, { recursive: true, force: true });
  return { path, profile, tmp, remove };
}

let exitingOnSignals = false;

/**
 * A browser is detached (its own process group) and is ended, with its profile, by an 'exit'
 * handler; but a signal's default action ends Node without running them. So SIGINT (Ctrl-C),
 * SIGTERM (scripts/test.ts stopping a run after another step failed) and SIGHUP exit through
 * process.exit, which runs them: no browser outlives the test process that started it.
 */
function exitOnSignals(): void {
  if (exitingOnSignals) return;
  exitingOnSignals = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    // A program with its own handler (scripts/start.ts closes its browser on Ctrl-C) keeps it.
    process.once(signal, () => {
      if (process.listenerCount(signal) === 0) process.exit(code);
    });
  }
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
