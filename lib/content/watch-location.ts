import type { ScriptContext } from './script-context';

/**
 * Calls `onChange` when the page's address may have changed without a load (a single-page app's
 * router). It believes browser-made events only and dispatches nothing: WXT's own location
 * watcher re-announces each change as an event on `window`, which the page can see and forge.
 * - The Navigation API's `currententrychange` fires after pushState, replaceState, back and
 *   forward, once the address has changed (`navigate` fires before the change, too early to read).
 * - `popstate` covers back and forward where the Navigation API is missing (Firefox ESR 140); a
 *   pushState there is followed by the app re-rendering, which the page reader's DOM re-read sees.
 */
export function watchLocation(ctx: Pick<ScriptContext, 'addEventListener'>, win: Window, onChange: () => void): void {
  const trusted = (event: Event) => {
    if (event.isTrusted) onChange();
  };
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') ctx.addEventListener(navigation, 'currententrychange', trusted);
  ctx.addEventListener(win, 'popstate', trusted);
}
