import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '@/lib/content/script-context';

const started = vi.hoisted(() => ({ activity: 0, reader: [] as string[] }));
vi.mock('@/lib/content/activity', () => ({ startActivity: () => void started.activity++ }));
vi.mock('@/lib/content/page-reader', () => ({ startPageReader: (_ctx: unknown, platform: string) => void started.reader.push(platform) }));

const { default: activity } = await import('@/entrypoints/activity.content');
const { default: reader } = await import('@/entrypoints/page-reader.content');

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
});

const at = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const run = (script: typeof activity | typeof reader, name: string) => {
  const ctx = new ContentScriptContext(name);
  void script.main(ctx as never);
  return ctx;
};

describe('the content scripts (entrypoints/*.content.ts)', () => {
  it('the sensor starts at once, in any frame it is injected into', () => {
    at('https://www.mturkcontent.com/dynamic/hit?assignmentId=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    run(activity, 'activity');
    expect(started.activity).toBe(1);
    expect(activity.allFrames).toBe(true);
    expect(activity.runAt).toBe('document_start');
  });

  it('the page reader starts once the page is idle, on a platform’s own page, in the top frame only', () => {
    at('https://worker.mturk.com/projects');
    run(reader, 'page-reader');
    expect(started.reader).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(started.reader).toEqual(['mturk']);
    expect(reader.allFrames ?? false).toBe(false);
    expect(reader.runAt).toBe('document_idle');
  });

  it('the page reader reads no other host', () => {
    at('https://www.mturkcontent.com/dynamic/hit?assignmentId=3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P');
    run(reader, 'page-reader');
    vi.advanceTimersByTime(1000);
    expect(started.reader).toEqual([]);
  });

  it('starts no reader once its context is over (the extension reloaded before the page was idle)', () => {
    at('https://worker.mturk.com/projects');
    const ctx = run(reader, 'page-reader');
    ctx.notifyInvalidated();
    vi.advanceTimersByTime(1000);
    expect(started.reader).toEqual([]);
  });
});
