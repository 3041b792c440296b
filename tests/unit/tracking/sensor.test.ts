import { beforeEach, describe, expect, it } from 'vitest';
import type { ContentMessage } from '@/lib/messages';
import { HEARTBEAT_MS, startSensor } from '@/lib/tracking/sensor';
import { FakeClock } from '../helpers/fake-clock';

type Pulse = Extract<ContentMessage, { type: 'activity/pulse' }>;

const trusted = (type: string) => {
  const event = new Event(type, { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};

let clock: FakeClock;
let pulses: (Pulse & { at: number })[];

beforeEach(() => {
  clock = new FakeClock();
  pulses = [];
  startSensor(document, window, {
    now: () => clock.now,
    send: (pulse) => pulses.push({ ...pulse, at: clock.now }),
    setTimeout: clock.setTimeout,
    setInterval: clock.setInterval,
    listen: (target, type, fn) => target.addEventListener(type, fn, { capture: true }),
  });
  pulses.length = 0; // the pulse sent at start
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

  it('ignores events a page script dispatches', () => {
    for (const type of ['keydown', 'pointerdown', 'scroll', 'play']) document.dispatchEvent(new Event(type));
    clock.advance(900);
    expect(pulses).toEqual([]);
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
    window.dispatchEvent(new Event('pagehide'));
    expect(pulses.at(-1)).toMatchObject({ inputAgoMs: 0, visible: true });
  });
});
