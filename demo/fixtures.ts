import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Fixture pages carry their real URL, page kind and the date their structure was checked in a
 * first-line comment: <!-- fixture: {"url": …, "kind": …, "checked": …, "source": …} -->.
 * The same files feed the adapter unit tests, the real-browser tests and the demo.
 */
export interface Fixture {
  file: string;
  platform: string;
  url: URL;
  kind: string;
  checked: string;
  source: string;
  /** A named edge case ("key-element-removed", "sandbox", …), if any. */
  variant?: string;
  /** What an adapter should read from the page: task fields, or `offers` (a count) on lists. */
  expect?: Record<string, unknown>;
  html: string;
}

const HEADER = /^<!-- fixture: (\{.*?\}) -->/;

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'tests', 'fixtures');

export function parseFixture(file: string, platform: string, html: string): Fixture {
  const match = HEADER.exec(html);
  if (!match?.[1]) throw new Error(`${file}: no fixture header on its first line`);
  const meta = JSON.parse(match[1]) as Record<string, unknown>;
  for (const key of ['url', 'kind', 'checked', 'source']) {
    if (typeof meta[key] !== 'string') throw new Error(`${file}: fixture header lacks "${key}"`);
  }
  return {
    file,
    platform,
    url: new URL(meta.url as string),
    kind: meta.kind as string,
    checked: meta.checked as string,
    source: meta.source as string,
    ...(typeof meta.variant === 'string' ? { variant: meta.variant } : {}),
    ...(meta.expect && typeof meta.expect === 'object' ? { expect: meta.expect as Record<string, unknown> } : {}),
    html,
  };
}

export function loadFixtures(dir: string = FIXTURES_DIR): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const platform of readdirSync(dir, { withFileTypes: true })) {
    if (!platform.isDirectory()) continue;
    for (const entry of readdirSync(join(dir, platform.name))) {
      if (!entry.endsWith('.html')) continue;
      const file = join(dir, platform.name, entry);
      fixtures.push(parseFixture(file, platform.name, readFileSync(file, 'utf8')));
    }
  }
  return fixtures;
}
