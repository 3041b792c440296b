import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/database';
import { LATEST_VERSION, MIGRATIONS, trackerStateV1toV2 } from '@/lib/db/migrations';
import { ensureDays } from '@/lib/ledger/day-writes';
import { ledgerProblems } from '@/lib/ledger/invariants';
import { decodeFacts } from '@/lib/ledger/scope-facts';
import { engineStateSchema } from '@/lib/tracking/state-schema';
import { editRecordSchema, gapRecordSchema, journalRecordSchema, offerRecordSchema, segmentRecordSchema, taskRecordSchema } from '@/lib/model/records';
import { fixtureOf, seedAtVersion } from './helpers/db-fixtures';

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('every version has a fixture of itself, so the next migration has a "before" to test on', () => {
    for (const m of MIGRATIONS) expect(fixtureOf(m.version).version).toBe(m.version);
  });

  it('the latest fixture holds valid records of the latest version', () => {
    const { tables } = fixtureOf(LATEST_VERSION);
    for (const t of tables.tasks ?? []) expect(taskRecordSchema.parse(t)).toEqual(t);
    for (const s of tables.segments ?? []) expect(segmentRecordSchema.parse(s)).toEqual(s);
    for (const o of tables.offers ?? []) expect(offerRecordSchema.parse(o)).toEqual(o);
    for (const g of tables.gaps ?? []) expect(gapRecordSchema.parse(g)).toEqual(g);
    for (const e of tables.edits ?? []) expect(editRecordSchema.parse(e)).toEqual(e);
    for (const j of tables.journal ?? []) expect(journalRecordSchema.parse(j)).toEqual(j);
    for (const r of tables.tracker ?? []) expect(engineStateSchema.parse(r.state)).toEqual(r.state);
  });

  it('2: segments of version 1 become measured segments; 3: tasks gain an empty completion code', async () => {
    const v1 = fixtureOf(1);
    const name = `migrate-v1-v2-${crypto.randomUUID()}`;
    await seedAtVersion(name, v1);
    const db = createDb(name);
    const segments = await db.segments.orderBy('id').toArray();
    expect(segments).toEqual(v1.tables.segments?.map((s) => ({ ...s, source: 'measured', excluded: false })));
    for (const s of segments) expect(segmentRecordSchema.safeParse(s).success).toBe(true);
    expect(await db.tasks.toArray()).toEqual(v1.tables.tasks?.map((t) => ({ ...t, completionCode: null, bonuses: [] })));
    for (const t of await db.tasks.toArray()) expect(taskRecordSchema.safeParse(t).success).toBe(true);
    db.close();
  });

  it('4: tasks of version 3 gain no bonus and segments are not excluded; nothing else changes', async () => {
    const v3 = fixtureOf(3);
    const name = `migrate-v3-v4-${crypto.randomUUID()}`;
    await seedAtVersion(name, v3);
    const db = createDb(name);
    expect(await db.tasks.toArray()).toEqual(v3.tables.tasks?.map((t) => ({ ...t, bonuses: [] })));
    expect(await db.segments.orderBy('id').toArray()).toEqual(v3.tables.segments?.map((s) => ({ ...s, excluded: false })));
    // Opened at the latest version: offers have gained their sighting count (6) on the way.
    expect(await db.offers.toArray()).toEqual(v3.tables.offers?.map((o) => ({ ...o, seenCount: 1 })));
    expect(await db.edits.count()).toBe(0);
    for (const t of await db.tasks.toArray()) expect(taskRecordSchema.safeParse(t).success).toBe(true);
    db.close();
  });

  it('5: the engine state of version 1 becomes version 2 exactly as the next fixture holds it; the journal starts empty', async () => {
    const v4 = fixtureOf(4);
    const v5 = fixtureOf(5);
    const name = `migrate-v4-v5-${crypto.randomUUID()}`;
    await seedAtVersion(name, v4);
    const db = createDb(name);
    expect(await db.tracker.toArray()).toEqual(v5.tables.tracker);
    expect(engineStateSchema.safeParse((await db.tracker.get('state'))?.state).success).toBe(true);
    expect(await db.journal.count()).toBe(0);
    expect(await db.tasks.toArray()).toEqual(v4.tables.tasks);
    db.close();
  });

  it('6: offers of version 5 gain one sighting each, exactly as the next fixture holds them; nothing else changes', async () => {
    const v5 = fixtureOf(5);
    const v6 = fixtureOf(6);
    const name = `migrate-v5-v6-${crypto.randomUUID()}`;
    await seedAtVersion(name, v5);
    const db = createDb(name);
    expect(await db.offers.toArray()).toEqual(v6.tables.offers);
    expect((await db.offers.toArray()).map((o) => o.seenCount)).toEqual([1]);
    for (const o of await db.offers.toArray()) expect(offerRecordSchema.parse(o)).toEqual(o);
    expect(await db.tasks.toArray()).toEqual(v5.tables.tasks);
    expect(await db.tracker.toArray()).toEqual(v5.tables.tracker);
    db.close();
  });

  it('7: the scopes are built from the tasks of version 6, exactly as the next fixture holds them; nothing else changes', async () => {
    const v6 = fixtureOf(6);
    const v7 = fixtureOf(7);
    const name = `migrate-v6-v7-${crypto.randomUUID()}`;
    await seedAtVersion(name, v6);
    const db = createDb(name);
    expect(await db.scopes.orderBy('key').toArray()).toEqual(v7.tables.scopes);
    // By hand: the MTurk task is in its group's and its requester's scope, its open time kept as 0;
    // the Prolific task, which names no requester, only in its group's; and the mark.
    const keys = (await db.scopes.toArray()).map((r) => r.key.split('\u0000').join('/'));
    expect(keys.sort()).toEqual(['/built', 'mturk/group/3PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA', 'mturk/requester/A2P2MT8IK72CVZ', 'prolific/group/674f1a2b3c4d5e6f7a8b9c0d']);
    const mturk = decodeFacts(await db.scopes.get('mturk\u0000group\u00003PZ1QH7GXWJ8R4ZC0E5N2T6B9K1MDA'));
    expect(mturk.map(({ id, status, activeMs }) => ({ id, status, activeMs }))).toEqual([{ id: 'mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P', status: 'accepted', activeMs: 0 }]);
    expect(await db.tasks.toArray()).toEqual(v6.tables.tasks);
    expect(await db.offers.toArray()).toEqual(v6.tables.offers);
    db.close();
  });

  it('8: the feeds table starts empty; every table of version 7 is kept exactly as the next fixture holds it', async () => {
    const v7 = fixtureOf(7);
    const v8 = fixtureOf(8);
    const name = `migrate-v7-v8-${crypto.randomUUID()}`;
    await seedAtVersion(name, v7);
    const db = createDb(name);
    expect(await db.feeds.toArray()).toEqual([]);
    for (const table of Object.keys(v7.tables)) expect(await db.table(table).toArray()).toEqual(v8.tables[table]);
    db.close();
  });

  it('9: the days table starts unbuilt, every table of version 8 is kept as the next fixture holds it, and ensureDays builds the days the ledger then keeps', async () => {
    const v8 = fixtureOf(8);
    const v9 = fixtureOf(9);
    const name = `migrate-v8-v9-${crypto.randomUUID()}`;
    await seedAtVersion(name, v8);
    const db = createDb(name);
    expect(await db.days.toArray()).toEqual(v9.tables.days);
    for (const table of Object.keys(v8.tables)) expect(await db.table(table).toArray()).toEqual(v9.tables[table]);
    await ensureDays(db, 'Europe/Paris');
    const days = await db.days.toArray();
    expect(days.map((d) => d.day).sort()).toEqual(['\u0000built', ...new Set((v8.tables.tasks ?? []).map((t) => new Date((t.acceptedAt as number) + 3_600_000).toISOString().slice(0, 10)))].sort());
    // The fixture's open task has segments its activeMs does not count yet (the engine's tick
    // would): only the days are checked here.
    expect((await ledgerProblems(db)).filter((p) => p.startsWith('day'))).toEqual([]);
    db.close();
  });

  it('7: building the scopes is a pure function of the tasks', () => {
    const derive = MIGRATIONS.find((m) => m.version === 7)?.derive;
    const tasks = fixtureOf(6).tables.tasks ?? [];
    const copy = structuredClone(tasks);
    expect(derive?.build(copy)).toEqual(derive?.build(structuredClone(tasks)));
    expect(copy).toEqual(tasks);
  });

  it('6: an offer that already counts its sightings keeps its count', () => {
    const migrate = MIGRATIONS.find((m) => m.version === 6)?.upgrade?.offers;
    expect(migrate?.({ id: 'mturk:G', seenCount: 4 })).toEqual({ id: 'mturk:G', seenCount: 4 });
  });

  it('5: a tracker record that is not a version-1 state is left as it is (the ledger keeps it aside)', () => {
    const odd = { key: 'state', state: { version: 7, whatever: true } };
    expect(trackerStateV1toV2(structuredClone(odd))).toEqual(odd);
  });

  it.each(MIGRATIONS.map((m) => [m.version] as const))(
    'a database of version %i opens with the current code and keeps every record',
    async (version) => {
      const fixture = fixtureOf(version);
      const name = `migrate-${version}-${crypto.randomUUID()}`;
      await seedAtVersion(name, fixture);
      const db = createDb(name);
      await db.open();
      expect(db.verno).toBe(LATEST_VERSION);
      for (const [table, rows] of Object.entries(fixture.tables)) {
        // Later migrations transform records; the count of records never changes.
        expect(await db.table(table).count()).toBe(rows.length);
      }
      if (version === LATEST_VERSION) {
        expect(await db.tasks.toArray()).toEqual(fixture.tables.tasks);
        expect(await db.segments.orderBy('id').toArray()).toEqual(fixture.tables.segments);
      }
      db.close();
    },
  );

  it.each(MIGRATIONS.filter((m) => m.upgrade).map((m) => [m.version, m] as const))(
    'migration %i is a pure function of each record of the version before',
    (version, migration) => {
      const before = fixtureOf(version - 1);
      for (const [table, migrate] of Object.entries(migration.upgrade ?? {})) {
        for (const record of before.tables[table] ?? []) {
          const copy = structuredClone(record);
          expect(migrate(copy)).toEqual(migrate(structuredClone(record)));
          expect(copy).toEqual(record);
        }
      }
    },
  );
});
