import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createAggregator, MIN_K, type PublishedGroup } from '@/lib/share/aggregate';
import type { ContributedTask } from '@/lib/share/contribution';
import { aggregateDuckdb } from '@/scripts/aggregate-duckdb';
import { readContribution } from '@/scripts/aggregate-inputs';

const dir = mkdtempSync(join(tmpdir(), 'tr-agg-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let sample = 0;

const token = (c: number) => `member${String(c).padStart(16, '0')}`;
const header = (c: number) => JSON.stringify({ format: 'truerate-contribution', version: 1, contributor: token(c), week: '2026-W49' });

/** One file per entry: its contributor, and its records' lines (some written with their keys reversed). */
interface SampleFile {
  contributor: number;
  lines: string[];
}

/** The files written to a new folder, in order; the streaming engine reads them as the CLI does. */
function write(files: SampleFile[]): string[] {
  const folder = join(dir, `sample-${sample++}`);
  mkdirSync(folder);
  return files.map((f, i) => {
    const path = join(folder, `${String(i).padStart(4, '0')}.ndjson`);
    writeFileSync(path, [header(f.contributor), ...f.lines].join('\n'));
    return path;
  });
}

async function streaming(paths: string[], k: number): Promise<PublishedGroup[]> {
  const aggregator = createAggregator({ k });
  for (const path of paths) {
    const read = await readContribution(path);
    if (!('problems' in read)) aggregator.add(read.contributor, read.tasks);
  }
  return aggregator.result();
}

const line = (task: ContributedTask, reversed: boolean) => JSON.stringify(reversed ? Object.fromEntries(Object.entries(task).reverse()) : task);

const taskArb: fc.Arbitrary<ContributedTask> = fc.record({
  // Few ids, so that groups reach k contributors; a few of everything else, nulls among them.
  platform: fc.constantFrom('mturk', 'mturk', 'mturk', 'prolific'),
  requesterId: fc.constantFrom('R1', 'R1', 'R2', null),
  groupId: fc.constantFrom('G1', 'G1', 'G2', null),
  reward: fc.option(fc.record({ amountMinor: fc.integer({ min: 0, max: 400 }), currency: fc.constantFrom('USD', 'USD', 'GBP') }), { freq: 8 }),
  bonusMinor: fc.constantFrom(0, 0, 0, 25),
  advertisedSeconds: fc.option(fc.integer({ min: 1, max: 40 }).map((n) => n * 30), { freq: 4 }),
  advertisedKind: fc.constantFrom('estimate', 'aet', null),
  // Some under 10 s: no rate, but still a task of the group.
  activeSeconds: fc.integer({ min: 0, max: 240 }).map((n) => n * 5),
  outcome: fc.constantFrom('paid', 'pending', 'rejected', 'returned', 'screened-out'),
  week: fc.constantFrom('2026-W47', '2026-W48'),
  idleThresholdS: fc.constant(60),
});

/**
 * Contributors each with a few records, sent in one to three files that repeat some of them
 * (a file sent again, a newer file repeating older weeks, one task twice in a file), and now and
 * then a broken file both engines must skip.
 */
const filesArb = fc
  .array(
    fc.record({
      records: fc.array(taskArb, { minLength: 3, maxLength: 10 }),
      files: fc.array(fc.array(fc.record({ pick: fc.nat(), reversed: fc.boolean() }), { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }),
      broken: fc.boolean(),
    }),
    { minLength: 6, maxLength: 14 },
  )
  .chain((members) => {
    const files = members.flatMap((m, c) => [
      ...m.files.map((picks) => ({ contributor: c, lines: picks.map((p) => line(m.records[p.pick % m.records.length]!, p.reversed)) })),
      ...(m.broken ? [{ contributor: c, lines: [line(m.records[0]!, false), '{"platform":"mturk"}'] }] : []),
    ]);
    // Files come in any order, a member's not necessarily together.
    return fc.shuffledSubarray(files, { minLength: files.length });
  });

describe('the DuckDB engine', () => {
  it('gives exactly the streaming engine’s figures on any sample', async () => {
    await fc.assert(
      fc.asyncProperty(filesArb, async (files) => {
        const paths = write(files);
        expect(await aggregateDuckdb(paths, MIN_K)).toEqual(await streaming(paths, MIN_K));
      }),
      // A failure's shrinking runs DuckDB each step: stop it in time to report the smallest sample found.
      { numRuns: 30, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);

  it('gives exactly the streaming engine’s figures on a larger sample, with bands, intervals and skipped files', async () => {
    let x = 12345;
    const rand = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 4294967296;
    };
    const files: SampleFile[] = [];
    for (let c = 0; c < 60; c++) {
      const records: ContributedTask[] = Array.from({ length: 200 }, () => {
        const group = Math.floor(rand() * 40);
        // Group 8's advertised time is known for about 6 of its tasks: a ratio band.
        const advertised = group % 4 !== 0 || (group === 8 && rand() < 0.02);
        return {
          platform: 'mturk',
          requesterId: group % 7 === 0 ? null : `R${group % 6}`,
          groupId: `G${group}`,
          reward: rand() < 0.03 ? null : { amountMinor: 10 + (group % 9) * 15, currency: group % 5 === 0 ? 'GBP' : 'USD' },
          bonusMinor: rand() < 0.05 ? 20 : 0,
          advertisedSeconds: advertised ? 120 + (group % 5) * 60 : null,
          advertisedKind: advertised ? 'estimate' : null,
          activeSeconds: 5 * Math.floor(rand() * 200),
          outcome: (['paid', 'paid', 'pending', 'rejected', 'returned', 'screened-out'] as const)[Math.floor(rand() * 6)]!,
          week: `2026-W${String(40 + Math.floor(rand() * 8))}`,
          idleThresholdS: 60,
        };
      });
      files.push({ contributor: c, lines: records.map((r) => line(r, false)) });
      // Every third member sends again a file that repeats half of their records, some twice.
      if (c % 3 === 0) files.push({ contributor: c, lines: records.slice(0, 100).flatMap((r, i) => (i % 10 === 0 ? [line(r, true), line(r, false)] : [line(r, true)])) });
    }
    files.push({ contributor: 99, lines: ['not json'] });
    const paths = write(files);
    const skipped: string[] = [];
    const duck = await aggregateDuckdb(paths, 10, { onSkipped: (path) => skipped.push(path) });
    expect(duck).toEqual(await streaming(paths, 10));
    expect(skipped).toEqual([paths.at(-1)]);
    expect(duck.length).toBeGreaterThan(30);
    expect(duck.some((g) => g.ratio && 'band' in g.ratio)).toBe(true);
    expect(duck.some((g) => g.ratio && 'coverage' in g.ratio)).toBe(true);
    expect(duck.some((g) => g.currency === 'GBP')).toBe(true);
  }, 30_000);

  it('is what `npm run aggregate -- --engine duckdb` signs, the same groups as the default engine', () => {
    const members = Array.from({ length: 12 }, (_, c) => ({
      contributor: c,
      lines: [0, 1, 2].map((i) => line({ platform: 'mturk', requesterId: 'R1', groupId: `G${i % 2}`, reward: { amountMinor: 40 + c, currency: 'USD' }, bonusMinor: 0, advertisedSeconds: 300, advertisedKind: 'estimate', activeSeconds: 100 + 5 * c + 50 * i, outcome: 'paid', week: '2026-W48', idleThresholdS: 60 }, false)),
    }));
    const inbox = join(dir, 'cli');
    mkdirSync(inbox);
    write(members).forEach((path, i) => writeFileSync(join(inbox, `m${i}.ndjson`), readFileSync(path)));
    const root = join(import.meta.dirname, '..', '..', '..');
    const cli = (out: string, extra: string[]) => {
      const args = ['--in', inbox, '--out', join(dir, out), '--key', join(dir, 'cli.key.json'), '--feed', 'test', ...extra];
      execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'aggregate.ts'), ...args], { cwd: dir, encoding: 'utf8' });
      return (JSON.parse(JSON.parse(readFileSync(join(dir, out), 'utf8')).body) as { groups: PublishedGroup[] }).groups;
    };
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'aggregate.ts'), 'keygen', '--out', join(dir, 'cli.key.json')], { cwd: dir });
    const duck = cli('duck.json', ['--engine', 'duckdb']);
    expect(duck.map((g) => `${g.by} ${g.id} ${g.tasks}`)).toEqual(['group G0 24', 'group G1 12', 'requester R1 36']);
    expect(duck).toEqual(cli('streaming.json', []));
  }, 60_000);

  it('refuses a k under 5, as the streaming engine does', async () => {
    await expect(aggregateDuckdb([], 4)).rejects.toThrow(/at least 5/);
  });
});
