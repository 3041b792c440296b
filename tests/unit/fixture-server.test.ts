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

  it('tells two HITs’ frames apart by their ids, at the same /dynamic/hit address', () => {
    const frame = (query: string) =>
      name(findFixture(fixtures, 'www.mturkcontent.com', new URL(`https://www.mturkcontent.com/dynamic/hit?${query}`))?.file ?? '');
    const accepted = '&workerId=A1DEMOWORKER42&turkSubmitTo=https%3A%2F%2Fwww.mturk.com';
    expect(frame(`assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R`)).toBe('mturk/frame-preview-receipt.html');
    expect(frame(`assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=3IS0J8HT9LGMXG9EDN581U33XTPLPF`)).toBe('mturk/frame-preview-receipt-total.html');
    expect(frame(`assignmentId=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P&hitId=3VW0LJ5NQ8T2XA4C7E9G1I3K5M7O9R${accepted}`)).toBe('mturk/frame-dynamic-hit.html');
    expect(frame(`assignmentId=3T75V2SEH60KVJ50CE9UVW53EFR4ED&hitId=3IS0J8HT9LGMXG9EDN581U33XTPLPF${accepted}`)).toBe('mturk/frame-receipt-total.html');
  });
});
