/**
 * `npm test`: every check of the project, the independent ones side by side (docs/testing.md#npm-test).
 *
 * On the 2-core CI machine the steps run in two lanes:
 *
 *   build ──────────┬─ e2e: timing ────────────────────────────────── (nice 0, alone in its lane)
 *   typecheck ─ lint ─ unit ─┴─ lint:firefox ─ e2e: others ─────────── (nice 19, off CPU 0)
 *
 * The timing e2e files (TIMING_E2E: measured active time against a scripted truth, within 1 s)
 * run one at a time, as before, at normal priority; everything else runs at the lowest CPU
 * priority and off CPU 0, so that the timing files' browsers get a core whenever they want one.
 * Most of the timing files' run is scripted waiting (a quiet gap, a tab in front for 8 s), which
 * is why the rest fits beside them.
 *
 * Each step's output is printed whole when the step ends (never interleaved). The first failure
 * stops the run: running steps are ended (their process group gets SIGTERM; the e2e support ends
 * its browsers on it), steps not started are not run, and the failed step's output is printed
 * again above the summary.
 *
 *   npx tsx scripts/test.ts            the whole run (npm test)
 *   npx tsx scripts/test.ts --serial   one step at a time, in the order above (for comparison)
 *   npx tsx scripts/test.ts --timing-alone
 *                                      the timing e2e files once every other step has ended: their
 *                                      measured-minus-truth figures (tests/e2e/artifacts/figures.json)
 *                                      as on a quiet machine, for the README
 *   npx tsx scripts/test.ts --faults   the build, then the long fault runs (FAULT_E2E) one at a time
 *                                      (npm run test:faults)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const E2E_DIR = join(ROOT, 'tests', 'e2e');

/**
 * e2e files that compare measured time with a scripted truth, or whose scripted pace matters
 * (the demo in long-path): one at a time, at normal priority. Every other e2e file runs in the
 * low-priority lane. A file that mentions a scripted "truth" must be listed here (checked below).
 */
export const TIMING_E2E = [
  'chromium-attention.e2e.ts',
  'chromium-tracking.e2e.ts',
  'firefox-attention.e2e.ts',
  'firefox-tracking.e2e.ts',
  'chromium-mturk-life.e2e.ts',
  'firefox-mturk-life.e2e.ts',
  'long-path.e2e.ts',
];

/**
 * The long fault runs (a service worker killed 20 times, a browser killed and restarted, an update
 * mid-task and a full quota in both browsers, the clock moved, a 100 MB backup): not in `npm test`
 * but in `npm run test:faults`, which .ci/run calls after it.
 */
export const FAULT_E2E = ['chromium-faults.e2e.ts', 'firefox-faults.e2e.ts', 'chromium-big-backup.e2e.ts'];

/**
 * A heavy e2e file that compares nothing with a truth but runs after the timing files, in their lane:
 * that lane mostly waits on scripted pauses, while the low-priority lane has one CPU for the unit
 * tests and every other e2e file, and was the longer of the two.
 */
export const SERIAL_AFTER_TIMING_E2E = ['chromium-dashboard.e2e.ts'];

interface Step {
  name: string;
  /** An npm script and its arguments. */
  npm: string[];
  after: string[];
  /** Lowest CPU priority (nice 19). */
  low: boolean;
}

function e2eFiles(): { timing: string[]; others: string[] } {
  const all = readdirSync(E2E_DIR).filter((f) => f.endsWith('.e2e.ts')).sort();
  const missing = TIMING_E2E.filter((f) => !all.includes(f));
  if (missing.length > 0) throw new Error(`scripts/test.ts: TIMING_E2E lists missing files: ${missing.join(', ')}`);
  const unlisted = all.filter((f) => !TIMING_E2E.includes(f) && !FAULT_E2E.includes(f) && /\btruth\b/.test(readFileSync(join(E2E_DIR, f), 'utf8')));
  if (unlisted.length > 0) {
    throw new Error(
      `scripts/test.ts: ${unlisted.join(', ')} compare(s) with a scripted truth: add to TIMING_E2E so that it runs alone at normal priority`,
    );
  }
  const path = (f: string) => `tests/e2e/${f}`;
  const serial = [...TIMING_E2E, ...SERIAL_AFTER_TIMING_E2E.filter((f) => all.includes(f))];
  return { timing: serial.map(path), others: all.filter((f) => !serial.includes(f) && !FAULT_E2E.includes(f)).map(path) };
}

const timingAlone = process.argv.includes('--timing-alone');

const faults = process.argv.includes('--faults');

