import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentMessage } from '@/lib/messages';
import { HEARTBEAT_MS, INPUT_EVENTS, MEDIA_EVENTS, startSensor } from '@/lib/tracking/sensor';
import { FakeClock } from '../helpers/fake-clock';

type Pulse = Extract<ContentMessage, { type: 'activity/pulse' }>;

/** An event as the browser makes it (`isTrusted`); `new Event()` alone is what a page script makes. */
const trusted = (type: string, init: EventInit = { bubbles: true }) => {
  const event = new Event(type, init);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};

const ASSIGNMENT = '3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P';

let clock: FakeClock;
let pulses: (Pulse & { at: number })[];
let submits: string[];
let stop: AbortController;
/** How far the sensor's clock is from the timers' (a clock that is not monotonic, set back). */
let clockOffset: number;

beforeEach(() => {
  clock = new FakeClock();
  clockOffset = 0;
  pulses = [];
  submits = [];
  stop = new AbortController();
  // The arrays are captured here, so a sensor of an earlier test can never write into this one's.
  const mine = { pulses, submits };
  startSensor(document, window, {
    now: () => clock.now + clockOffset,
    send: (pulse) => mine.pulses.push({ ...pulse, at: clock.now }),
    submitted: (assignmentId) => mine.submits.push(assignmentId),
    setTimeout: clock.setTimeout,
    setInterval: clock.setInterval,
    listen: (target, type, fn) => target.addEventListener(type, fn, { capture: true, signal: stop.signal }),
  });
  pulses.length = 0; // the pulse sent at start
});
afterEach(() => {
  stop.abort();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('activity sensor', () => {
  it('sends at most one pulse a second during a minute of continuous typing', () => {
    for (let i = 0; i < 60_000 / 50; i++) {
      document.dispatchEvent(trusted('keydown'));
      clock.advance(50);
    }
    clock.advance(1000);
    expect(pulses.length).toBeLessThanOrEqual(61);
    expect(pulses.length).toBeGreaterThanOrEqual(59);
    for (let i = 1; i < pulses.length; i++) {
      expect((pulses[i]?.at ?? 0) - (pulses[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('reports the first and the last input a pulse gathered, relative to sending', () => {
    clock.advance(1000);
    pulses.length = 0;
    document.dispatchEvent(trusted('keydown')); // leading edge: sent at once
    clock.advance(200);
    document.dispatchEvent(trusted('pointerdown'));
    clock.advance(500);
    document.dispatchEvent(trusted('wheel'));
    clock.advance(1000);
    expect(pulses.map((p) => [p.firstInputAgoMs, p.inputAgoMs])).toEqual([
      [0, 0],
      [800, 300],
    ]);
  });

  it('a clock set back 10 minutes neither holds a pulse back nor stops the heartbeat', () => {
    clock.advance(1000);
    document.dispatchEvent(trusted('keydown'));
    pulses.length = 0;
    clockOffset = -600_000;
    clock.advance(300);
    document.dispatchEvent(trusted('keydown'));
    expect(pulses).toHaveLength(1);
    clock.advance(3 * HEARTBEAT_MS);
    expect(pulses.length).toBeGreaterThanOrEqual(3);
  });

  it('says how long ago in whole milliseconds from a clock with fractions (performance.now)', () => {
    clock.advance(1000);
    pulses.length = 0;
    clockOffset = 0.25;
    document.dispatchEvent(trusted('keydown'));
    clock.advance(200);
    clockOffset = 0.62;
    document.dispatchEvent(trusted('keydown'));
    clock.advance(1000);
    expect(pulses).toHaveLength(2);
    for (const p of pulses) for (const ms of [p.inputAgoMs, p.firstInputAgoMs]) expect(Number.isInteger(ms)).toBe(true);
  });

  it('beats every 5 s while visible, with no input to report', () => {
    clock.advance(3 * HEARTBEAT_MS);
    expect(pulses).toHaveLength(3);
    expect(pulses.every((p) => p.inputAgoMs === null && p.visible)).toBe(true);
  });

  it('flushes unsent input when the page is left, and stays "visible" while it unloads', () => {
    document.dispatchEvent(trusted('keydown'));
    clock.advance(300);
    document.dispatchEvent(trusted('keydown')); // waits for the trailing pulse
    window.dispatchEvent(trusted('pagehide', {}));
    expect(pulses.at(-1)).toMatchObject({ inputAgoMs: 0, visible: true });
  });
});

/**
 * Each of these would send a pulse (a database write in the background) if it were believed. The
 * sensor's last pulse is 1.5 s old, so no throttle hides an event that got through.
 */
describe('activity sensor: events a page script dispatches', () => {
  const cases: [string, () => EventTarget][] = [
    ...INPUT_EVENTS.map((type): [string, () => EventTarget] => [type, () => document]),
    ...MEDIA_EVENTS.map((type): [string, () => EventTarget] => [type, () => document]),
    ['visibilitychange', () => document],
    ['pagehide', () => window],
    ['focus', () => window],
    ['blur', () => window],
  ];

  it.each(cases)('a %s a page dispatches sends nothing', (type, target) => {
    clock.advance(1500);
    target().dispatchEvent(new Event(type, { bubbles: true }));
    clock.advance(1100);
    expect(pulses).toEqual([]);
  });

  it('a pageshow a page dispatches does not end the unloading (which mutes visibilitychange)', () => {
    clock.advance(1500);
    window.dispatchEvent(trusted('pagehide', {}));
    pulses.length = 0;
    window.dispatchEvent(new Event('pageshow'));
    document.dispatchEvent(trusted('visibilitychange'));
    expect(pulses).toEqual([]);
  });

  it('a submit a page dispatches is no submit, even when the frame then leaves', () => {
    const form = externalSubmitForm();
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    clock.advance(10);
    window.dispatchEvent(trusted('pagehide', {}));
    expect(submits).toEqual([]);
  });

  it('the same events made by the browser do send', () => {
    for (const [type, target] of cases) {
      clock.advance(1500);
      pulses.length = 0;
      if (type === 'pagehide') window.dispatchEvent(trusted('pageshow', {}));
      target().dispatchEvent(trusted(type));
      clock.advance(1100);
      expect(pulses.length, type).toBeGreaterThan(0);
    }
  });
});

describe('activity sensor: where the focus is', () => {
  const focusOn = (element: Element | null, hasFocus = true) => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(hasFocus);
    vi.spyOn(document, 'activeElement', 'get').mockReturnValue(element);
  };
  const pulseNow = () => {
    clock.advance(HEARTBEAT_MS);
    return pulses.at(-1);
  };

  it('focusHere: the focus is in this document, its own sensor sees the input', () => {
    const field = document.createElement('textarea');
    document.body.append(field);
    focusOn(field);
    expect(pulseNow()).toMatchObject({ focusHere: true, focusInFrame: false });
  });

  it('focusInFrame: the focus is inside a child frame of this document', () => {
    const frame = document.createElement('iframe');
    focusOn(frame);
    expect(pulseNow()).toMatchObject({ focusHere: false, focusInFrame: true });
  });

  it('neither while another window or application has the focus', () => {
    focusOn(document.body, false);
    expect(pulseNow()).toMatchObject({ focusHere: false, focusInFrame: false });
  });

  it('sends a pulse soon after the window gains or loses focus, once the focus has settled', () => {
    focusOn(document.body);
    clock.advance(1500);
    pulses.length = 0;
    window.dispatchEvent(trusted('blur', {}));
    focusOn(document.createElement('iframe')); // e.g. a click into the task frame
    clock.advance(0);
    expect(pulses).toMatchObject([{ focusInFrame: true, focusHere: false }]);
    clock.advance(1500);
    window.dispatchEvent(trusted('focus', {}));
    focusOn(document.body);
    clock.advance(0);
    expect(pulses).toHaveLength(2);
    expect(pulses[1]).toMatchObject({ focusInFrame: false, focusHere: true });
  });

  it('element focus changes inside the document are not window focus', () => {
    const field = document.createElement('input');
    document.body.append(field);
    clock.advance(1500);
    pulses.length = 0;
    field.dispatchEvent(trusted('focus', {}));
    field.dispatchEvent(trusted('blur', {}));
    clock.advance(100);
    expect(pulses).toEqual([]);
  });
});

describe('activity sensor: media counts only when the worker can hear or see it', () => {
  interface MediaState {
    paused?: boolean;
    muted?: boolean;
    volume?: number;
    box?: [number, number, number, number];
    style?: string;
  }
  const media = (tag: 'audio' | 'video', state: MediaState = {}) => {
    const element = document.createElement(tag);
    Object.defineProperties(element, {
      paused: { get: () => state.paused ?? false },
      ended: { value: false },
      readyState: { value: 4 },
      muted: { get: () => state.muted ?? false },
      volume: { get: () => state.volume ?? 1 },
    });
    const [x, y, w, h] = state.box ?? [0, 0, 0, 0];
    element.getBoundingClientRect = () => new DOMRect(x, y, w, h);
    if (state.style) element.setAttribute('style', state.style);
    document.body.append(element);
    return state;
  };
  const reported = () => {
    clock.advance(HEARTBEAT_MS);
    return pulses.at(-1)?.media;
  };
  const inView: [number, number, number, number] = [10, 10, 320, 180];

  it.each<[string, 'audio' | 'video', MediaState, boolean]>([
    ['audible audio', 'audio', {}, true],
    ['muted audio', 'audio', { muted: true }, false],
    ['audio at volume 0', 'audio', { volume: 0 }, false],
    ['paused audible audio', 'audio', { paused: true }, false],
    ['audible video out of sight', 'video', {}, true],
    ['muted video in view', 'video', { muted: true, box: inView }, true],
    ['muted video with no box (display: none, or never laid out)', 'video', { muted: true }, false],
    ['muted video below the viewport', 'video', { muted: true, box: [0, window.innerHeight + 10, 320, 180] }, false],
    ['muted video left of the viewport', 'video', { muted: true, box: [-400, 10, 320, 180] }, false],
    ['muted video with visibility: hidden', 'video', { muted: true, box: inView, style: 'visibility: hidden' }, false],
    ['muted video in a display: none box', 'video', { muted: true, box: inView, style: 'display: none' }, false],
    ['muted video at opacity 0', 'video', { muted: true, box: inView, style: 'opacity: 0' }, false],
    ['paused video in view', 'video', { paused: true, muted: true, box: inView }, false],
  ])('%s: %s', (_name, tag, state, counts) => {
    media(tag, state);
    expect(reported()).toBe(counts);
  });

  it('muting is reported at once (volumechange), not at the next heartbeat', () => {
    const state = media('audio');
    expect(reported()).toBe(true);
    clock.advance(1500);
    state.muted = true;
    document.body.firstElementChild?.dispatchEvent(trusted('volumechange', {}));
    expect(pulses.at(-1)).toMatchObject({ media: false, at: clock.now });
  });
});

function externalSubmitForm(): HTMLFormElement {
  const form = document.createElement('form');
  form.method = 'post';
  form.setAttribute('action', 'https://www.mturk.com/mturk/externalSubmit');
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'assignmentId';
  field.value = ASSIGNMENT;
  form.append(field);
  document.body.append(form);
  return form;
}

/**
 * A task ends when the post to externalSubmit goes out, not when a submit event is seen: a
 * requester's script can call requestSubmit() (a browser-made, trusted submit event) and cancel it.
 * happy-dom's requestSubmit() fires an untrusted event, so the browser's is made by hand here.
 */
describe('activity sensor: the task frame submits to externalSubmit', () => {
  const submit = (form: HTMLFormElement) => form.dispatchEvent(trusted('submit', { bubbles: true, cancelable: true }));
  const leave = () => window.dispatchEvent(trusted('pagehide', {}));

  it('a cancelled requestSubmit() is no submit, even when the frame leaves later', () => {
    const form = externalSubmitForm();
    // The requester's own listener, on the form: it runs after the sensor's capture listener.
    form.addEventListener('submit', (event) => event.preventDefault());
    submit(form);
    clock.advance(3000);
    expect(submits).toEqual([]);
    window.dispatchEvent(trusted('beforeunload', { cancelable: true }));
    leave();
    expect(submits).toEqual([]);
  });

  it('a submit that is not cancelled, then the frame leaving: exactly one frame-submit', () => {
    const form = externalSubmitForm();
    submit(form);
    clock.advance(0);
    expect(submits).toEqual([]); // not yet: the post has not gone out
    leave();
    leave();
    expect(submits).toEqual([ASSIGNMENT]);
  });

  it('the frame leaving before the check ran still counts the submit once', () => {
    submit(externalSubmitForm());
    leave();
    clock.advance(10);
    expect(submits).toEqual([ASSIGNMENT]);
  });

  it('the frame starting to leave (beforeunload) after a submit that was not cancelled: one', () => {
    submit(externalSubmitForm());
    clock.advance(0);
    window.dispatchEvent(trusted('beforeunload', { cancelable: true }));
    expect(submits).toEqual([ASSIGNMENT]);
    leave();
    expect(submits).toEqual([ASSIGNMENT]);
  });

  it('a beforeunload or pagehide a page dispatches after a submit is not the frame leaving', () => {
    submit(externalSubmitForm());
    clock.advance(0);
    window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    window.dispatchEvent(new Event('pagehide'));
    expect(submits).toEqual([]);
  });

  it('a cancelled submit, then the frame leaving for another reason: nothing', () => {
    const form = externalSubmitForm();
    form.addEventListener('submit', (event) => event.preventDefault());
    submit(form);
    window.dispatchEvent(trusted('beforeunload', { cancelable: true }));
    leave();
    expect(submits).toEqual([]);
  });

  it('a submit the frame never leaves after is no submit', () => {
    submit(externalSubmitForm());
    clock.advance(10 * HEARTBEAT_MS);
    expect(submits).toEqual([]);
  });

  it('a cancelled submit, then a real one: one frame-submit', () => {
    const form = externalSubmitForm();
    let cancel = true;
    form.addEventListener('submit', (event) => {
      if (cancel) event.preventDefault();
      cancel = false;
    });
    submit(form);
    clock.advance(2000);
    submit(form);
    clock.advance(0);
    leave();
    expect(submits).toEqual([ASSIGNMENT]);
  });

  it('a form posting elsewhere is no task submit', () => {
    const form = externalSubmitForm();
    form.setAttribute('action', 'https://example-survey.test/save');
    submit(form);
    clock.advance(0);
    leave();
    expect(submits).toEqual([]);
  });
});
