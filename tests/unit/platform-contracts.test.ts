import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtures, type Fixture } from '../../demo/fixtures';
import { PLATFORM_IDS } from '@/lib/model/platform-id';
import { TASK_STATUSES } from '@/lib/model/records';
import { pageAgreesWithUrl, platformOfUrl, readPageUnguarded } from '@/lib/platforms';
import { distinctAnchors } from '@/lib/platforms/offer-anchors';
import type { PageInfo } from '@/lib/platforms/page-info';
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

/**
 * Offer anchors (docs/platforms.md, each N.8): where the badges that show the worker's own history
 * go on a platform's page. Each is found by the offer's id, never by position.
 */
describe('offer anchors', () => {
  type Key = { groupId: string; externalId?: string };
  const keyOf = (k: Key) => `${k.groupId}/${k.externalId ?? ''}`;
  const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

  /**
   * The offers a page shows, as the keys their anchors must carry: what the reader read from a
   * list; the accepted tasks of a status page that names their group; the group in a preview's
   * address; the task on a RaterHub task page (RaterHub lists no offers).
   */
  function offersShown(fixture: Fixture, info: PageInfo): Key[] {
    if (info.offers) return info.offers.map((o) => ({ groupId: o.groupId }));
    if (info.kind === 'status') return (info.statuses ?? []).flatMap((l) => (l.groupId ? [{ groupId: l.groupId, externalId: l.externalId }] : []));
    const groupId = REGISTRY[info.platform].idsFromUrl(fixture.url).groupId;
    if (info.kind === 'preview' && groupId) return [{ groupId }];
    if (info.platform === 'raterhub' && info.kind === 'working' && info.task) return [{ groupId: info.task.externalId }];
    return [];
  }

  /** Pages that show an offer but nothing the facts know to place its badge at. */
  const NO_ANCHOR: Readonly<Record<string, string>> = {
    'prolific/study-error-full.html': 'a full study shows no start button, and cannot be taken',
    'prolific/study-paused.html': 'a paused study shows no start button, and cannot be taken',
  };
  /** Pages keyed by their address alone, whose anchor shows neither title nor id. */
  const BY_ADDRESS_AT: Readonly<Record<string, string>> = {
    'prolific/study-not-started.html': 'button[data-testid="start-now"]',
  };

  const read = (fixture: Fixture, doc: ParentNode) => {
    const info = readPageUnguarded(fixture.url, doc);
    if (!info) throw new Error(`${name(fixture)}: a platform page must be read`);
    return info;
  };
  const anchorsOf = (fixture: Fixture, doc: ParentNode) => REGISTRY[read(fixture, doc).platform].offerAnchors(fixture.url, doc);
  const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ');
  /** Whether the element or one inside it carries the id in an attribute (a link, a data-testid). */
  const carries = (el: Element, id: string) => [el, ...el.querySelectorAll('*')].some((e) => e.getAttributeNames().some((n) => e.getAttribute(n)?.includes(id)));
  const anchored = pages.filter((f) => anchorsOf(f, documentOf(f)).length > 0);

  it.each(pages.map((f) => [name(f), f] as const))('%s: one anchor per offer the page shows', (file, fixture) => {
    const doc = documentOf(fixture);
    const info = read(fixture, doc);
    const anchors = REGISTRY[info.platform].offerAnchors(fixture.url, doc);
    const wanted = NO_ANCHOR[file] ? [] : offersShown(fixture, info);
    expect(anchors.map(keyOf).sort()).toEqual(wanted.map(keyOf).sort());
    expect(new Set(anchors.map((a) => a.element)).size).toBe(anchors.length);
    const titles = new Map([...(info.offers ?? []), ...(info.task ? [{ ...info.task, groupId: info.task.externalId }] : [])].map((o) => [o.groupId, o.title]));
    const title = fixture.expect?.title as string | undefined;
    for (const anchor of anchors) {
      expect(doc.contains(anchor.element)).toBe(true);
      const shownTitle = titles.get(anchor.groupId) ?? (info.kind === 'preview' ? title : undefined);
      const id = anchor.externalId ?? anchor.groupId;
      // The element shows the offer: its title, else a link or attribute with its id, else (a
      // page known by its address alone) the one element the facts name there.
      if (shownTitle) expect(text(anchor.element), `${file} ${id}`).toContain(shownTitle);
      else if (BY_ADDRESS_AT[file]) expect(anchor.element.matches(BY_ADDRESS_AT[file])).toBe(true);
      else expect(carries(anchor.element, id), `${file} ${id}`).toBe(true);
      const requesterId = info.offers?.find((o) => o.groupId === anchor.groupId)?.requesterId ?? fixture.expect?.requesterId;
      if (anchor.requesterId !== undefined) expect(anchor.requesterId).toBe(requesterId);
    }
  });

  it('excuses only pages that show an offer and have no anchor for it', () => {
    for (const file of [...Object.keys(NO_ANCHOR), ...Object.keys(BY_ADDRESS_AT)]) {
      const fixture = pages.find((f) => name(f) === file);
      if (!fixture) throw new Error(`${file}: no such fixture`);
      const doc = documentOf(fixture);
      expect(offersShown(fixture, read(fixture, doc)), file).toHaveLength(1);
      expect(anchorsOf(fixture, doc).length, file).toBe(NO_ANCHOR[file] ? 0 : 1);
    }
  });

  it('are given by every platform whose fixtures show offers', () => {
    for (const contract of CONTRACTS) {
      const showing = pages.filter((f) => f.platform === contract.id && offersShown(f, read(f, documentOf(f))).length > 0);
      if (showing.length > 0) expect(anchored.some((f) => f.platform === contract.id), contract.id).toBe(true);
    }
  });

  /** Each anchor's row: its element, or the ancestor that is a child of the rows' common parent. */
  function rowsOf(elements: Element[]): { parent: Node; rows: Element[] } {
    const parent = elements.reduce<Node | null>((common, el) => {
      let node: Node | null = common ?? el.parentNode;
      while (node && !node.contains(el)) node = node.parentNode;
      return node;
    }, null);
    if (!parent) throw new Error('anchors with no common parent');
    const rows = elements.map((el) => {
      let row: Element = el;
      while (row.parentNode !== parent && row.parentElement) row = row.parentElement;
      return row;
    });
    return { parent, rows };
  }
  const lists = anchored.filter((f) => anchorsOf(f, documentOf(f)).length > 1);

  it.each(lists.map((f) => [name(f), f] as const))('%s: rows in another order keep each id at the row that shows it', (_file, fixture) => {
    expect(lists.length).toBeGreaterThanOrEqual(5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), (seed) => {
        const doc = documentOf(fixture);
        const before = new Map(anchorsOf(fixture, doc).map((a) => [keyOf(a), a.element]));
        const { parent, rows } = rowsOf([...before.values()]);
        const order = [...rows.keys()].sort((a, b) => ((a + 1) * seed) % 7 - ((b + 1) * seed) % 7 || b - a);
        for (const i of order) parent.appendChild(rows[i] as Element);
        const after = anchorsOf(fixture, doc);
        expect(new Map(after.map((a) => [keyOf(a), a.element]))).toEqual(before);
        for (const [key, element] of before) expect(after.find((a) => keyOf(a) === key)?.element).toBe(element);
      }),
      { numRuns: 20 },
    );
  });

  it.each(lists.filter((f) => f.platform === 'mturk').map((f) => [name(f), f] as const))(
    '%s: the props in another order change no anchor (no pairing by position)',
    (_file, fixture) => {
      const doc = documentOf(fixture);
      const before = anchorsOf(fixture, doc);
      const island = doc.querySelector('[data-react-class*="Table"]');
      const props = JSON.parse(island?.getAttribute('data-react-props') ?? '{}') as { bodyData: unknown[] };
      props.bodyData.reverse();
      island?.setAttribute('data-react-props', JSON.stringify(props));
      expect(read(fixture, doc).statuses?.[0] ?? read(fixture, doc).offers?.[0]).toBeDefined();
      expect(anchorsOf(fixture, doc)).toEqual(before);
    },
  );

  it.each(anchored.map((f) => [name(f), f] as const))('%s: with the anchored elements gone, none, and no throw', (_file, fixture) => {
    const doc = documentOf(fixture);
    for (const anchor of anchorsOf(fixture, doc)) anchor.element.remove();
    expect(anchorsOf(fixture, doc)).toEqual([]);
  });

  it.each(anchored.map((f) => [name(f), f] as const))('%s: a page changed at random never makes them throw or repeat', (_file, fixture) => {
    const contract = REGISTRY[fixture.platform as keyof typeof REGISTRY];
    fc.assert(
      fc.property(
        fc.array(fc.record({ pick: fc.nat(), remove: fc.boolean(), attr: fc.constantFrom('href', 'data-testid', 'class', 'value'), value: fc.string({ maxLength: 60 }) }), { minLength: 1, maxLength: 6 }),
        (changes) => {
          const doc = documentOf(fixture);
          for (const change of changes) {
            const all = [...doc.querySelectorAll('*')];
            const el = all[change.pick % Math.max(1, all.length)];
            if (!el) break;
            if (change.remove) el.remove();
            else el.setAttribute(change.attr, change.value);
          }
          const anchors = contract.offerAnchors(fixture.url, doc);
          expect(new Set(anchors.map((a) => a.element)).size).toBe(anchors.length);
          expect(new Set(anchors.map(keyOf)).size).toBe(anchors.length);
          for (const anchor of anchors) {
            expect(doc.contains(anchor.element)).toBe(true);
            for (const id of [anchor.groupId, anchor.externalId, anchor.requesterId]) if (id !== undefined) expect(id).toMatch(TOKEN);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('distinctAnchors', () => {
  const el = () => document.createElement('div');

  it('keeps the first element of an offer, and anchors nothing at an element showing two offers', () => {
    const [a, b, c] = [el(), el(), el()];
    const anchors = distinctAnchors([
      { groupId: 'G1', element: a },
      { groupId: 'G1', element: b },
      { groupId: 'G2', element: c },
      { groupId: 'G3', element: c },
      { groupId: 'G1', element: a },
    ]);
    expect(anchors).toEqual([{ groupId: 'G1', element: a }]);
  });

  it('keys a row of an accepted task by its unit of work', () => {
    const [a, b] = [el(), el()];
    const anchors = distinctAnchors([
      { groupId: 'G', externalId: 'A1', element: a },
      { groupId: 'G', externalId: 'A2', element: b },
    ]);
    expect(anchors.map((x) => x.externalId)).toEqual(['A1', 'A2']);
  });

  it('gives at most as many anchors as a page report holds offers', () => {
    const seen = Array.from({ length: 600 }, (_, i) => ({ groupId: `G${i}`, element: el() }));
    expect(distinctAnchors(seen)).toHaveLength(500);
  });
});
