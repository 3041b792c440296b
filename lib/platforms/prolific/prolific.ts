import { decimalToMinor, type Money } from '../../model/money';
import { textOf } from '../dom-text';
import type { AdvertisedTime, Offer, PageInfo, TaskIdentity, UrlIds } from '../page-info';
import type { LinkIds, OfferAnchor } from '../contract';
import { anchorsBy, idIn } from '../offer-anchors';
import { idParam, parseUrl } from '../url-params';

/**
 * Prolific's participant app (Vue). Facts and confidence marks: docs/platforms.md#2-prolific: the
 * study list's data-testids (H, Jan-2025 to Mar-2026), the study page's start/finished buttons
 * (M), the completion URL with cc= (H), the survey URL's PROLIFIC_PID/STUDY_ID/SESSION_ID (H).
 * The study page shows no reward or time a parser may rely on; those come from the list.
 */
const STUDY_PATH = /^\/studies\/([0-9a-f]{24})\/?$/;
const LIST_PATH = /^\/(?:studies\/?)?$/;
const COMPLETE_PATH = /^\/submissions\/complete\/?$/;
const HEX24 = /^[0-9a-f]{24}$/;
// Older list markup (<= Jan-2025): section.available-studies-section (docs/platforms.md#23-what-the-pages-show).
const LIST = '[data-testid="studies-list"], section.available-studies-section';
const CARD = 'li[data-testid^="study-"]';

/**
 * The survey's address gets PROLIFIC_PID, STUDY_ID and SESSION_ID (docs/platforms.md#24-ids-in-addresses,
 * H; researchers may rename them). The participant's id is never read.
 */
export function prolificLinkIds(url: URL): LinkIds {
  const externalId = idParam(url, 'SESSION_ID');
  const groupId = idParam(url, 'STUDY_ID');
  return { ...(externalId ? { externalId } : {}), ...(groupId ? { groupId } : {}) };
}

export function prolificIdsFromUrl(url: URL): UrlIds {
  if (LIST_PATH.test(url.pathname)) return { kind: 'list' };
  if (COMPLETE_PATH.test(url.pathname)) return { kind: 'submitted' };
  const study = STUDY_PATH.exec(url.pathname);
  // Whether a study page shows a study not started (preview) or reserved (working) is in its DOM.
  if (study) return { kind: 'study', groupId: study[1] };
  return { kind: 'other' };
}

const CURRENCY_BY_SYMBOL: Readonly<Record<string, string>> = { '£': 'GBP', $: 'USD', '€': 'EUR' };

/** "£1.50", "$2.00": the symbol is the only currency signal on the card (docs/platforms.md#2-prolific, H). */
export function parseReward(text: string | null | undefined): Money | undefined {
  const match = /([£$€])\s*(\d+(?:[.,]\d{1,2})?)/.exec(text ?? '');
  const currency = match?.[1] ? CURRENCY_BY_SYMBOL[match[1]] : undefined;
  if (!match?.[2] || !currency) return undefined;
  const amountMinor = decimalToMinor(match[2], currency);
  return amountMinor === null ? undefined : { amountMinor, currency };
}

/** "10 mins", "1 h 5 mins", "45 min", "2 hours": Prolific's estimated completion time. */
export function parseCompletionTime(text: string | null | undefined): AdvertisedTime | undefined {
  const t = (text ?? '').toLowerCase();
  const hours = /(\d+)\s*(?:h|hr|hrs|hour|hours)\b/.exec(t);
  const minutes = /(\d+)\s*(?:m|min|mins|minute|minutes)\b/.exec(t);
  if (!hours && !minutes) return undefined;
  const seconds = Number(hours?.[1] ?? 0) * 3600 + Number(minutes?.[1] ?? 0) * 60;
  return seconds > 0 ? { seconds, kind: 'estimate' } : undefined;
}


/** A card's study, from its own data-testid (docs/platforms.md#23-what-the-pages-show, H). */
function studyOf(card: Element): string | undefined {
  const id = card.getAttribute('data-testid')?.replace(/^study-/, '');
  return id && HEX24.test(id) ? id : undefined;
}

