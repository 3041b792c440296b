import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/paths';

/**
 * `npm start` and the e2e tests from a checkout whose path is over 80 characters. Chromium's
 * socket lives under TMPDIR and a socket path may not pass 107 bytes, so a browser folder under
 * the checkout breaks them from about 40 characters on. The copy is made under the system's
 * temporary folder and removed afterwards; nothing is written into this checkout.
 */
describe('a checkout whose path is over 80 characters', () => {
  let base: string | undefined;
  let checkout = '';

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'tr-long-'));
    checkout = join(base, 'a-checkout-path-long-enough-to-overflow-a-unix-socket'.padEnd(90 - base.length, '-x'));
    copyCheckout(checkout);
  });
  afterAll(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('the copy sits at a long path', () => {
    expect(checkout.length).toBeGreaterThan(80);
  });

  // --quick: the demo's own steps with a tenth of its pauses (it takes a minute at a believable pace).
  it('runs the headless demo there', async () => {
    const run = await npx(checkout, ['tsx', 'scripts/start.ts', '--headless', '--no-build', '--quick']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/What TrueRate recorded \(2 tasks\)/);
    expect(run.output).toMatch(/Approved, \d+:\d\d active/);
  }, 180_000);

  it('runs an e2e file there', async () => {
    const run = await npx(checkout, ['vitest', 'run', '--config', 'vitest.e2e.config.ts', 'tests/e2e/chromium-foundation.e2e.ts']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+\d+ passed/);
  }, 180_000);
});

/**
 * The working tree's files as git sees them (tracked, and new ones not ignored: a change not yet
 * committed is what runs), the built extension, .wxt (made at install; tsconfig extends it) and
 * node_modules.
 */
function copyCheckout(to: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  const files = listed.split('\0').filter(Boolean);
  for (const file of files) {
    // A tracked file deleted in the working tree is simply not there.
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
  for (const dir of ['.output/chrome-mv3', '.output/firefox-mv3', '.wxt']) {
    cpSync(join(ROOT, dir), join(to, dir), { recursive: true });
  }
  // One link per package rather than one for the folder: tools write their caches in
  // node_modules/.vite and node_modules/.cache, which must be the copy's own.
  mkdirSync(join(to, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.cache' || entry === '.vite') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(to, 'node_modules', entry));
  }
}

/** Runs `npx …` in `cwd`, outside this vitest run (its VITEST_* variables would confuse the inner one). */
function npx(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'FORCE_COLOR'),
  );
  env.NO_COLOR = '1';
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
