/**
 * Tracking figures for `npm run bench`: engine throughput, the activity sensor's cost
 * per input event and messages per minute of typing (fake clock, happy-dom), and the main-thread
 * time the content scripts add to a platform page load in Chromium.
 */
import { Window } from 'happy-dom';
import { replay } from '../lib/tracking/engine';
import type { EngineEvent } from '../lib/tracking/events';
import { startSensor } from '../lib/tracking/sensor';
import { DEFAULT_CONFIG, initialState } from '../lib/tracking/state';
import { FakeClock } from '../tests/unit/helpers/fake-clock';

export interface Figure {
  what: string;
  value: string;
  goal?: string;
}

/** A long, realistic day: two tasks in two tabs, typing, quiet stretches, switches, idle. */
function workday(n: number): EngineEvent[] {
  const events: EngineEvent[] = [
    { type: 'window-focus', at: 0, windowId: 1 },
    { type: 'tab-page', at: 0, tabId: 1, windowId: 1, platform: 'mturk', taskId: 'A', thresholdMs: 60_000 },
    { type: 'tab-page', at: 0, tabId: 2, windowId: 1, platform: 'mturk', taskId: 'B', thresholdMs: 60_000 },
    { type: 'tab-activated', at: 0, tabId: 1, windowId: 1 },
  ];
  let t = 0;
  for (let i = 0; events.length < n; i++) {
    t += 700 + ((i * 7919) % 900);
    const tab = Math.floor(i / 50) % 2 === 0 ? 1 : 2;
    if (i % 50 === 0) events.push({ type: 'tab-activated', at: t, tabId: tab, windowId: 1 });
    else if (i % 97 === 0) events.push({ type: 'idle-state', at: t, state: i % 2 ? 'idle' : 'active', detectionMs: 15_000 });
    else events.push({ type: 'pulse', at: t, tabId: tab, input: i % 5 === 0 ? null : t - 100, media: false, focusInFrame: false, visible: true });
  }
  return events;
}

export function engineThroughput(): Figure {
  const events = workday(200_000);
  replay(initialState(), events.slice(0, 10_000), DEFAULT_CONFIG); // warm up
  const start = performance.now();
  const { segments } = replay(initialState(), events, DEFAULT_CONFIG);
  const seconds = (performance.now() - start) / 1000;
  return {
    what: `engine: ${events.length.toLocaleString('en')} events -> ${segments.length} segments`,
    value: `${Math.round(events.length / seconds).toLocaleString('en')} events/s`,
  };
}

export function sensorCosts(): Figure[] {
  const win = new Window({ url: 'https://worker.mturk.com/' });
  const doc = win.document as unknown as Document;
  const clock = new FakeClock();
  let sent = 0;
  startSensor(doc, win as unknown as globalThis.Window, {
    now: () => clock.now,
    send: () => void sent++,
    setTimeout: clock.setTimeout,
    setInterval: clock.setInterval,
    listen: (target, type, fn) => target.addEventListener(type, fn, { capture: true }),
  });
  const key = () => {
    const event = new win.Event('keydown', { bubbles: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    return event;
  };
  // A minute of fast typing: a key every 50 ms.
  sent = 0;
  for (let i = 0; i < 1200; i++) {
    doc.dispatchEvent(key() as unknown as Event);
    clock.advance(50);
  }
  const perMinute = sent;
  // Cost of the listener itself, per event (dispatch overhead of happy-dom subtracted).
  const N = 100_000;
  const events = Array.from({ length: N }, key);
  const bare = new win.EventTarget();
  let t0 = performance.now();
  for (const e of events) bare.dispatchEvent(e);
  const baseline = performance.now() - t0;
  const events2 = Array.from({ length: N }, key);
  t0 = performance.now();
  for (const e of events2) doc.dispatchEvent(e as unknown as Event);
  const withSensor = performance.now() - t0;
  void win.happyDOM.abort();
  return [
    { what: 'sensor: messages in a minute of continuous typing', value: `${perMinute}`, goal: '<= 60 (1 a second)' },
    {
      what: 'sensor: cost per input event (happy-dom, dispatch overhead subtracted)',
      value: `${(((withSensor - baseline) / N) * 1000).toFixed(2)} µs`,
    },
  ];
}
