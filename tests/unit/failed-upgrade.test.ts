import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { checkDbHealth } from '@/entrypoints/background/db-health';
import { createDb } from '@/lib/db/database';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '@/lib/db/migrations';
import { OPEN_PROBLEM_KEY, parseOpenProblem } from '@/lib/db/open-problem';
import { loadPopupData } from '@/lib/db/popup-data';
import type { TaskRecord } from '@/lib/model/records';
import { openForReading, versionOnDisk } from '@/lib/db/raw-read';
import { fixtureOf, seedAtVersion, type DbFixture } from './helpers/db-fixtures';

/**
 * A failed upgrade, and a database from a newer TrueRate, leave every record as it was: readable
 * by the popup, never deleted (docs/architecture.md#when-an-upgrade-fails-or-the-database-is-newer).
 */

const upToV8 = MIGRATIONS.filter((m) => m.version <= 8);
/** Version 9 as a broken release would ship it: it rewrites the offers, then throws on a task. */
const brokenV9: Migration = {
  version: 9,
  stores: { days: 'day' },
  upgrade: {
    offers: (record) => ({ ...record, seenCount: 999 }),
    tasks: () => {
      throw new Error('this task cannot be upgraded');
    },
  },
};
const withBrokenV9 = [...upToV8, brokenV9];

/** A newer TrueRate: one more version, with a table of its own. */
const newer: Migration[] = [...MIGRATIONS, { version: LATEST_VERSION + 1, stores: { extra: 'id' } }];
const newerFixture = (): DbFixture => {
  const latest = fixtureOf(LATEST_VERSION);
  return { version: LATEST_VERSION + 1, tables: { ...latest.tables, extra: [{ id: 'only-the-newer-knows', n: 1 }] } };
};

/** Every table as a plain Dexie of exactly these versions reads it (no upgrade: the same versions). */
async function tablesAt(name: string, migrations: readonly Migration[]): Promise<Record<string, unknown[]>> {
  const plain = new Dexie(name);
  for (const m of migrations) plain.version(m.version).stores(m.stores);
  await plain.open();
  const tables: Record<string, unknown[]> = {};
  for (const table of plain.tables) tables[table.name] = await table.toArray();
  plain.close();
  return tables;
}

