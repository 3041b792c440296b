import { describe, expect, it } from 'vitest';
import { replay } from '@/lib/tracking/engine';
import type { EngineEvent } from '@/lib/tracking/events';
import { DEFAULT_CONFIG, initialState } from '@/lib/tracking/state';
import {
  activate, at, chrono, closeTab, ended, finish, focus, heartbeat, idle, input, inputIn, linked, page, quiet, rel, run,
  start, T0, tick, typing, W1, W2, type Seg,
} from './script';

const mstart = (s: number, taskId = 'M'): EngineEvent => ({ type: 'manual-start', at: at(s), taskId, thresholdMs: 60_000 });
const mstop = (s: number): EngineEvent => ({ type: 'manual-stop', at: at(s) });

/**
 * Scripted scenarios with their exact segments (seconds after T0). Each one is a way existing
 * trackers are known to get time wrong (docs/time.md).
 */
const scenarios: { name: string; events: EngineEvent[]; segments: Seg[]; gaps?: Seg[]; clockBacks?: [number, number][] }[] = [
  {
    name: 'continuous work is counted from the first to the last sign',
    events: [...start(), ...typing(1, 0, 120), finish(120)],
    segments: [['A', 0, 120]],
  },
  {
    name: 'reading without input for less than the threshold counts',
    events: [...start(), ...typing(1, 0, 10), ...quiet(1, 10, 50), ...typing(1, 50, 60), finish(60)],
    segments: [['A', 0, 60]],
  },
  {
    name: 'a quiet gap longer than the threshold counts nothing, and is offered as a question',
    events: [...start(), ...typing(1, 0, 10), ...quiet(1, 10, 100), ...typing(1, 100, 110), finish(110)],
    segments: [['A', 0, 10], ['A', 100, 110]],
    gaps: [['A', 10, 100]],
  },
  {
    name: 'the threshold is the task’s own (30 s here)',
    events: [...start('A', { thr: 30 }), ...typing(1, 0, 10), ...quiet(1, 10, 45), ...typing(1, 45, 50), finish(50)],
    segments: [['A', 0, 10], ['A', 45, 50]],
    gaps: [['A', 10, 45]],
  },
  {
    name: 'a gap of exactly the threshold still counts',
    events: [...start(), input(0, 1), ...quiet(1, 0, 60), input(60, 1), finish(60)],
    segments: [['A', 0, 60]],
  },
  {
    name: 'idle on a list page, then back: overhead with a hole',
    events: [...start(null), ...typing(1, 0, 20), ...quiet(1, 20, 200), ...typing(1, 200, 210), closeTab(210, 1)],
    segments: [[null, 0, 20], [null, 200, 210]],
  },
  {
    name: 'a non-platform tab gets nothing; leaving is the last sign of the task tab',
    events: [...start(), ...typing(1, 0, 30), activate(35, 2), input(50, 2), activate(95, 1), ...typing(1, 95, 120), finish(120)],
    segments: [['A', 0, 35], ['A', 95, 120]],
  },
  {
    name: 'two tasks in parallel tabs: each second goes to one of them',
    events: [
      ...start(),
      page(0, 2, 'B'),
      ...typing(1, 0, 20),
      activate(20, 2),
      ...typing(2, 20, 40),
      activate(40, 1),
      ...typing(1, 40, 60),
      finish(60),
    ],
    segments: [['A', 0, 20], ['B', 20, 40], ['A', 40, 60]],
  },
  {
    name: 'input in a background tab is not counted',
    events: chrono([...start(), page(0, 2, 'B'), ...typing(1, 0, 20), input(10, 2), input(15, 2), finish(20)]),
    segments: [['A', 0, 20]],
  },
  {
    name: 'focus inside a cross-origin task frame counts while browser.idle says active',
    events: [...start(), input(0, 1), ...quiet(1, 0, 61, { focusInFrame: true }), heartbeat(65, 1, { focusInFrame: true }), idle(75, 'idle'), heartbeat(80, 1, { focusInFrame: true }), idle(90, 'active'), finish(300)],
    segments: [['A', 0, 60]],
  },
  {
    name: 'audio playing with no input is work (transcription)',
    events: [...start(), input(0, 1), ...quiet(1, 0, 301, { media: true }), finish(301)],
    segments: [['A', 0, 301]],
  },
  {
    name: 'screen lock ends the segment at the last sign; nothing counts while locked',
    events: [...start(), ...typing(1, 0, 30), idle(40, 'locked'), input(50, 1), idle(100, 'active'), ...typing(1, 101, 110), finish(110)],
    segments: [['A', 0, 30], ['A', 101, 110]],
    gaps: [['A', 30, 101]],
  },
  {
    name: 'laptop sleep shorter than the threshold is not counted (pulses stopped)',
    events: [...start(), ...typing(1, 0, 20), ...typing(1, 50, 60), finish(60)],
    segments: [['A', 0, 20], ['A', 50, 60]],
    gaps: [['A', 20, 50]],
  },
  {
    name: 'events a few seconds out of order: nothing before the latest instant seen counts twice',
    events: [...start(), ...typing(1, 0, 20), ...typing(1, 16, 30), finish(30)],
    segments: [['A', 0, 30]],
  },
  {
    // The ledger keeps the old clock's stretch from being given twice (tests/unit/ledger).
    name: 'clock set back: what was open closes at the last instant seen, counting goes on from the new clock',
    events: [...start(), ...typing(1, 0, 20), ...typing(1, 10, 30), finish(30)],
    segments: [['A', 0, 20], ['A', 10, 30]],
    clockBacks: [[20, 10]],
  },
  {
    name: 'a clock set back hours: counting resumes at once, not when the clock catches up',
    events: [focus(7200), activate(7200, 1), page(7200, 1, 'A'), ...typing(1, 7200, 7260), ...typing(1, 0, 30), finish(30)],
    segments: [['A', 7200, 7260], ['A', 0, 30]],
    clockBacks: [[7260, 0]],
  },
  {
    name: 'duplicated pulses change nothing',
    events: [...start(), ...typing(1, 0, 30).flatMap((e) => [e, e]), finish(30)],
    segments: [['A', 0, 30]],
  },
  {
    name: 'pulses out of order change nothing',
    events: [...start(), input(0, 1), input(2, 1), input(1, 1), input(4, 1), input(3, 1), input(5, 1), finish(5)],
    segments: [['A', 0, 5]],
  },
  {
    name: 'a hidden page ends attention at once, at the instant it was hidden (the worker’s act)',
    events: [...start(), ...typing(1, 0, 10), heartbeat(12, 1, { visible: false }), input(20, 1, { visible: false }), heartbeat(40, 1), ...typing(1, 41, 50), finish(50)],
    segments: [['A', 0, 12], ['A', 41, 50]],
  },
  {
    name: 'a page hidden after a quiet stretch longer than the threshold adds nothing',
    events: [...start(), ...typing(1, 0, 10), ...quiet(1, 10, 100), heartbeat(100, 1, { visible: false }), finish(120)],
    segments: [['A', 0, 10]],
  },
  {
    // The acceptance run: 20 s of input, 90 s of none with the focus in the task's own frame
    // (where TrueRate's sensor runs), 20 s of input, submit. Direct evidence beats inference.
    name: 'focus in a task frame that has TrueRate’s sensor: that frame’s own input decides, not browser.idle',
    events: chrono([
      ...start(),
      ...[0, 5, 10, 15, 20].map((s) => inputIn(s, 1, 7, { focusHere: true })),
      ...quiet(1, 20, 110, { focusInFrame: true }),
      ...quiet(1, 20, 110, { frameId: 7, focusHere: true }),
      ...[110, 115, 120, 125, 130].map((s) => inputIn(s, 1, 7, { focusHere: true })),
      finish(130),
    ]),
    segments: [['A', 0, 20], ['A', 110, 130]],
    gaps: [['A', 20, 110]],
  },
  {
    name: 'the sensed frame lets go of the focus (into a frame it cannot see): inference resumes',
    events: chrono([
      ...start(),
      inputIn(0, 1, 7, { focusHere: true }),
      heartbeat(2, 1, { frameId: 7, focusInFrame: true, focusHere: false }),
      ...quiet(1, 0, 40, { focusInFrame: true }),
      finish(40),
    ]),
    segments: [['A', 0, 40]],
  },
  {
    name: 'a sensed frame that stops pulsing (removed, crashed) no longer vouches after 3 heartbeats',
    events: chrono([
      ...start(),
      inputIn(0, 1, 7, { focusHere: true }),
      ...quiet(1, 0, 100, { focusInFrame: true }),
      finish(100),
    ]),
    segments: [['A', 0, 100]],
  },
  {
    // Two HITs in two tabs, brought to front alternately: the tab brought to front counts from the
    // click, before its own "visible" pulse arrives.
    name: 'two tasks in two tabs switched every 5 s: each counts from the instant it comes to front',
    events: chrono([
      ...start(),
      page(0, 2, 'B'),
      heartbeat(0.5, 2, { visible: false }),
      ...typing(1, 0, 4.9, 0.7),
      activate(5, 2),
      heartbeat(5.3, 1, { visible: false }),
      heartbeat(5.4, 2, { visible: true }),
      ...typing(2, 5.6, 9.9, 0.7),
      activate(10, 1),
      heartbeat(10.2, 2, { visible: false }),
      heartbeat(10.3, 1, { visible: true }),
      ...typing(1, 10.5, 14.9, 0.7),
      finish(15),
    ]),
    segments: [['A', 0, 5], ['B', 5, 10], ['A', 10, 15]],
  },
  {
    name: 'a linked tab with a threshold shorter than the tick period still counts from tick to tick',
    events: [focus(0), page(0, 1, 'A', { thr: 10 }), linked(0, 2, 'A', 10), activate(0, 2), tick(30), tick(60), tick(90), finish(95)],
    segments: [['A', 0, 95]],
  },
  {
    // Seen in Chromium: the page brought to front sends one pulse still saying "hidden" (its
    // window's focus event fires before visibilitychange), then "visible" with no input.
    name: 'a tab brought to front that still says "hidden" a moment later keeps the time from the switch',
    events: chrono([
      ...start(),
      page(0, 2, 'B'),
      heartbeat(0.5, 2, { visible: false }),
      ...typing(1, 0, 4.9, 0.7),
      activate(5, 2),
      heartbeat(5.003, 2, { visible: false }),
      heartbeat(5.01, 2, { visible: true }),
      heartbeat(5.3, 1, { visible: false }),
      ...typing(2, 6, 9.9, 0.7),
      activate(10, 1),
      finish(12, 'A'),
      ended(12, 'B'),
    ]),
    segments: [['A', 0, 5], ['B', 5, 10], ['A', 10, 12]],
  },
  {
    name: 'a tab hidden well after it was brought to front is hidden (the grace is short)',
    events: chrono([...start(), page(0, 2, 'B'), activate(1, 2), input(2, 2), heartbeat(3, 2, { visible: false }), input(4, 2, { visible: false }), ended(6, 'B')]),
    segments: [['A', 0, 1], ['B', 1, 3]],
  },
  {
    name: 'media counts for at most the media limit after the last input (a muted loop playing on)',
    events: [...start(), input(0, 1), ...quiet(1, 0, 400, { media: true, mediaLimitS: 120 }), finish(400)],
    segments: [['A', 0, 120]],
    // Coming back to submit after the media stopped counting: the worker is asked about the rest.
    gaps: [['A', 120, 400]],
  },
  {
    name: 'bringing the tab to front restarts the media limit (the worker is there)',
    events: chrono([
      ...start(),
      page(0, 2, null),
      input(0, 1),
      activate(10, 2),
      activate(100, 1),
      ...quiet(1, 100, 300, { media: true, mediaLimitS: 60 }),
      finish(300),
    ]),
    // Tab 2 had no sign for 90 s, over the threshold: nothing there.
    segments: [['A', 0, 10], ['A', 100, 160]],
    gaps: [['A', 160, 300]],
  },
  {
    name: 'focus leaving the browser is a sign; coming back starts again',
    events: [...start(), ...typing(1, 0, 10), focus(12, null), input(20, 1), focus(40), ...typing(1, 40, 50), finish(50)],
    segments: [['A', 0, 12], ['A', 40, 50]],
  },
  {
    name: 'two windows: only the focused window’s active tab counts',
    events: chrono([
      ...start(),
      page(0, 5, 'B', { windowId: W2 }),
      activate(0, 5, W2),
      ...typing(1, 0, 10),
      focus(10, W2),
      ...typing(5, 10, 30),
      input(20, 1),
      focus(30, W1),
      ...typing(1, 30, 40),
      finish(40),
    ]),
    segments: [['A', 0, 10], ['B', 10, 30], ['A', 30, 40]],
  },
  {
    name: 'closing the task tab is its last sign',
    events: [...start(), ...typing(1, 0, 25), closeTab(27, 1)],
    segments: [['A', 0, 27]],
  },
  {
    name: 'submit ends the task; the platform page after it is overhead from that instant',
    events: [...start(), ...typing(1, 0, 30), ended(30, 'A'), page(31, 1, null), ...typing(1, 31, 40), closeTab(40, 1)],
    segments: [['A', 0, 30], [null, 30, 40]],
  },
  {
    name: 'a survey tab linked to its study counts by focus and browser.idle',
    events: [
      ...start('A'),
      ...typing(1, 0, 8),
      linked(10, 3, 'A'),
      activate(10, 3),
      tick(40),
      tick(70),
      tick(100),
      idle(115, 'idle'),
      tick(130),
      idle(200, 'active'),
      activate(205, 1),
      ...typing(1, 205, 210),
      finish(210),
    ],
    segments: [['A', 0, 10], ['A', 10, 100], ['A', 205, 210]],
    gaps: [['A', 100, 205]],
  },
  {
    name: 'a linked tab stops counting when ticks stop (sleep)',
    events: [...start('A'), linked(0, 3, 'A'), activate(0, 3), tick(30), tick(60), tick(400), finish(400)],
    segments: [['A', 0, 60]],
    gaps: [['A', 60, 400]],
  },
  {
    name: 'a manual timer counts while the browser is focused and the worker active',
    events: [focus(0), activate(0, 9), mstart(0), tick(30), tick(60), tick(90), mstop(100)],
    segments: [['M', 0, 100]],
  },
  {
    // browser.idle puts the last input at 65 s, after the last tick (60 s): the segment is not
    // stretched past its last tick on that word alone.
    name: 'a manual timer ignores tab switches and stops counting when idle',
    events: [focus(0), activate(0, 9), mstart(0), tick(30), activate(40, 8), tick(60), idle(80, 'idle'), tick(90), mstop(100)],
    segments: [['M', 0, 60]],
  },
  {
    name: 'pause stops counting; inputs while paused are ignored',
    events: [...start(), ...typing(1, 0, 20), { type: 'pause', at: at(25) }, ...typing(1, 26, 50), { type: 'resume', at: at(60) }, ...typing(1, 60, 70), finish(70)],
    segments: [['A', 0, 25], ['A', 60, 70]],
  },
  {
    name: 'a second tab of the same task: time continues, never twice',
    events: [...start(), page(0, 2, 'A'), ...typing(1, 0, 20), activate(20, 2), ...typing(2, 20, 40), finish(40)],
    segments: [['A', 0, 20], ['A', 20, 40]],
  },
  {
    name: 'a pulse gathering a second of input after a quiet stretch starts at its first input',
    events: [
      ...start(),
      input(0, 1),
      ...quiet(1, 0, 100),
      { type: 'pulse', at: at(101), tabId: 1, input: at(100.9), firstInput: at(100.1), media: false, focusInFrame: false, visible: true },
      finish(101),
    ],
    segments: [['A', 100.1, 101]],
    gaps: [['A', 0, 100.1]],
  },
  {
    name: 'pulses from a tab that is not a platform tab are ignored',
    events: [focus(0), activate(0, 4), ...typing(4, 0, 30)],
    segments: [],
  },
  {
    name: 'browser.idle "idle" while reading on a sensor page does not cut the reading',
    events: [...start(), input(0, 1), ...quiet(1, 0, 15), idle(15, 'idle'), ...quiet(1, 15, 40), idle(40, 'active'), input(40, 1), finish(40)],
    segments: [['A', 0, 40]],
  },
];

describe('attention engine: scripted scenarios', () => {
  it('has at least 25 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const result = run(scenario.events);
    expect(result.rel).toEqual(scenario.segments);
    expect(result.gaps).toEqual(scenario.gaps ?? []);
    expect(result.clockBacks.map((j) => [(j.from - T0) / 1000, (j.to - T0) / 1000])).toEqual(scenario.clockBacks ?? []);
  });

  it('survives a service worker restart between any two events (state through JSON)', () => {
    for (const scenario of scenarios) {
      const whole = run(scenario.events).rel;
      for (let cut = 1; cut < scenario.events.length; cut += 3) {
        const first = replay(initialState(), scenario.events.slice(0, cut), DEFAULT_CONFIG);
        const revived = JSON.parse(JSON.stringify(first.state));
        const second = replay(revived, scenario.events.slice(cut), DEFAULT_CONFIG);
        expect([...rel(first.segments), ...rel(second.segments)]).toEqual(whole);
      }
    }
  });
});
