import { loadFixtures, type Fixture } from '../../../demo/fixtures';

/**
 * A fixture's HTML as an inert Document (no browsing context: its iframes and stylesheets are not
 * fetched), which is all an adapter reads.
 */
export function documentOf(fixture: Fixture): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = fixture.html.replace(/^<!-- fixture: .*? -->\s*<!doctype html>/i, '');
  return doc;
}

export function fixturesOf(platform: string): Fixture[] {
  return loadFixtures().filter((f) => f.platform === platform);
}
