import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { findFixture } from '../../demo/server';

const fixtures = loadFixtures();
const name = (file: string) => file.split('/tests/fixtures/').pop() ?? file;

describe('the fixture server', () => {
  // Two states of a single-page app may share one address (Prolific's study errors): then the
  // address must at least give a fixture of that very address, not a neighbour's.
  it.each(fixtures.map((f) => [name(f.file), f] as const))('answers the address of %s with a page of that address', (_name, fixture) => {
    const served = findFixture(fixtures, fixture.url.hostname, fixture.url);
    expect(served?.url.href).toBe(fixture.url.href);
    if (fixtures.filter((f) => f.url.href === fixture.url.href).length === 1) expect(served?.file).toBe(fixture.file);
  });

});