function offerFromCard(card: Element): Offer | null {
  const groupId = studyOf(card);
  if (!groupId) return null;
  const offer: Offer = { groupId };
  const title = textOf(card, '[data-testid="title"]');
  // "By Dr Ada Example": tools drop the first word (docs/platforms.md#2-prolific).
  const host = textOf(card, '[data-testid="host"]')?.replace(/^\S+\s+/, '');
  const reward = parseReward(textOf(card, '[data-testid="study-tag-reward"]'));
  const advertised = parseCompletionTime(textOf(card, '[data-testid="study-tag-completion-time"]'));
  if (title) offer.title = title.slice(0, 500);
  if (host) offer.requesterName = host.slice(0, 200);
  if (reward) offer.reward = reward;
  if (advertised) offer.advertised = advertised;
  return offer;
}

export function readProlificPage(url: URL, doc: ParentNode): PageInfo {
  const ids = prolificIdsFromUrl(url);
  if (ids.kind === 'list') {
    const list = doc.querySelector(LIST);
    const cards = list ? [...list.querySelectorAll(CARD)].slice(0, 500) : [];
    const offers = cards.map(offerFromCard).filter((o): o is Offer => o !== null);
    return { platform: 'prolific', kind: 'list', offers, missing: list ? [] : ['studies-list'] };
  }
  if (ids.kind === 'submitted') {
    // Codes are short uppercase alphanumerics; many start with C, which is not relied on (docs/platforms.md#2-prolific, M).
    const code = url.searchParams.get('cc');
    return code && /^[A-Za-z0-9]{4,32}$/.test(code)
      ? { platform: 'prolific', kind: 'submitted', completionCode: code, missing: [] }
      : { platform: 'prolific', kind: 'submitted', missing: ['cc'] };
  }
  if (ids.kind !== 'study' || !ids.groupId) return { platform: 'prolific', kind: 'other', missing: [] };

  // docs/platforms.md#2-prolific (M): errors show in .error or [role=alert]; "already returned this
  // submission" means the worker's submission to this study is returned.
  const alerts = [...doc.querySelectorAll('.error, [role="alert"]')].map((el) => el.textContent ?? '');
  if (alerts.some((text) => /already returned this submission/i.test(text))) {
    return { platform: 'prolific', kind: 'returned', groupId: ids.groupId, missing: [] };
  }
  const reserved = doc.querySelector('button[data-testid="finished-button"]') !== null;
  if (!reserved) return { platform: 'prolific', kind: 'preview', missing: [] };
  // The submission id (SESSION_ID) is the unit of work; the study's survey link carries it.
  const links = [...doc.querySelectorAll('a[href*="SESSION_ID="]')].flatMap((a) => parseUrl(a.getAttribute('href') ?? '') ?? []);
  const session = links.map(prolificLinkIds).find((x) => x.groupId === ids.groupId && x.externalId);
  if (!session?.externalId) return { platform: 'prolific', kind: 'working', missing: ['SESSION_ID'] };
  // Title, reward and time are not readable here (facts: none); the offer seen on the list fills them.
  const task: TaskIdentity = { externalId: session.externalId, groupId: ids.groupId };
  return { platform: 'prolific', kind: 'working', task, missing: [] };
}

/**
 * Where badges go (docs/platforms.md#28-offer-lists): on the list, each card, by the study id in
 * its own data-testid [H]; on a study page not started, its start button [M], by the study id in
 * the address (the facts give nothing else on that page).
 */
export function prolificOfferAnchors(url: URL, doc: ParentNode): OfferAnchor[] {
  const ids = prolificIdsFromUrl(url);
  if (ids.kind === 'list') {
    const list = doc.querySelector(LIST);
    return list ? anchorsBy(list, CARD, (card) => idIn(studyOf(card))) : [];
  }
  if (ids.kind !== 'study' || !ids.groupId) return [];
  const start = doc.querySelector('button[data-testid="start-now"]');
  return start ? [{ groupId: ids.groupId, element: start }] : [];
}
