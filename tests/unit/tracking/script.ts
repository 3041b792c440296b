import type { EngineEvent, Segment } from '@/lib/tracking/events';
import { replay } from '@/lib/tracking/engine';
import { DEFAULT_CONFIG, initialState, type EngineState } from '@/lib/tracking/state';

/** Scenario helpers: times are seconds after T0; thresholds in seconds. */
export const T0 = 1_795_000_000_000;
export const at = (seconds: number) => T0 + Math.round(seconds * 1000);
export const W1 = 1;
export const W2 = 2;

type Ev = EngineEvent;
export const focus = (s: number, windowId: number | null = W1): Ev => ({ type: 'window-focus', at: at(s), windowId });
export const activate = (s: number, tabId: number, windowId = W1): Ev => ({ type: 'tab-activated', at: at(s), tabId, windowId });
export const page = (s: number, tabId: number, taskId: string | null, opts: { thr?: number; windowId?: number; platform?: 'mturk' | 'prolific' } = {}): Ev => ({
  type: 'tab-page',
  at: at(s),
  tabId,
  windowId: opts.windowId ?? W1,
  platform: opts.platform ?? 'mturk',
  taskId,
  thresholdMs: (opts.thr ?? 60) * 1000,
});
export const linked = (s: number, tabId: number, taskId: string, thr = 60): Ev => ({
  type: 'tab-linked', at: at(s), tabId, windowId: W1, platform: 'prolific', taskId, thresholdMs: thr * 1000,
});
export const input = (s: number, tabId: number, opts: { visible?: boolean } = {}): Ev => ({
  type: 'pulse', at: at(s), tabId, input: at(s), media: false, focusInFrame: false, visible: opts.visible ?? true,
});
export interface PulseOpts {
  media?: boolean;
  focusInFrame?: boolean;
  focusHere?: boolean;
  frameId?: number;
  visible?: boolean;
  mediaLimitS?: number;
}
export const heartbeat = (s: number, tabId: number, opts: PulseOpts = {}): Ev => ({
  type: 'pulse',
  at: at(s),
  tabId,
  input: null,
  media: opts.media ?? false,
  focusInFrame: opts.focusInFrame ?? false,
  visible: opts.visible ?? true,
  ...(opts.frameId !== undefined ? { frameId: opts.frameId } : {}),
  ...(opts.focusHere !== undefined ? { focusHere: opts.focusHere } : {}),
  ...(opts.mediaLimitS !== undefined ? { mediaLimitMs: opts.mediaLimitS * 1000 } : {}),
});
/** Input in a frame of the tab (0: the top frame). */
export const inputIn = (s: number, tabId: number, frameId: number, opts: PulseOpts = {}): Ev => ({ ...heartbeat(s, tabId, opts), frameId, input: at(s) } as Ev);
export const idle = (s: number, state: 'active' | 'idle' | 'locked', detection = 15): Ev => ({ type: 'idle-state', at: at(s), state, detectionMs: detection * 1000 });
export const tick = (s: number): Ev => ({ type: 'tick', at: at(s) });
export const closeTab = (s: number, tabId: number): Ev => ({ type: 'tab-closed', at: at(s), tabId });
export const ended = (s: number, taskId: string): Ev => ({ type: 'task-ended', at: at(s), taskId });

/** Inputs every `every` seconds from `from` to `to` inclusive, with heartbeats between. */
export function typing(tabId: number, from: number, to: number, every = 1): Ev[] {
  const events: Ev[] = [];
  for (let s = from; s <= to + 1e-9; s += every) events.push(input(s, tabId));
  return events;
}
/** Heartbeats (no input) every 5 s strictly between `from` and `to`: the page is open, untouched. */
export function quiet(tabId: number, from: number, to: number, opts: PulseOpts = {}): Ev[] {
  const events: Ev[] = [];
  for (let s = from + 5; s < to; s += 5) events.push(heartbeat(s, tabId, opts));
  return events;
}

/** Events in the order they happen (a stable sort by time), for scripts that interleave tabs. */
export const chrono = (events: Ev[]): Ev[] => [...events].sort((a, b) => a.at - b.at);

/** A worker at the browser: window 1 focused, tab 1 active, showing `taskId`. */
export const start = (taskId: string | null = 'A', opts: { thr?: number } = {}): Ev[] => [
  focus(0),
  activate(0, 1),
  page(0, 1, taskId, opts),
];

export type Seg = [task: string | null, start: number, end: number];
export const rel = (segments: Segment[]): Seg[] =>
  segments.map((x) => [x.taskId, (x.start - T0) / 1000, (x.end - T0) / 1000]);

export function run(events: Ev[], state: EngineState = initialState()) {
  const result = replay(state, events, DEFAULT_CONFIG);
  return { ...result, rel: rel(result.segments), gaps: rel(result.gaps), open: result.state.open };
}

/** Closes whatever is open at the end of a script with the task's own end, to compare totals. */
export const finish = (s: number, taskId = 'A'): Ev => ended(s, taskId);