function plan(): Step[] {
  if (faults) {
    return [
      { name: 'build', npm: ['build'], after: [], low: false },
      { name: 'e2e: faults', npm: ['test:e2e', '--', ...FAULT_E2E.map((f) => `tests/e2e/${f}`)], after: ['build'], low: false },
    ];
  }
  const { timing, others } = e2eFiles();
  // --timing-alone: the timing files once everything else has ended (for figures to publish).
  const timingAfter = timingAlone ? ['build', 'e2e: others'] : ['build'];
  return [
    { name: 'build', npm: ['build'], after: [], low: false },
    { name: 'typecheck', npm: ['typecheck'], after: [], low: true },
    { name: 'lint', npm: ['lint'], after: ['typecheck'], low: true },
    { name: 'unit', npm: ['test:unit'], after: ['lint'], low: true },
    { name: 'e2e: timing', npm: ['test:e2e', '--', ...timing], after: timingAfter, low: false },
    { name: 'lint:firefox', npm: ['lint:firefox'], after: ['build', 'unit'], low: true },
    { name: 'e2e: others', npm: ['test:e2e', '--', ...others], after: ['lint:firefox'], low: true },
  ];
}

type State = 'waiting' | 'running' | 'passed' | 'failed' | 'stopped' | 'not run';

interface Run {
  step: Step;
  state: State;
  output: string;
  startedAt?: number;
  seconds?: number;
  child?: ChildProcess;
}

/**
 * The low-priority lane's prefix: nice 19, and kept off CPU 0 where there are 2 cores or more
 * (taskset), so that the timing files' browsers always have one core to themselves.
 */
function lowPriority(): string[] {
  const cores = availableParallelism();
  const pin = cores >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
  return [...(pin ? ['taskset', '-c', cores === 2 ? '1' : `1-${cores - 1}`] : []), 'nice', '-n', '19'];
}

const LOW = lowPriority();
const serial = process.argv.includes('--serial');
const started = Date.now();
const runs = plan().map((step): Run => ({ step, state: 'waiting', output: '' }));
let failed: Run | undefined;

const elapsed = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const log = (line: string) => process.stdout.write(`[test ${elapsed(started).padStart(6)} s] ${line}\n`);

function start(run: Run): void {
  const { step } = run;
  const command = ['npm', 'run', '--silent', ...step.npm];
  const [file, ...args] = step.low ? [...LOW, ...command] : command;
  run.state = 'running';
  run.startedAt = Date.now();
  log(`start ${step.name}${step.low ? ` (${LOW.join(' ')})` : ''}`);
  const env = { ...process.env };
  if (process.stdout.isTTY && env.NO_COLOR === undefined) env.FORCE_COLOR = '1';
  // Its own process group, so that stopping a step reaches its whole tree (vitest's workers too).
  const child = spawn(file as string, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  run.child = child;
  child.stdout.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  child.on('error', (error) => (run.output += `\n${error.message}\n`));
  child.on('close', (code, signal) => {
    run.child = undefined;
    run.seconds = (Date.now() - (run.startedAt ?? Date.now())) / 1000;
    if (run.state === 'stopped') {
      log(`stopped ${step.name}`);
    } else {
      run.state = code === 0 ? 'passed' : 'failed';
      process.stdout.write(`\n──── ${step.name}: npm run ${step.npm.join(' ')} ────\n${run.output}`);
      if (!run.output.endsWith('\n')) process.stdout.write('\n');
      log(`${run.state} ${step.name} in ${run.seconds.toFixed(1)} s${code === 0 ? '' : ` (exit ${code ?? signal})`}`);
      if (run.state === 'failed' && !failed) {
        failed = run;
        stopAll();
      }
    }
    schedule();
  });
}

function stopAll(): void {
  for (const run of runs) {
    if (run.state === 'waiting') run.state = 'not run';
    if (run.state !== 'running' || !run.child?.pid) continue;
    run.state = 'stopped';
    const pid = run.child.pid;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal);
      } catch {
        // ESRCH: the group has ended.
      }
    };
    kill('SIGTERM');
    setTimeout(() => kill('SIGKILL'), 10_000).unref();
  }
}

function schedule(): void {
  const done = (name: string) => runs.find((r) => r.step.name === name)?.state === 'passed';
  for (const run of runs) {
    if (run.state !== 'waiting') continue;
    if (serial && runs.some((r) => r.child !== undefined)) break;
    if (run.step.after.every(done)) start(run);
  }
  // A stopped step counts until its process group has closed.
  if (runs.some((r) => r.child !== undefined)) return;
  summary();
}

function summary(): void {
  const width = Math.max(...runs.map((r) => r.step.name.length));
  const lines = runs.map((r) => `  ${r.step.name.padEnd(width)}  ${r.state.padEnd(7)}  ${r.seconds === undefined ? '' : `${r.seconds.toFixed(1).padStart(6)} s`}`);
  if (failed) {
    process.stdout.write(`\n──── FAILED: ${failed.step.name} (npm run ${failed.step.npm.join(' ')}) ────\n${failed.output}\n`);
  }
  const mode = [serial && '--serial', timingAlone && '--timing-alone'].filter(Boolean).join(' ');
  process.stdout.write(`\n${faults ? 'npm run test:faults' : 'npm test'} ${failed ? 'FAILED' : 'passed'} in ${elapsed(started)} s${mode ? ` (${mode})` : ''}\n${lines.join('\n')}\n`);
  process.exitCode = failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    failed ??= { step: { name: signal, npm: [], after: [], low: false }, state: 'failed', output: '' };
    stopAll();
  });
}

schedule();
