import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay, step } from '@/lib/tracking/engine';
import type { EngineEvent, Segment } from '@/lib/tracking/events';
import { DEFAULT_CONFIG, initialState } from '@/lib/tracking/state';
import { T0 } from './script';

/** Random worker days: tabs 1-4 in windows 1-2, tasks A-C, every kind of event, clock jitter. */
const eventArb = (at: number): fc.Arbitrary<EngineEvent> => {
  const tabId = fc.integer({ min: 1, max: 4 });
  const windowId = fc.integer({ min: 1, max: 2 });
  const task = fc.constantFrom('A', 'B', 'C');
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ type: fc.constant('pulse' as const), at: fc.constant(at), tabId, input: fc.option(fc.integer({ min: at - 1500, max: at }), { nil: null }), media: fc.boolean(), focusInFrame: fc.boolean(), visible: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('tab-page' as const), at: fc.constant(at), tabId, windowId, platform: fc.constantFrom('mturk' as const, 'prolific' as const), taskId: fc.option(task, { nil: null }), thresholdMs: fc.constantFrom(15_000, 60_000) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('tab-linked' as const), at: fc.constant(at), tabId, windowId, platform: fc.constant('prolific' as const), taskId: task, thresholdMs: fc.constant(60_000) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('tab-activated' as const), at: fc.constant(at), tabId, windowId }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('tab-closed' as const), at: fc.constant(at), tabId }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('tab-unlinked' as const), at: fc.constant(at), tabId }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('window-focus' as const), at: fc.constant(at), windowId: fc.option(windowId, { nil: null }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('idle-state' as const), at: fc.constant(at), state: fc.constantFrom('active' as const, 'idle' as const, 'locked' as const), detectionMs: fc.constant(15_000) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('tick' as const), at: fc.constant(at) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('task-ended' as const), at: fc.constant(at), taskId: task }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('manual-start' as const), at: fc.constant(at), taskId: fc.constant('M'), thresholdMs: fc.constant(60_000) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('manual-stop' as const), at: fc.constant(at) }) },
    { weight: 1, arbitrary: fc.constantFrom({ type: 'pause' as const, at }, { type: 'resume' as const, at }) },
  );
};

/** Steps mostly forward (0-70 s), sometimes back (late pulses, clock set back). */
const dayArb = fc
  .array(fc.integer({ min: -20_000, max: 70_000 }), { minLength: 1, maxLength: 120 })
  .chain((steps) => {
    let t = T0;
    const times = steps.map((d) => (t += d));
    return fc.tuple(...times.map((at) => eventArb(at)));
  });

describe('attention engine: properties', () => {
  it('segments never overlap, never run backwards, and never exceed wall time', () => {
    fc.assert(
      fc.property(dayArb, (events) => {
        // Between two jumps of the clock (set back), the engine gives no instant twice; across a
        // jump, keeping the old clock's stretches from being given twice is the ledger's job.
        const epochs: Segment[][] = [[]];
        let state = initialState();
        let epochStart = events[0]?.at ?? 0;
        let epochEnd = epochStart;
        let wall = 0;
        for (const event of events) {
          const result = step(state, event, DEFAULT_CONFIG);
          if (result.clockBack) {
            wall += epochEnd - epochStart;
            epochStart = event.at;
            epochEnd = event.at;
          }
          // Segments a jump closes belong to the epoch before it.
          epochs.at(-1)!.push(...result.closed);
          if (result.clockBack) epochs.push([]);
          epochStart = Math.min(epochStart, event.at);
          epochEnd = Math.max(epochEnd, event.at);
          state = result.state;
        }
        wall += epochEnd - epochStart;
        for (const segments of epochs) {
          const sorted = [...segments].sort((a, b) => a.start - b.start);
          for (const [i, seg] of sorted.entries()) {
            expect(seg.end).toBeGreaterThan(seg.start);
            const next = sorted[i + 1];
            if (next) expect(next.start).toBeGreaterThanOrEqual(seg.end);
          }
        }
        const active = epochs.flat().reduce((sum, seg) => sum + seg.end - seg.start, 0);
        expect(active).toBeLessThanOrEqual(wall);
      }),
      { numRuns: 500 },
    );
  });

  it('replaying the same events gives the same segments, also across a restart', () => {
    fc.assert(
      fc.property(dayArb, fc.nat(), (events, cutSeed) => {
        const once = replay(initialState(), events, DEFAULT_CONFIG);
        const twice = replay(initialState(), events, DEFAULT_CONFIG);
        expect(twice.segments).toEqual(once.segments);
        const cut = cutSeed % (events.length + 1);
        const first = replay(initialState(), events.slice(0, cut), DEFAULT_CONFIG);
        const second = replay(JSON.parse(JSON.stringify(first.state)), events.slice(cut), DEFAULT_CONFIG);
        expect([...first.segments, ...second.segments]).toEqual(once.segments);
      }),
      { numRuns: 300 },
    );
  });

  it('a late pulse under a manual timer, past the threshold, opens nothing behind time already seen (found by fast-check)', () => {
    const T = 1_795_000_000_000;
    const events = [
      { type: 'manual-start', at: T + 108_034, taskId: 'M', thresholdMs: 60_000 },
      { type: 'window-focus', at: T + 141_528, windowId: 1 },
      { type: 'tab-activated', at: T + 204_865, tabId: 1, windowId: 1 },
      { type: 'tab-page', at: T + 307_244, tabId: 2, windowId: 1, platform: 'mturk', taskId: null, thresholdMs: 15_000 },
      // Late by less than a clock set back: this pulse says 305,244 after 307,244 was seen.
      { type: 'pulse', at: T + 305_244, tabId: 2, input: T + 303_744, media: false, focusInFrame: false, visible: true },
    ] as const satisfies readonly EngineEvent[];
    const { state, segments } = replay(initialState(), events, DEFAULT_CONFIG);
    // The late sign is refused: the open segment is still the one the tab click opened.
    expect(state.open?.start).toBe(T + 204_865);
    expect(segments).toEqual([]);
  });

  it('a segment never starts before the latest instant already seen', () => {
    fc.assert(
      fc.property(dayArb, (events) => {
        let state = initialState();
        let closedUpTo = -Infinity;
        for (const event of events) {
          const result = replay(state, [event], DEFAULT_CONFIG);
          for (const seg of result.segments) {
            expect(seg.start).toBeGreaterThanOrEqual(closedUpTo);
            closedUpTo = seg.end;
          }
          // After the clock is set back, the new clock's instants are the ones "already seen".
          if (result.clockBacks.length > 0) closedUpTo = -Infinity;
          const before = result.clockBacks.length > 0 ? event.at : state.highWater;
          const open = result.state.open;
          if (open && open !== state.open && open.start !== state.open?.start) {
            expect(open.start).toBeGreaterThanOrEqual(Math.min(before, event.at));
          }
          state = result.state;
        }
      }),
      { numRuns: 300 },
    );
  });
});
