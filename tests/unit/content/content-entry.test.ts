import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '@/lib/content/script-context';

const started = vi.hoisted(() => ({ activity: 0, reader: [] as string[] }));
vi.mock('@/lib/content/activity', () => ({ startActivity: () => void started.activity++ }));
vi.mock('@/lib/content/page-reader', () => ({ startPageReader: (_ctx: unknown, platform: string) => void started.reader.push(platform) }));

const { default: script } = await import('@/entrypoints/content');

const trusted = (type: string) => {
  const event = new Event(type);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};
const setReadyState = (state: DocumentReadyState) => Object.defineProperty(document, 'readyState', { value: state, configurable: true });

beforeEach(() => {
  vi.useFakeTimers();
  // happy-dom has no idle callbacks: one a tick later, as an idle page would run it.
  vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 1));
  vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id));
  started.activity = 0;
  started.reader = [];
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete (document as { readyState?: unknown }).readyState;
});

const run = (url: string) => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const ctx = new ContentScriptContext('content');
  void script.main(ctx as never);
  return ctx;
};

describe('the content script (entrypoints/content.ts)', () => {
  it('starts the sensor at once and the page reader once the page is idle, in the top frame of a platform page', () => {
    setReadyState('complete');
    run('https://worker.mturk.com/projects');
    expect(started.activity).toBe(1);
    expect(started.reader).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(started.reader).toEqual(['mturk']);
  });

  it('waits for the browser DOMContentLoaded while the page loads; one a page script dispatches does not start it', () => {
    setReadyState('loading');
    run('https://app.prolific.com/studies');
    vi.advanceTimersByTime(1000);
    document.dispatchEvent(new Event('DOMContentLoaded')); // a page script's
    vi.advanceTimersByTime(1000);
    expect(started.reader).toEqual([]);
    document.dispatchEvent(trusted('DOMContentLoaded'));
    document.dispatchEvent(trusted('DOMContentLoaded'));
    vi.advanceTimersByTime(5);
    expect(started.reader).toEqual(['prolific']);
  });

  it('reads no task frame host and no other host: the sensor alone runs there', () => {
    setReadyState('complete');
    run('https://www.mturkcontent.com/dynamic/hit?assignmentId=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    vi.advanceTimersByTime(1000);
    expect(started.activity).toBe(1);
    expect(started.reader).toEqual([]);
  });

  it('starts no reader once its context is over (the extension reloaded before the page was idle)', () => {
    setReadyState('complete');
    const ctx = run('https://worker.mturk.com/projects');
    ctx.notifyInvalidated();
    vi.advanceTimersByTime(1000);
    expect(started.reader).toEqual([]);
  });
});
