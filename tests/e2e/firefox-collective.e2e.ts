import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIVE_HOST, COLLECTIVE_PRIVATE_HOST, startFixtureServer, type FixtureServer } from '../../demo/server';
import { generatedOffers } from '../../demo/generated-list';
import { contributedTaskSchema, contributionHeaderSchema } from '@/lib/share/contribution';
import type { FeedBody } from '@/lib/share/feed';
import { newKey, signedFile } from '../unit/share/test-keys';
import { clickElement, launchFirefox, poll, type Firefox } from './support/firefox';
import { artifactPath, FIREFOX_DIST } from './support/paths';
import { seedExpression } from './support/seed';

const offers = generatedOffers(3);
const FEED_URL = `https://${COLLECTIVE_HOST}/feed.json`;
const UPLOAD_URL = `https://${COLLECTIVE_HOST}/upload`;

/** Types into an input the way Preact hears it (an input event after the value changes). */
const fill = (selector: string, value: string) => `(() => {
  const input = document.querySelector(${JSON.stringify(selector)});
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(value)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
})()`;

/**
 * Firefox ESR, the main paths of a collective: subscribing to its feed (fetched by the background,
 * checked with WebCrypto's Ed25519) and sending a contribution to its address from the one button
 * that names it. The permission for that origin is asked for in the click (a real one, through
 * WebDriver BiDi input); this profile grants optional permissions without a prompt, which a test
 * cannot answer.
 */
describe('Firefox: a collective', () => {
  let server: FixtureServer;
  let ff: Firefox;
  let ext = '';

  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefox({ extensionDir: FIREFOX_DIST, proxyPort: server.proxyPort, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    ext = await ff.newTab();
    await ff.navigate(ext, ff.extensionUrl('popup.html'));
    await ff.waitFor(ext, `document.querySelector('h1')`);
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  /** A real click (a user gesture, as permissions.request needs) on the element `expression` gives. */
  const clickOn = (expression: string) => clickElement(ff, ext, expression);

  it('subscribes to a signed feed, then sends a contribution to the collective’s address', async () => {
    const key = await newKey();
    const body: FeedBody = {
      format: 'truerate-feed',
      formatVersion: 1,
      feed: 'turkers-united',
      name: 'Turkers United',
      version: 1,
      publishedAt: Date.UTC(2026, 10, 24),
      expiresAt: Date.now() + 14 * 86_400_000,
      keyId: key.id,
      nextKeyId: null,
      k: 10,
      groups: [{ platform: 'mturk', by: 'requester', id: offers[0]!.requesterId, currency: 'USD', tasks: 900, contributors: 52, rate: { median: 480, p25: 300, p75: 700, n: 880 }, ratio: null, rejectedShare: 0.1, returnedShare: 0 }],
    };
    server.collective.feed = await signedFile(body, key);
    const groups = offers.map(({ groupId, requesterId, requesterName }) => ({ groupId, requesterId, requesterName }));
    await ff.evaluate(ext, seedExpression({ count: 60, now: Date.now() - 3_600_000, days: 14, segments: false, mturkGroups: groups }));

    await ff.navigate(ext, ff.extensionUrl('options.html#sharing'));
    await ff.waitFor(ext, `document.querySelector('input[name="feed-url"]')`);
    await ff.evaluate(ext, fill('input[name="feed-url"]', FEED_URL));
    await ff.evaluate(ext, fill('input[name="feed-key"]', key.id));
    await ff.evaluate(ext, `document.querySelector('form.feed-add').requestSubmit()`);
    await ff.waitFor(ext, `document.querySelector('li.feed h3')?.textContent === 'Turkers United'`, 15_000);
    expect(await ff.evaluate<string>(ext, `document.querySelector('li.feed').textContent`)).toContain('version 1 · 1 figure');
    expect(await ff.evaluate<boolean>(ext, `document.querySelector('li.feed .feed-problem') === null`)).toBe(true);

    // The requester table shows the collective's figure beside the worker's own.
    await ff.navigate(ext, ff.extensionUrl('options.html#requesters'));
    await ff.waitFor(ext, `document.querySelector('td.collective[data-collective]')`, 15_000);
    const cell = await ff.evaluate<string>(ext, `document.querySelector('td.collective[data-collective]').textContent`);
    expect(cell).toContain('n = 900');
    expect(cell).toContain('52 workers');
    expect(cell).toContain('Turkers United');

    await ff.navigate(ext, ff.extensionUrl('options.html#sharing'));
    await ff.waitFor(ext, `document.querySelector('input[name="upload-url"]')`);

    // A second feed on a host that lets no other origin read it: the fetch fails, the dashboard
    // offers that origin's permission, and once it is given (a real click) the feed is read.
    const PRIVATE = `https://${COLLECTIVE_PRIVATE_HOST}/feed.json`;
    await ff.evaluate(ext, fill('input[name="feed-url"]', PRIVATE));
    await ff.evaluate(ext, fill('input[name="feed-key"]', key.id));
    await ff.evaluate(ext, `document.querySelector('form.feed-add').requestSubmit()`);
    const privateCard = `document.querySelector('li.feed[data-feed="${PRIVATE}"]')`;
    await ff.waitFor(ext, `${privateCard}?.querySelector('.feed-problem')?.dataset.reason === 'fetch-failed'`, 15_000);
    await ff.waitFor(ext, `[...${privateCard}.querySelectorAll('button')].some((b) => b.textContent === 'Allow TrueRate to read ${COLLECTIVE_PRIVATE_HOST}')`);
    await clickOn(`[...${privateCard}.querySelectorAll('button')].find((b) => b.textContent.startsWith('Allow'))`);
    await ff.waitFor(ext, `${privateCard}.querySelector('h3').textContent === 'Turkers United' && !${privateCard}.querySelector('.feed-problem')`, 15_000);
    await ff.screenshot(ext, artifactPath('firefox-collective-feeds.png'));
    // The upload's origin is not granted by that: it is asked for at its own button.
    expect(await ff.evaluate<boolean>(ext, `browser.permissions.contains({ origins: ['https://${COLLECTIVE_HOST}/*'] })`)).toBe(false);
    await ff.evaluate(ext, fill('input[name="collective"]', 'Turkers United'));
    await ff.evaluate(ext, fill('input[name="upload-url"]', UPLOAD_URL));
    await ff.waitFor(ext, `[...document.querySelectorAll('.sharing-upload button')].some((b) => b.textContent.startsWith('Send '))`);
    const label = await ff.evaluate<string>(ext, `document.querySelector('.sharing-upload button').textContent`);
    // The button says what it sends and where.
    expect(label).toMatch(new RegExp(`^Send \\d+ records to ${UPLOAD_URL.replace(/[.]/g, '\\.')}$`));
    const count = Number(await ff.evaluate<string>(ext, `document.querySelector('.sharing-count').dataset.count`));
    expect(server.collective.uploads).toEqual([]);

    await clickOn(`document.querySelector('.sharing-upload button')`);
    await poll('the contribution at the collective’s address', async () => (server.collective.uploads.length > 0 ? true : undefined), 15_000, 200);
    const lines = server.collective.uploads[0]!.trim().split('\n');
    contributionHeaderSchema.parse(JSON.parse(lines[0]!));
    expect(lines.slice(1).map((line) => contributedTaskSchema.parse(JSON.parse(line))).length).toBe(count);
    await ff.waitFor(ext, `document.querySelector('.sharing .notice')?.textContent.startsWith('Sent ')`, 10_000);
    await ff.screenshot(ext, artifactPath('firefox-collective-sent.png'));
  });
});
