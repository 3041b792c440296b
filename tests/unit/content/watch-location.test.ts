import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '@/lib/content/script-context';
import { watchLocation } from '@/lib/content/watch-location';

const trusted = (type: string) => {
  const event = new Event(type);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};

let ctx: ContentScriptContext;
afterEach(() => {
  ctx.notifyInvalidated();
  delete (window as { navigation?: EventTarget }).navigation;
  vi.restoreAllMocks();
});

describe('location watcher of single-page apps', () => {
  it('follows the Navigation API and popstate, browser-made events only, and dispatches nothing', () => {
    const navigation = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    ctx = new ContentScriptContext('page-reader');
    const changed = vi.fn();
    watchLocation(ctx, window, changed);
    onWindow.mockClear();

    navigation.dispatchEvent(new Event('currententrychange'));
    window.dispatchEvent(new Event('popstate'));
    expect(changed).not.toHaveBeenCalled();

    navigation.dispatchEvent(trusted('currententrychange'));
    window.dispatchEvent(trusted('popstate'));
    expect(changed).toHaveBeenCalledTimes(2);
    // Only the test's own dispatches above: the watcher re-announces nothing.
    expect(onWindow).toHaveBeenCalledTimes(2);

    ctx.notifyInvalidated();
    navigation.dispatchEvent(trusted('currententrychange'));
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('falls back to popstate where the Navigation API is missing (Firefox ESR)', () => {
    ctx = new ContentScriptContext('page-reader');
    const changed = vi.fn();
    watchLocation(ctx, window, changed);
    window.dispatchEvent(trusted('popstate'));
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
