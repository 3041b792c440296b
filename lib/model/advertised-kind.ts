/**
 * `estimate`: the platform's or requester's estimate of the work (Prolific, a "~5 min" title).
 * `allotted`: a deadline (MTurk's time allotted), never used as an estimate.
 * `aet`: RaterHub's average estimated time.
 */
export const ADVERTISED_KINDS = ['estimate', 'allotted', 'aet'] as const;
export type AdvertisedKind = (typeof ADVERTISED_KINDS)[number];
