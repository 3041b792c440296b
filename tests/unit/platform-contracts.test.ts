import { describe, expect, it } from 'vitest';
import { loadFixtures, type Fixture } from '../../demo/fixtures';
import { PLATFORM_IDS } from '@/lib/model/platform-id';
import { TASK_STATUSES } from '@/lib/model/records';
import { pageAgreesWithUrl, platformOfUrl, readPageUnguarded } from '@/lib/platforms';
import { CONTRACTS, REGISTRY } from '@/lib/platforms/registry';
import { statusFromPlatform } from '@/lib/tasks/lifecycle';
import { documentOf } from './helpers/fixtures';

/**
 * Every platform's contract (lib/platforms/<id>/index.ts) held against its fixtures: what a
 * contract says of a platform must be what its pages show. A new platform's folder is checked
 * here as soon as its line is in the registry.
 */
const fixtures = loadFixtures();
const name = (f: Fixture) => f.file.split('/tests/fixtures/').pop() ?? f.file;
/** Fixtures of the platforms' own pages: what an adapter reads. */
const pages = fixtures.filter((f) => f.kind !== 'frame' && platformOfUrl(f.url) !== null);

describe('the registry', () => {
  it('holds one contract per platform id, in the order of PLATFORM_IDS', () => {
    expect(Object.keys(REGISTRY)).toEqual([...PLATFORM_IDS]);
    expect(CONTRACTS.map((c) => c.id)).toEqual([...PLATFORM_IDS]);
    for (const id of PLATFORM_IDS) expect(REGISTRY[id].id).toBe(id);
  });

  it('has a contract for every folder of page fixtures', () => {
    for (const fixture of fixtures) expect(PLATFORM_IDS, name(fixture)).toContain(fixture.platform);
  });

  it('gives every host to one platform, as a page host or a task-frame host, never both', () => {
    const hosts = CONTRACTS.flatMap((c) => [...c.hosts, ...(c.taskFrameHosts ?? [])]);
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const host of hosts) expect(host).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
  });
});

describe.each(CONTRACTS.map((c) => [c.id, c] as const))('the %s contract', (id, contract) => {
  const own = fixtures.filter((f) => f.platform === id);
  const ownPages = pages.filter((f) => f.platform === id);

  it('has a fixture for every page kind it claims', () => {
    const kinds = new Set(ownPages.map((f) => f.kind));
    expect(kinds.size, `${id} has no fixture`).toBeGreaterThan(0);
    for (const kind of contract.claimedKinds) {
      // Every adapter falls back to "other"; a page of the platform at an address no adapter
      // knows stands in where no fixture of that kind exists.
      if (kind === 'other' && !kinds.has(kind)) continue;
      expect({ id, kind, found: kinds.has(kind) }).toEqual({ id, kind, found: true });
    }
    expect(contract.claimedKinds).toContain('other');
  });

  it('has its fixtures on its own hosts, or on a third-party site it links by the ids in the address', () => {
    for (const fixture of own) {
      const host = fixture.url.hostname;
      if (contract.hosts.includes(host)) continue;
      if (contract.taskFrameHosts?.includes(host)) {
        expect(fixture.kind, `${name(fixture)} on a task-frame host`).toBe('frame');
        continue;
      }
      // A requester's or researcher's own page: no platform claims its host.
      expect(CONTRACTS.some((c) => c.hosts.includes(host) || c.taskFrameHosts?.includes(host)), name(fixture)).toBe(false);
      expect(contract.linkIds, `${name(fixture)}: a third-party page of a platform that links none`).toBeDefined();
    }
  });

  it('links a tab by the ids its fixtures put in the address, and by nothing else', () => {
    for (const fixture of own.filter((f) => !contract.hosts.includes(f.url.hostname) && f.expect)) {
      const wanted = fixture.expect ?? {};
      const unit = (wanted.externalId ?? wanted.assignmentId) as string | undefined;
      // A preview's placeholder names no unit of work (docs/platforms.md#14-ids-in-addresses).
      const externalId = unit === 'ASSIGNMENT_ID_NOT_AVAILABLE' ? undefined : unit;
      const link = contract.linkIds?.(fixture.url) ?? {};
      expect({ file: name(fixture), ...link }).toEqual({ file: name(fixture), externalId, groupId: wanted.groupId });
    }
  });

  it('reads from every page only what its address agrees with', () => {
    for (const fixture of ownPages) {
      const info = readPageUnguarded(fixture.url, documentOf(fixture));
      if (!info) throw new Error(`${name(fixture)}: a platform page must be read`);
      expect({ file: name(fixture), agrees: pageAgreesWithUrl(info, id, fixture.url) }).toEqual({ file: name(fixture), agrees: true });
      const ids = contract.idsFromUrl(fixture.url);
      if (ids.externalId && info.task) expect(info.task.externalId, name(fixture)).toBe(ids.externalId);
    }
  });

  it('lets the DOM decide only kinds a fixture shows at such an address', () => {
    const seen = new Set(
      ownPages.map((f) => `${contract.idsFromUrl(f.url).kind} -> ${readPageUnguarded(f.url, documentOf(f))?.kind}`),
    );
    for (const [urlKind, kinds] of Object.entries(contract.domDecides ?? {})) {
      for (const kind of kinds ?? []) {
        expect(contract.claimedKinds).toContain(kind);
        expect(seen, `${id}: no fixture shows a ${urlKind} address read as ${kind}`).toContain(`${urlKind} -> ${kind}`);
      }
    }
  });

  it('has end-of-task controls only for the events it lists, and lists only events its fixtures use', () => {
    expect(contract.pageAction === undefined, 'actionEvents and pageAction come together').toBe(contract.actionEvents === undefined);
    const used = new Set<string>();
    for (const fixture of ownPages) {
      for (const el of documentOf(fixture).querySelectorAll('form, button, input[type="submit"]')) {
        for (const type of ['submit', 'click'] as const) {
          if (!contract.pageAction?.(fixture.url, type, el)) continue;
          used.add(type);
          expect(contract.actionEvents ?? []).toContain(type);
        }
      }
    }
    expect(new Set(contract.actionEvents ?? [])).toEqual(used);
  });

  it('maps its status words to task statuses, and knows every word its status pages show', () => {
    for (const status of Object.values(contract.statusWords ?? {})) expect(TASK_STATUSES).toContain(status);
    for (const word of Object.keys(contract.statusWords ?? {})) expect(word).toMatch(/^[a-z][a-z -]{0,31}$/);
    for (const fixture of ownPages) {
      for (const line of readPageUnguarded(fixture.url, documentOf(fixture))?.statuses ?? []) {
        expect({ file: name(fixture), state: line.state, status: statusFromPlatform(id, line.state) !== null }).toEqual({
          file: name(fixture),
          state: line.state,
          status: true,
        });
      }
    }
  });
});

describe('status words', () => {
  it('are the contract’s own keys only', () => {
    for (const id of PLATFORM_IDS) {
      for (const word of ['constructor', 'tostring', 'hasownproperty', '__proto__']) expect(statusFromPlatform(id, word)).toBeNull();
    }
  });
});
