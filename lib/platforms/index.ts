import { appenIdsFromUrl, readAppenPage } from './appen';
import { clickworkerIdsFromUrl, readClickworkerPage } from './clickworker';
import { platformOfUrl } from './hosts';
import { type PlatformId } from '../model/platform-id';
import { mturkIdsFromUrl, readMturkPage } from './mturk';
import { prolificIdsFromUrl, readProlificPage } from './prolific';
import { raterhubIdsFromUrl, readRaterhubPage } from './raterhub';
import { readTolokaPage, tolokaIdsFromUrl } from './toloka';
import { readUhrsPage, uhrsIdsFromUrl } from './uhrs';
import type { PageInfo, PageKind, UrlIds } from './page-info';

/**
 * The page kinds each adapter claims to recognise. A page of a kind its adapter does not claim is
 * read as "other"; tests hold every adapter to a fixture of each kind it claims.
 */
export const CLAIMED_KINDS: Readonly<Record<PlatformId, readonly PageKind[]>> = {
  mturk: ['list', 'preview', 'working', 'submitted', 'status', 'other'],
  prolific: ['list', 'preview', 'working', 'submitted', 'returned', 'other'],
  toloka: ['list', 'working', 'other'],
  raterhub: ['list', 'working', 'submitted', 'other'],
  uhrs: ['working', 'other'],
  clickworker: ['list', 'working', 'other'],
  appen: ['list', 'working', 'other'],
  dataannotation: ['other'],
};

/**
 * Picks the adapter for a page. Never throws: a page that breaks an adapter is reported as
 * unreadable, so the worker is told instead of silently recording nothing.
 */
export function readPage(url: URL, doc: ParentNode): PageInfo | null {
  const platform = platformOfUrl(url);
  if (platform === null) return null;
  try {
    return readWithAdapter(platform, url, doc);
  } catch {
    return { platform, kind: 'other', missing: ['adapter-error'] };
  }
}

/**
 * `readPage` without its guard: an adapter's throw reaches the caller. For tests, which must see
 * a throw that `readPage` would turn into an "adapter-error" page.
 */
export function readPageUnguarded(url: URL, doc: ParentNode): PageInfo | null {
  const platform = platformOfUrl(url);
  return platform === null ? null : readWithAdapter(platform, url, doc);
}

function readWithAdapter(platform: PlatformId, url: URL, doc: ParentNode): PageInfo {
  switch (platform) {
    case 'mturk':
      return readMturkPage(url, doc);
    case 'prolific':
      return readProlificPage(url, doc);
    case 'toloka':
      return readTolokaPage(url, doc);
    case 'raterhub':
      return readRaterhubPage(url, doc);
    case 'uhrs':
      return readUhrsPage(url, doc);
    case 'clickworker':
      return readClickworkerPage(url, doc);
    case 'appen':
      return readAppenPage(url, doc);
    default:
      // A platform with no adapter (DataAnnotation: the public facts name no ids,
      // docs/platforms.md#8-dataannotation) is known as a platform, but nothing is read there.
      return { platform, kind: 'other', missing: [] };
  }
}

/** What the URL of a platform page says about the task it shows, without its document. */
export function idsFromUrl(platform: PlatformId, url: URL): UrlIds {
  switch (platform) {
    case 'mturk':
      return mturkIdsFromUrl(url);
    case 'prolific':
      return prolificIdsFromUrl(url);
    case 'toloka':
      return tolokaIdsFromUrl(url);
    case 'raterhub':
      return raterhubIdsFromUrl(url);
    case 'uhrs':
      return uhrsIdsFromUrl(url);
    case 'clickworker':
      return clickworkerIdsFromUrl(url);
    case 'appen':
      return appenIdsFromUrl(url);
    default:
      return { kind: 'other' };
  }
}

/**
 * A content script's report is believed only where the URL the browser gives as its sender agrees:
 * same platform, same page kind, same task. A page script cannot change `sender.url`.
 */
export function pageAgreesWithUrl(page: PageInfo, platform: PlatformId, url: URL): boolean {
  if (page.platform !== platform) return false;
  const ids = idsFromUrl(platform, url);
  // A list page shows the "submitted" alert after a submit; otherwise kinds must match.
  const kindAgrees =
    ids.kind === page.kind ||
    (ids.kind === 'list' && page.kind === 'submitted') ||
    (ids.kind === 'study' && (page.kind === 'preview' || page.kind === 'working' || page.kind === 'returned')) ||
    (ids.kind === 'task' && (page.kind === 'working' || page.kind === 'submitted'));
  if (!kindAgrees) return false;
  if (page.groupId !== undefined && page.groupId !== ids.groupId) return false;
  if (!page.task) return true;
  // A URL without the task's id (a Prolific study page) cannot contradict it.
  return (
    (ids.externalId === undefined || ids.externalId === page.task.externalId) &&
    (page.task.groupId === undefined || ids.groupId === page.task.groupId)
  );
}
