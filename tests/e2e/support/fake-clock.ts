import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './paths';

/**
 * The system clock as a browser sees it, moved by the test: libfaketime (Debian's `libfaketime`,
 * installed by .ci/run for `npm run test:faults`) preloaded into every process of the browser. Only
 * the wall clock moves (Date.now); the monotonic clock behind timers and performance.now goes on
 * as before, as when a machine's clock is set back, or as a wake from sleep looks to a page.
 * Offsets are read from a file at most a second old (FAKETIME_CACHE_DURATION).
 */
export interface FakeClock {
  /** Environment for the browser's processes. */
  env: Record<string, string>;
  /** Sets the browser's wall clock to the real time plus `seconds` (negative: behind). */
  set(seconds: number): void;
  remove(): void;
}

function libfaketime(): string {
  const lib = '/usr/lib';
  const found = readdirSync(lib)
    .map((dir) => join(lib, dir, 'faketime', 'libfaketime.so.1'))
    .find((path) => existsSync(path));
  if (!found) throw new Error('libfaketime is not installed: sudo apt-get install -y libfaketime (.ci/run does it)');
  return found;
}

/** Wait this long after `set` for every process to read the new offset. */
export const CLOCK_SETTLE_MS = 1500;

export function fakeClock(): FakeClock {
  const dir = scratchDir('clock');
  const file = join(dir.path, 'offset');
  const set = (seconds: number) => writeFileSync(file, `${seconds >= 0 ? '+' : ''}${seconds}\n`);
  set(0);
  return {
    env: {
      LD_PRELOAD: libfaketime(),
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_CACHE_DURATION: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      // libfaketime's rewrite of monotonic condition-variable waits makes Chromium's start take
      // 30 to 50 s instead of half a second; with the monotonic clock left alone it is not needed.
      FAKETIME_FORCE_MONOTONIC_FIX: '0',
    },
    set,
    remove: dir.remove,
  };
}