const storeNames = async (name: string) => {
  const db = await openForReading(name);
  return [...(db?.objectStoreNames ?? [])].sort();
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('an upgrade that throws', () => {
  it('rejects the open and leaves the database at version 8 with every record of the fixture exactly as it was', async () => {
    const v8 = fixtureOf(8);
    const name = `broken-upgrade-${crypto.randomUUID()}`;
    await seedAtVersion(name, v8);
    const db = createDb(name, withBrokenV9);
    await expect(db.open()).rejects.toThrow('this task cannot be upgraded');
    expect(await versionOnDisk(name)).toBe(80);
    // The offers it had rewritten are rolled back with the rest; the table it added is not there.
    expect(await tablesAt(name, upToV8)).toEqual(v8.tables);
    expect(await storeNames(name)).not.toContain('days');
    // Every later read or write is refused, not half-done: the held events keep the activity.
    await expect(db.tasks.put({ ...v8.tables.tasks?.[0], title: 'written anyway' } as unknown as TaskRecord)).rejects.toThrow();
    expect(await tablesAt(name, upToV8)).toEqual(v8.tables);
  });

  it('leaves the records readable by the popup’s raw reads: the newest tasks, today from its rows, the journal, the engine’s state and the running task', async () => {
    const v8 = fixtureOf(8);
    const name = `broken-upgrade-popup-${crypto.randomUUID()}`;
    await seedAtVersion(name, v8);
    await expect(createDb(name, withBrokenV9).open()).rejects.toThrow();
    const since = Math.min(...(v8.tables.tasks ?? []).map((t) => t.acceptedAt as number));
    const data = await loadPopupData(await openForReading(name), 5, { since, key: new Date(since).toISOString().slice(0, 10), zone: 'UTC' });
    expect(data.recent).toHaveLength(v8.tables.tasks?.length ?? -1);
    expect(data.recent.map((t) => t.id).sort()).toEqual((v8.tables.tasks ?? []).map((t) => t.id).sort());
    // No day totals at version 8: today is read from its rows.
    if (data.today.kind !== 'rows') throw new Error('expected today’s rows without a days table');
    expect(data.today.tasks.map((t) => t.id).sort()).toEqual((v8.tables.tasks ?? []).map((t) => t.id).sort());
    expect(data.journal).toEqual(v8.tables.journal);
    expect(data.state).toEqual(v8.tables.tracker?.[0]?.state);
    expect(data.running?.id).toBe('mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
  });

  it('the popup reads an older database too, without the tables its version did not have yet (no journal at version 4)', async () => {
    const v4 = fixtureOf(4);
    const name = `old-popup-${crypto.randomUUID()}`;
    await seedAtVersion(name, v4);
    const data = await loadPopupData(await openForReading(name), 5, { since: 0, key: '1970-01-01', zone: 'UTC' });
    expect(data.journal).toEqual([]);
    expect(data.recent.map((t) => t.id).sort()).toEqual((v4.tables.tasks ?? []).map((t) => t.id).sort());
  });

  it('is recorded by the background for the popup, and cleared once an update can read the database', async () => {
    const v8 = fixtureOf(8);
    const name = `broken-upgrade-health-${crypto.randomUUID()}`;
    await seedAtVersion(name, v8);
    const problem = await checkDbHealth(createDb(name, withBrokenV9), () => 1_800_000_000_000);
    expect(problem).toEqual({ kind: 'upgrade-failed', found: 8, wanted: 9, error: expect.stringContaining('this task cannot be upgraded'), at: 1_800_000_000_000 });
    const stored = (await browser.storage.local.get(OPEN_PROBLEM_KEY))[OPEN_PROBLEM_KEY];
    expect(parseOpenProblem(stored)).toEqual(problem);
    expect(await tablesAt(name, upToV8)).toEqual(v8.tables);
    // The next TrueRate's upgrade works: the problem is gone, and the records are upgraded.
    const fixed = createDb(name);
    expect(await checkDbHealth(fixed)).toBeNull();
    expect(await browser.storage.local.get(OPEN_PROBLEM_KEY)).toEqual({});
    expect(await fixed.tasks.count()).toBe(v8.tables.tasks?.length);
    fixed.close();
  });
});

describe('a database written by a newer TrueRate', () => {
  it('is refused with a VersionError, and every record, those of the newer table included, is kept as it was', async () => {
    const fixture = newerFixture();
    const name = `newer-${crypto.randomUUID()}`;
    await seedAtVersion(name, fixture, newer);
    const db = createDb(name);
    await expect(db.open()).rejects.toMatchObject({ name: 'VersionError' });
    // Nothing reaches it: not a write of this version's records, not a schema patch.
    await expect(db.tasks.put({ ...fixture.tables.tasks?.[0], title: 'an older TrueRate’s write' } as unknown as TaskRecord)).rejects.toThrow();
    expect(await versionOnDisk(name)).toBe((LATEST_VERSION + 1) * 10);
    expect(await tablesAt(name, newer)).toEqual(fixture.tables);
  });

  it('is refused too when its schema lacks an index this version declares; no record changes', async () => {
    const fixture = newerFixture();
    const dropsAnIndex: Migration[] = [...MIGRATIONS, { version: LATEST_VERSION + 1, stores: { extra: 'id', offers: 'id, platform, groupId, requesterId' } }];
    const name = `newer-patched-${crypto.randomUUID()}`;
    await seedAtVersion(name, fixture, dropsAnIndex);
    await expect(createDb(name).open()).rejects.toMatchObject({ name: 'VersionError' });
    // Dexie may add the index it misses before the refusal (one more native version): it deletes nothing.
    expect(Math.floor((await versionOnDisk(name))! / 10)).toBe(LATEST_VERSION + 1);
    expect(await tablesAt(name, dropsAnIndex)).toEqual(fixture.tables);
  });

  it('is recorded by the background as newer, with both versions, for the popup to say which TrueRate to reinstall', async () => {
    const name = `newer-health-${crypto.randomUUID()}`;
    await seedAtVersion(name, newerFixture(), newer);
    const problem = await checkDbHealth(createDb(name), () => 5);
    expect(problem).toMatchObject({ kind: 'newer-version', found: LATEST_VERSION + 1, wanted: LATEST_VERSION, at: 5 });
    expect(problem?.error).toMatch(/^VersionError: /);
    expect(parseOpenProblem((await browser.storage.local.get(OPEN_PROBLEM_KEY))[OPEN_PROBLEM_KEY])).toEqual(problem);
  });

  it('the popup’s raw reads still show its tasks', async () => {
    const fixture = newerFixture();
    const name = `newer-popup-${crypto.randomUUID()}`;
    await seedAtVersion(name, fixture, newer);
    await expect(createDb(name).open()).rejects.toMatchObject({ name: 'VersionError' });
    const data = await loadPopupData(await openForReading(name), 5, { since: 0, key: '1970-01-01', zone: 'UTC' });
    expect(data.recent.map((t) => t.id).sort()).toEqual((fixture.tables.tasks ?? []).map((t) => t.id).sort());
  });
});
