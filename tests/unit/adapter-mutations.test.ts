import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { CLAIMED_KINDS, readPageUnguarded } from '@/lib/platforms';
import { platformOfUrl } from '@/lib/platforms';
import { pageInfoSchema } from '@/lib/platforms/page-info-schema';
import { documentOf, fixturesOf } from './helpers/fixtures';

// Frames and third-party pages (a survey tab) have no page adapter to hold to anything.
const pages = loadFixtures().filter((f) => f.kind !== 'frame' && platformOfUrl(f.url) !== null);

type Mutation =
  | { op: 'remove'; pick: number }
  | { op: 'attr'; pick: number; value: string }
  | { op: 'text'; pick: number; value: string }
  | { op: 'json'; pick: number; node: number; drop: boolean; value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('attr' as const),
    pick: fc.nat(),
    value: fc.oneof(fc.string(), fc.json(), fc.constantFrom('{', 'null', '[]', '{"bodyData":[{}]}', '{"modalOptions":{"monetaryReward":{"amountInDollars":-1}}}')),
  }),
  fc.record({ op: fc.constant('text' as const), pick: fc.nat(), value: fc.string({ maxLength: 40 }) }),
  // Inside the JSON an attribute carries (MTurk's React props, Appen's task rows): a key or item
  // dropped or given a value of another type, which keeps the JSON valid and reaches the parser.
  fc.record({
    op: fc.constant('json' as const),
    pick: fc.nat(),
    node: fc.nat(),
    drop: fc.boolean(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1e308, '', ' ', 'lots', null, [], {})),
  }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function parsedObject(raw: string | null): Json[] | Record<string, Json> | undefined {
  if (!raw || !/^\s*[[{]/.test(raw)) return undefined;
  try {
    const value = JSON.parse(raw) as Json;
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Every key or item below the root, depth first. */
function pathsIn(value: Json, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((x, i) => [i, x]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...at, key], ...pathsIn(child, [...at, key])]);
}

/** The JSON with the node at `path` dropped or replaced; `root` is changed in place. */
function changedAt(root: Json[] | Record<string, Json>, path: Path, drop: boolean, value: Json): string {
  const before = JSON.stringify(root);
  let parent: Json = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json> & Json[];
  const remove = () => (Array.isArray(container) ? container.splice(last as number, 1) : delete container[last]);
  if (drop) remove();
  else container[last] = value;
  // Replacing a value by itself is no change: drop it instead.
  if (JSON.stringify(root) === before) remove();
  return JSON.stringify(root);
}

/** A value other than `current`, so that setting it is a change. */
const otherThan = (current: string | null, value: string) => (value === current ? `${value}x` : value);

/**
 * Applies one mutation and checks that it changed the document: a run whose mutations leave the
 * page as it was would pass without testing anything.
 */
function mutate(doc: ParentNode, m: Mutation): void {
  const all = [...doc.querySelectorAll('*')];
  const holders = all.flatMap((el) =>
    el.getAttributeNames().flatMap((name) => {
      const json = parsedObject(el.getAttribute(name));
      return json && pathsIn(json).length > 0 ? [{ el, name, json }] : [];
    }),
  );
  const holder = holders[m.pick % Math.max(1, holders.length)];
  if (m.op === 'json' && holder) {
    const paths = pathsIn(holder.json);
    const path = paths[m.node % paths.length] as Path;
    const before = holder.el.getAttribute(holder.name);
    holder.el.setAttribute(holder.name, changedAt(holder.json, path, m.drop, m.value as Json));
    expect(holder.el.getAttribute(holder.name)).not.toBe(before);
    return;
  }
  const el = all[m.pick % all.length];
  if (!el) throw new Error('a fixture with no elements left cannot be mutated');
  // A page with no JSON attribute (left) gets an element removed instead.
  if (m.op === 'remove' || m.op === 'json') {
    el.remove();
    expect(doc.contains(el)).toBe(false);
  } else if (m.op === 'text') {
    const value = otherThan(el.textContent, m.value);
    el.textContent = value;
    expect(el.textContent).toBe(value);
  } else {
    const names = el.getAttributeNames();
    const name = names[m.pick % Math.max(1, names.length)] ?? 'data-react-props';
    const value = otherThan(el.getAttribute(name), m.value);
    el.setAttribute(name, value);
    expect(el.getAttribute(name)).toBe(value);
  }
}

/**
 * Pages are hostile and sites change: random removal or corruption of elements and attributes in
 * every fixture never makes an adapter throw, and never yields an invalid PageInfo or a page kind
 * its adapter does not claim. The adapter is called without `readPage`'s catch, so a throw fails.
 */
describe('adapters under mutation', () => {
  it.each(pages.map((f) => [f.file.split('/tests/fixtures/').pop(), f] as const))('%s', (_name, fixture) => {
    const platform = platformOfUrl(fixture.url);
    if (platform === null) throw new Error('only platform pages are mutated');
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (mutations) => {
        const doc = documentOf(fixture);
        let applied = 0;
        // Removals can empty a small page; a mutation needs an element to work on.
        for (const m of mutations) {
          if (!doc.querySelector('*')) break;
          mutate(doc, m);
          applied++;
        }
        expect(applied).toBeGreaterThan(0);
        const info = readPageUnguarded(fixture.url, doc);
        expect(info?.platform).toBe(platform);
        const issues = pageInfoSchema.safeParse(info).error?.issues ?? [];
        expect(issues).toEqual([]);
        expect(CLAIMED_KINDS[platform]).toContain(info?.kind);
      }),
      { numRuns: 60 },
    );
  });
});

describe('MTurk leaves a junk assignment duration unread rather than have the whole page refused', () => {
  const page = (name: string) => {
    const fixture = fixturesOf('mturk').find((f) => f.file.endsWith(name));
    if (!fixture) throw new Error(`no fixture ${name}`);
    return { fixture, doc: documentOf(fixture) };
  };
  const setProps = (doc: ParentNode, component: string, change: (props: Record<string, unknown>) => void) => {
    const el = doc.querySelector(`[data-react-class*="${component}"]`);
    const props = JSON.parse(el?.getAttribute('data-react-props') ?? 'null') as Record<string, unknown>;
    change(props);
    el?.setAttribute('data-react-props', JSON.stringify(props));
  };

  it('a working page with a 1e308 s assignment reads as a valid page, with no deadline', () => {
    const { fixture, doc } = page('working-html-question.html');
    setProps(doc, 'ShowModal', (props) => {
      (props.modalOptions as Record<string, unknown>).assignmentDurationInSeconds = 1e308;
    });
    const info = readPageUnguarded(fixture.url, doc);
    expect(pageInfoSchema.safeParse(info).success).toBe(true);
    expect(info?.task).toBeDefined();
    expect(info?.task?.allottedSeconds).toBeUndefined();
  });

  it('a list row with a 0.2 s assignment reads as a valid page, with no deadline', () => {
    const { fixture, doc } = page('list-projects.html');
    setProps(doc, 'HitSetTable', (props) => {
      ((props.bodyData as Record<string, unknown>[])[0] as Record<string, unknown>).assignment_duration_in_seconds = 0.2;
    });
    const info = readPageUnguarded(fixture.url, doc);
    expect(pageInfoSchema.safeParse(info).success).toBe(true);
    expect(info?.offers?.[0]?.allottedSeconds).toBeUndefined();
    expect(info?.offers?.[1]?.allottedSeconds).toBeGreaterThan(0);
  });
});
