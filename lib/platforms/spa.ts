import type { PlatformId } from '../model/platform-id';

/**
 * Platforms whose web app changes pages without a load (Vue/React routers: docs/platforms.md#2-prolific, §3).
 * Only there does the page reader follow history changes: on server-rendered sites (MTurk) a URL
 * changed by a page script is not a new page, and following it would let that script stage one.
 */
export const SINGLE_PAGE_APPS: ReadonlySet<PlatformId> = new Set(['prolific', 'toloka']);
