/**
 * What a badge shows, as the background sends it: plain text, already in the worker's language,
 * so that the content script carries no rates, no translations and no formatting of its own
 * (lib/badges builds it). Type-only imports: nothing of lib/badges reaches the content script.
 */
import type { OfferBadge } from '../../badges/offer-badge';
import type { OfferDetail } from '../../badges/offer-detail';

export type BadgeTone = OfferBadge['tone'];
export type BadgeView = OfferBadge;
export type BadgeDetail = OfferDetail;
