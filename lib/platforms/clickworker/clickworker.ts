import type { OfferAnchor } from '../contract';
import { anchorsBy, idIn } from '../offer-anchors';
import type { Offer, PageInfo, UrlIds } from '../page-info';

/**
 * Clickworker (docs/platforms.md#5-clickworker, L: from 2025-26 automation scripts). Only the URLs are
 * facts: the job list and /jobs/{JOB_ID}/edit. A job's unit of work is not in the page facts, so
 * a job page is recognised but no task is made from it: the popup points to the manual timer.
 */
const LIST = /^\/en\/(?:workplace\/jobs|job_offers)\/?$/;
const JOB = /^\/en\/workplace\/jobs\/(\d{1,12})\/edit\/?$/;
/** A job link of the list (docs/platforms.md#53-what-the-pages-show, L). */
const JOB_LINK = /\/jobs\/(\d{1,12})(?:\/|$)/;

export function clickworkerIdsFromUrl(url: URL): UrlIds {
  if (LIST.test(url.pathname)) return { kind: 'list' };
  return JOB.test(url.pathname) ? { kind: 'working' } : { kind: 'other' };
}

export function readClickworkerPage(url: URL, doc: ParentNode): PageInfo {
  const { kind } = clickworkerIdsFromUrl(url);
  if (kind === 'list') {
    const ids = [...doc.querySelectorAll('a[href*="/jobs/"]')]
      .map((a) => JOB_LINK.exec(a.getAttribute('href') ?? '')?.[1])
      .filter((id): id is string => id !== undefined);
    const offers: Offer[] = [...new Set(ids)].slice(0, 500).map((groupId) => ({ groupId }));
    return { platform: 'clickworker', kind: 'list', offers, missing: [] };
  }
  if (kind === 'working') return { platform: 'clickworker', kind: 'working', missing: ['task id'] };
  return { platform: 'clickworker', kind: 'other', missing: [] };
}

/**
 * Where badges go (docs/platforms.md#58-offer-lists): each job link of the list, by the job id in
 * its address. The cards around the links are not known, so the link itself is the anchor.
 */
export function clickworkerOfferAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  if (clickworkerIdsFromUrl(url).kind !== 'list') return [];
  return anchorsBy(doc, 'a[href*="/jobs/"]', (link) => idIn(JOB_LINK.exec(link.getAttribute('href') ?? '')?.[1]));
}
