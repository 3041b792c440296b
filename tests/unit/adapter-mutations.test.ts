import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { readPage } from '@/lib/platforms';
import { pageInfoSchema } from '@/lib/platforms/page-info-schema';
import { documentOf } from './helpers/fixtures';

const pages = loadFixtures().filter((f) => f.kind !== 'frame');

type Mutation =
  | { op: 'remove'; pick: number }
  | { op: 'attr'; pick: number; value: string }
  | { op: 'text'; pick: number; value: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('attr' as const),
    pick: fc.nat(),
    value: fc.oneof(fc.string(), fc.json(), fc.constantFrom('{', 'null', '[]', '{"bodyData":[{}]}', '{"modalOptions":{"monetaryReward":{"amountInDollars":-1}}}')),
  }),
  fc.record({ op: fc.constant('text' as const), pick: fc.nat(), value: fc.string({ maxLength: 40 }) }),
);

/**
 * Pages are hostile and sites change: random removal or corruption of elements and attributes in
 * every fixture never makes an adapter throw, and never yields an invalid PageInfo.
 */
describe('adapters under mutation', () => {
  it.each(pages.map((f) => [f.file.split('/tests/fixtures/').pop(), f] as const))('%s', (_name, fixture) => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (mutations) => {
        const doc = documentOf(fixture);
        for (const m of mutations) {
          const all = [...doc.querySelectorAll('*')];
          const el = all[m.pick % Math.max(1, all.length)];
          if (!el) continue;
          if (m.op === 'remove') el.remove();
          else if (m.op === 'text') el.textContent = m.value;
          else {
            const names = el.getAttributeNames();
            const name = names.length > 0 ? names[m.pick % names.length] : 'data-react-props';
            el.setAttribute(name ?? 'data-react-props', m.value);
          }
        }
        const info = readPage(fixture.url, doc);
        if (info !== null) expect(pageInfoSchema.safeParse(info).success).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
