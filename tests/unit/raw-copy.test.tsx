import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RawCopy } from '@/components/options/RawCopy';
import { saveFile } from '@/components/options/save-file';
import { createDb } from '@/lib/db/database';
import { MIGRATIONS } from '@/lib/db/migrations';
import { RAW_COPY_FORMAT, rawCopy } from '@/lib/db/raw-copy';
import { openExisting } from '@/lib/db/raw-read';
import { makeTranslator, type Messages } from '@/lib/i18n/translate';
import en from '../../public/_locales/en/messages.json';
import { fixtureOf, seedAtVersion } from './helpers/db-fixtures';

vi.mock('@/components/options/save-file', () => ({ saveFile: vi.fn() }));

/** Version 8, left as it was by an upgrade to 9 that threw. */
async function brokenV8(): Promise<string> {
  const name = `raw-copy-${crypto.randomUUID()}`;
  await seedAtVersion(name, fixtureOf(8));
  const broken = [...MIGRATIONS.filter((m) => m.version <= 8), { version: 9, stores: { days: 'day' }, upgrade: { tasks: () => { throw new Error('broken'); } } }];
  await expect(createDb(name, broken).open()).rejects.toThrow('broken');
  return name;
}

const parse = (parts: string[]) => JSON.parse(parts.join('')) as { format: string; version: number; indexedDbVersion: number; copiedAt: string; stores: Record<string, unknown[]> };

describe('a raw copy of a database this TrueRate cannot open', () => {
  it('holds every record of every store, exactly as stored, at the version on disk, read a few at a time', async () => {
    const name = await brokenV8();
    const db = await openExisting(name);
    if (!db) throw new Error('the database is there');
    const copy = parse(await rawCopy(db, Date.UTC(2026, 11, 1), 2));
    db.close();
    expect(copy).toMatchObject({ format: RAW_COPY_FORMAT, version: 8, indexedDbVersion: 80, copiedAt: '2026-12-01T00:00:00.000Z' });
    expect(copy.stores).toEqual(fixtureOf(8).tables);
  });

  it('keeps the keys of a store whose records do not hold them, and copies an empty database', async () => {
    const name = `raw-copy-keys-${crypto.randomUUID()}`;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 10);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore('loose');
        for (let i = 0; i < 5; i++) store.add({ n: i }, `k${i}`);
        request.result.createObjectStore('empty', { keyPath: 'id' });
      };
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    const db = await openExisting(name);
    if (!db) throw new Error('the database is there');
    const copy = parse(await rawCopy(db, 0, 2));
    db.close();
    expect(copy.stores).toEqual({ empty: [], loose: [0, 1, 2, 3, 4].map((i) => ({ key: `k${i}`, value: { n: i } })) });
  });
});

describe('the dashboard’s raw copy button', () => {
  let container: HTMLElement;
  const t = makeTranslator(en as Messages);
  beforeEach(() => {
    vi.mocked(saveFile).mockClear();
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    render(null, container);
    container.remove();
  });
  const click = async () => {
    const button = [...container.querySelectorAll('button')].find((b) => b.textContent === t('db_rawCopy_button'));
    await act(async () => {
      button?.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
  };

  it('saves the copy as a dated JSON file in the downloads, and says where', async () => {
    const name = await brokenV8();
    const at = Date.UTC(2026, 11, 1, 12);
    render(<RawCopy t={t} name={name} now={() => at} />, container);
    await click();
    expect(saveFile).toHaveBeenCalledTimes(1);
    const [parts, fileName, type] = vi.mocked(saveFile).mock.calls[0]!;
    expect(parse(parts as string[]).stores).toEqual(fixtureOf(8).tables);
    expect(fileName).toMatch(/^truerate-raw-copy-2026-12-0[12]\.json$/);
    expect(type).toBe('application/json');
    expect(container.querySelector('[role="status"]')?.textContent).toContain(fileName);
  });

  it('says there is nothing to copy where there is no database, and creates none', async () => {
    const name = `raw-copy-none-${crypto.randomUUID()}`;
    render(<RawCopy t={t} name={name} />, container);
    await click();
    expect(saveFile).not.toHaveBeenCalled();
    expect(container.querySelector('[role="status"]')?.textContent).toBe(t('db_rawCopy_none'));
    expect((await indexedDB.databases()).some((d) => d.name === name)).toBe(false);
  });
});
