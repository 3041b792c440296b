import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contributionLines, contributorToken } from '@/lib/share/contribution';
import { checkFeed } from '@/lib/share/feed';
import { makeTask } from '../rates/make-task';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tr-agg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'aggregate.ts'), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm run aggregate', () => {
  it('makes a key, aggregates the good contributions, skips a bad one with its problems, and signs a feed members accept', async () => {
    const key = join(dir, 'collective.key.json');
    const made = run(['keygen', '--out', key]);
    const publicKey = /public key, for members to subscribe with: (\S+)/.exec(made)?.[1];
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => run(['keygen', '--out', key])).toThrow(); // a key is never overwritten

    const inbox = join(dir, 'contributions');
    mkdirSync(inbox);
    for (let c = 0; c < 12; c++) {
      const tasks = [0, 1].map((i) => makeTask({ id: `mturk:T${c}-${i}`, externalId: `T${c}-${i}`, activeMs: (120 + c * 10 + i) * 1000 }));
      const token = contributorToken((bytes) => bytes.map((_, j) => (c * 31 + j * 7) & 0xff));
      writeFileSync(join(inbox, `member-${c}.ndjson`), contributionLines(tasks, { contributor: token, platforms: null, weeks: null, now: Date.UTC(2026, 11, 1) }).join('\n'));
    }
    writeFileSync(join(inbox, 'broken.ndjson'), '{"format":"truerate-contribution","version":1,"contributor":"short","week":"2026-W49"}\n');
    const feed = join(dir, 'feed.json');
    const args = ['--in', inbox, '--out', feed, '--key', key, '--feed', 'test-collective', '--name', 'Test collective'];
    const out = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'aggregate.ts'), ...args], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/version 1, 2 groups published from 12 contributions \(1 skipped\), k = 10/);

    const checked = await checkFeed(globalThis.crypto.subtle, readFileSync(feed, 'utf8'), { feed: 'test-collective', keys: [publicKey!], version: 0 }, Date.now());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.feed.groups.map((g) => `${g.by} ${g.id} ${g.tasks} ${g.contributors}`)).toEqual(['group G1 24 12', 'requester R1 24 12']);
    // Published again: the version grows, so members take it.
    run(args);
    const again = await checkFeed(globalThis.crypto.subtle, readFileSync(feed, 'utf8'), { feed: 'test-collective', keys: [publicKey!], version: 1 }, Date.now());
    expect(again.ok && again.feed.version).toBe(2);
  }, 60_000);
});
