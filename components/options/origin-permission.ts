import { browser } from 'wxt/browser';

/** What a contribution sent to a collective holds, in Firefox's data-collection words (wxt.config.ts declares them). */
const SENT_DATA = ['financialAndPaymentInfo', 'websiteActivity'];

/** The optional host permission for one https origin: `https://collective.example/*`. */
export const originPattern = (url: string) => `${new URL(url).origin}/*`;

/**
 * Asks for one origin, from a button's click: permissions.request must run in the click itself
 * (a user gesture), before any await. Firefox also asks the worker to agree to the data a
 * contribution holds (its data-collection consent); Chrome has no such permission and would refuse
 * the request that names it. This is the one place where the two differ here.
 */
export function requestOrigin(url: string, sends: boolean): Promise<boolean> {
  const request: Record<string, string[]> = { origins: [originPattern(url)] };
  if (sends && import.meta.env.FIREFOX) request.data_collection = SENT_DATA;
  return browser.permissions.request(request as { origins: string[] }).catch(() => false);
}

export function hasOrigin(url: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(url)] }).catch(() => false);
}
