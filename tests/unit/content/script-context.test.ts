import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from '@/lib/content/script-context';
import { sendMessage } from '@/lib/content/send-message';

const trusted = (type: string) => {
  const event = new Event(type);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};

const extensionId = fakeBrowser.runtime.id;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  // fakeBrowser.reset() does not bring runtime.id back.
  (fakeBrowser.runtime as { id?: string }).id = extensionId;
});

describe('content script context', () => {
  it('stops every timer and listener it set when it is invalidated', () => {
    const ctx = new ContentScriptContext('activity');
    const seen: string[] = [];
    ctx.setTimeout(() => seen.push('timeout'), 1000);
    ctx.setInterval(() => seen.push('interval'), 1000);
    ctx.addEventListener(document, 'keydown', () => seen.push('keydown'));
    const onInvalidated = vi.fn();
    ctx.onInvalidated(onInvalidated);

    document.dispatchEvent(trusted('keydown'));
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['keydown', 'timeout', 'interval']);

    ctx.notifyInvalidated();
    seen.length = 0;
    document.dispatchEvent(trusted('keydown'));
    ctx.setTimeout(() => seen.push('late timeout'), 10);
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
    expect(ctx.isValid).toBe(false);
    expect(onInvalidated).toHaveBeenCalledTimes(1);
  });

  it('ends itself once the extension is gone (runtime.id undefined after a reload or update)', () => {
    const ctx = new ContentScriptContext('activity');
    const ticks = vi.fn();
    const keys = vi.fn();
    ctx.setInterval(ticks, 1000);
    ctx.addEventListener(document, 'keydown', keys);
    vi.advanceTimersByTime(1000);
    expect(ticks).toHaveBeenCalledTimes(1);

    (fakeBrowser.runtime as { id?: string }).id = undefined;
    vi.advanceTimersByTime(3000); // the next tick notices, and the interval is cleared
    expect(ticks).toHaveBeenCalledTimes(1);
    expect(ctx.isValid).toBe(false);
    document.dispatchEvent(trusted('keydown'));
    expect(keys).not.toHaveBeenCalled();
  });

  it('ends itself when a message fails with "Extension context invalidated"', async () => {
    const ctx = new ContentScriptContext('page-reader');
    const keys = vi.fn();
    ctx.addEventListener(document, 'keydown', keys);
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');

    send.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(sendMessage(ctx, { type: 'task/frame-submit', assignmentId: '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P' })).rejects.toThrow();
    expect(ctx.isValid).toBe(true); // a background restarting is not the end

    send.mockRejectedValueOnce(new Error('Extension context invalidated.'));
    await expect(sendMessage(ctx, { type: 'task/frame-submit', assignmentId: '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P' })).rejects.toThrow();
    expect(ctx.isValid).toBe(false);
    document.dispatchEvent(trusted('keydown'));
    expect(keys).not.toHaveBeenCalled();
    // Nothing more is sent from a dead context.
    await expect(sendMessage(ctx, { type: 'task/frame-submit', assignmentId: '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P' })).rejects.toThrow();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('posts nothing to the page and dispatches nothing into it', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    const seen = vi.fn();
    window.addEventListener('message', seen);

    const ctx = new ContentScriptContext('activity', { matches: ['https://worker.mturk.com/*'] });
    ctx.addEventListener(window, 'popstate', () => undefined);
    ctx.setTimeout(() => undefined, 10);
    ctx.setInterval(() => undefined, 10);
    vi.advanceTimersByTime(100);
    ctx.notifyInvalidated();
    vi.advanceTimersByTime(100);

    expect(posted).not.toHaveBeenCalled();
    expect(onDocument).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
    expect(seen).not.toHaveBeenCalled();
    window.removeEventListener('message', seen);
  });

  it('is not stopped by a page announcing "another copy" of the script', () => {
    const ctx = new ContentScriptContext('activity');
    const keys = vi.fn();
    ctx.addEventListener(document, 'keydown', keys);
    // The names a page would use, and the one WXT's own context listens to under vitest (its
    // ENTRYPOINT is not defined here), so that this test does fail with WXT's context.
    for (const name of ['activity', 'page-reader']) {
      for (const entry of [name, String(import.meta.env.ENTRYPOINT)]) {
        const started = `${fakeBrowser.runtime.id}:${entry}:wxt:content-script-started`;
        const detail = { contentScriptName: name, messageId: 'x' };
        document.dispatchEvent(new CustomEvent(started, { detail }));
        window.dispatchEvent(new CustomEvent(started, { detail }));
        window.postMessage({ type: started, ...detail }, '*');
      }
    }
    vi.advanceTimersByTime(100);
    expect(ctx.isValid).toBe(true);
    document.dispatchEvent(trusted('keydown'));
    expect(keys).toHaveBeenCalledTimes(1);
  });

  it('forgets the abort hook of a timeout that has run', () => {
    const ctx = new ContentScriptContext('activity');
    const added = vi.spyOn(ctx.signal, 'addEventListener');
    const removed = vi.spyOn(ctx.signal, 'removeEventListener');
    for (let i = 0; i < 100; i++) ctx.setTimeout(() => undefined, 10);
    vi.advanceTimersByTime(20);
    expect(added).toHaveBeenCalledTimes(100);
    expect(removed).toHaveBeenCalledTimes(100);
  });
});
