import { loadFixtures, type Fixture } from '../../../demo/fixtures';

/**
 * A fixture's HTML, parsed inert (template content: its iframes and stylesheets are not fetched),
 * which is all an adapter reads.
 */
export function documentOf(fixture: Fixture): ParentNode {
  const template = document.createElement('template');
  template.innerHTML = fixture.html;
  return template.content;
}

export function fixturesOf(platform: string): Fixture[] {
  return loadFixtures().filter((f) => f.platform === platform);
}
