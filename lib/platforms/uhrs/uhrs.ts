import type { PageInfo, UrlIds } from '../page-info';

/**
 * UHRS (docs/platforms.md#6-uhrs, M for the URLs): the judging page carries the HitApp in
 * `hitappid`; a single HIT's id and price are not in the facts, so no task is made from it.
 */
const JUDGE = /^\/judge\/Views\/judge\/?$/i;

export function uhrsIdsFromUrl(url: URL): UrlIds {
  const judging = JUDGE.test(url.pathname) && /^\d{1,12}$/.test(url.searchParams.get('hitappid') ?? '');
  return { kind: judging ? 'working' : 'other' };
}

export function readUhrsPage(url: URL, _doc: ParentNode): PageInfo {
  return uhrsIdsFromUrl(url).kind === 'working'
    ? { platform: 'uhrs', kind: 'working', missing: ['task id'] }
    : { platform: 'uhrs', kind: 'other', missing: [] };
}
