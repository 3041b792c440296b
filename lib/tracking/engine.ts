import type { Source } from '../model/platform-id';
import type { EngineEvent, Segment } from './events';
import { DEFAULT_MEDIA_LIMIT_MS, type EngineConfig, type EngineState } from './state';

/**
 * The attention engine: a pure function from (state, event) to the next state and the segments
 * that event closed. No clock and no browser call: the background feeds it events stamped with
 * its own clock and the ledger persists what it returns. The rules are docs/time.md's:
 *
 * - Time counts only on the attention tab: the active tab of the focused window, not hidden, not
 *   while the screen is locked or tracking is paused. A manual timer takes all attention.
 * - Between two signs of activity, time counts if the gap is at most the task's idle threshold;
 *   a longer gap counts nothing, from the last sign on.
 * - Bringing a tab or a window to front is the worker's own act: a sign in what comes to front.
 * - Direct evidence beats inference: "focus is in a frame" is a sign (while browser.idle says the
 *   machine is in use) only when no sensed frame of that tab holds the focus itself.
 * - Media is a sign for at most the media limit after the worker's last own act.
 * - A sensor tab whose pulses stop for more than 3 heartbeats (sleep, crash) ends its segment at
 *   the last sign; so do ticks that stop for more than 3 tick periods.
 * - Signs inferred from browser.idle (focus in a frame it cannot see into, linked tabs, manual
 *   timer) are taken back to the last real input when browser.idle reports "idle".
 * - A clock set back closes what was open at the last instant seen and goes on from the new clock.
 */
export interface StepResult {
  state: EngineState;
  /** Segments this event closed, each with end > start, in order. */
  closed: Segment[];
  /** A quiet gap inside a task the worker just came back to: ask whether it was work. */
  gap: Segment | null;
  /** The system clock went back: the latest instant seen before, and the new clock's instant. */
  clockBack: { from: number; to: number } | null;
}

interface Attribution {
  taskId: string | null;
  platform: Source;
  thresholdMs: number;
  tabId: number | null;
  byTicks: boolean;
}

export function step(prev: EngineState, event: EngineEvent, config: EngineConfig): StepResult {
  const s: EngineState = {
    ...prev,
    tabs: { ...prev.tabs },
    activeTabByWindow: { ...prev.activeTabByWindow },
  };
  const out: StepResult = { state: s, closed: [], gap: null, clockBack: null };
  const t = event.at;
  if (t < s.highWater - config.clockBackMs) clockSetBack(s, out, t);

  switch (event.type) {
    case 'pulse': {
      let tab = s.tabs[event.tabId];
      if (!tab && event.page) {
        // A platform tab whose page reader has not reported yet: overhead until it does.
        tab = {
          windowId: event.page.windowId,
          platform: event.page.platform,
          taskId: null,
          thresholdMs: event.page.thresholdMs,
          linked: false,
          visible: event.visible,
          pulseAt: null,
          sensedFocus: null,
          shownAt: null,
        };
        s.tabs[event.tabId] = tab;
      }
      if (!tab) break;
      const slept = tab.pulseAt !== null && t - tab.pulseAt > 3 * config.heartbeatMs;
      if (slept && s.open?.tabId === event.tabId && !s.open.byTicks) close(s, out, true);
      const frameId = event.frameId ?? 0;
      let sensedFocus = tab.sensedFocus;
      if (event.focusHere) sensedFocus = { frameId, at: t };
      else if (sensedFocus?.frameId === frameId) sensedFocus = null;
      const justShown = tab.shownAt !== null && t - tab.shownAt < config.shownGraceMs && s.activeTabByWindow[String(tab.windowId)] === event.tabId;
      const visible = event.visible || justShown;
      // Hiding the tab (switching away, minimising) is the worker's last act in it.
      const hidden = !visible && s.open?.tabId === event.tabId && !s.manual;
      if (hidden) extend(s, t);
      s.tabs[event.tabId] = { ...tab, visible, pulseAt: Math.max(tab.pulseAt ?? t, t), sensedFocus };
      if (!visible) {
        if (hidden) close(s, out, false);
        break;
      }
      const isTarget = attentionTab(s) === event.tabId;
      if (event.firstInput != null && event.input !== null && event.firstInput < event.input) {
        sign(s, out, event.tabId, Math.min(event.firstInput, t), true);
      }
      if (event.input !== null) {
        const inputAt = Math.min(event.input, t);
        sign(s, out, event.tabId, inputAt, true);
        if (isTarget || s.manual) s.lastActAt = Math.max(s.lastActAt ?? inputAt, inputAt);
      }
      const mediaLimit = event.mediaLimitMs ?? DEFAULT_MEDIA_LIMIT_MS;
      const sensedFrameHasFocus = sensedFocus !== null && t - sensedFocus.at <= 3 * config.heartbeatMs;
      if (event.media && s.lastActAt !== null && t - s.lastActAt <= mediaLimit) sign(s, out, event.tabId, t, true);
      else if (event.focusInFrame && !sensedFrameHasFocus && s.idle === 'active') sign(s, out, event.tabId, t, false);
      break;
    }
    case 'tick': {
      const slept = s.lastTickAt !== null && t - s.lastTickAt > 3 * config.tickMs;
      if (slept && s.open?.byTicks) close(s, out, true);
      s.lastTickAt = Math.max(s.lastTickAt ?? t, t);
      const target = attentionTab(s);
      const linked = target !== null && s.tabs[target]?.linked === true;
      if (s.idle === 'active' && (linked || (s.manual && s.focusedWindowId !== null))) {
        // Ticks sample every tickMs: with a threshold shorter than that, two ticks must still join.
        sign(s, out, target, t, false, config.tickMs + config.heartbeatMs);
      }
      break;
    }
    case 'tab-page':
    case 'tab-linked': {
      const linked = event.type === 'tab-linked';
      const before = s.tabs[event.tabId];
      const same =
        before?.taskId === event.taskId && before.platform === event.platform && before.linked === linked;
      const isTarget = attentionTab(s) === event.tabId;
      if (isTarget && !same) switchAway(s, out, t);
      s.tabs[event.tabId] = {
        windowId: event.windowId,
        platform: event.platform,
        taskId: event.taskId,
        thresholdMs: event.thresholdMs,
        linked,
        visible: before?.visible ?? true,
        pulseAt: before?.pulseAt ?? null,
        sensedFocus: before?.sensedFocus ?? null,
        shownAt: before?.shownAt ?? null,
      };
      // A page load or a new linked tab is the worker's own doing: a sign on the new page.
      if (attentionTab(s) === event.tabId && !same) {
        sign(s, out, event.tabId, t, true);
        s.lastActAt = t;
      }
      break;
    }
    case 'tab-unlinked':
    case 'tab-closed': {
      if (attentionTab(s) === event.tabId) switchAway(s, out, t);
      else if (s.open?.tabId === event.tabId && !s.manual) close(s, out, false);
      delete s.tabs[event.tabId];
      if (event.type === 'tab-closed') {
        for (const [w, id] of Object.entries(s.activeTabByWindow)) {
          if (id === event.tabId) delete s.activeTabByWindow[w];
        }
      }
      break;
    }
    case 'tab-activated': {
      const key = String(event.windowId);
      if (s.activeTabByWindow[key] === event.tabId) break;
      if (s.manual) {
        // A manual timer does not follow tabs; the click is still a sign of the worker.
        s.activeTabByWindow[key] = event.tabId;
        sign(s, out, null, t, true);
        s.lastActAt = t;
        break;
      }
      const inFocusedWindow = s.focusedWindowId === event.windowId;
      if (inFocusedWindow) switchAway(s, out, t);
      s.activeTabByWindow[key] = event.tabId;
      // The browser just made it the active tab of its window: it is shown, whatever its sensor
      // last said while it was in the background (its own "visible" pulse comes a moment later).
      // Its sensor was quiet while hidden: that silence is no sleep, so the wait starts now.
      const shown = s.tabs[event.tabId];
      if (shown && inFocusedWindow) s.tabs[event.tabId] = { ...shown, visible: true, pulseAt: t, shownAt: t };
      if (inFocusedWindow) {
        s.lastActAt = t;
        arrive(s, out, t);
      }
      break;
    }
    case 'window-focus': {
      if (s.focusedWindowId === event.windowId) break;
      switchAway(s, out, t);
      s.focusedWindowId = event.windowId;
      if (event.windowId !== null) {
        s.lastActAt = t;
        const tabId = s.activeTabByWindow[String(event.windowId)];
        const tab = tabId === undefined ? undefined : s.tabs[tabId];
        if (tabId !== undefined && tab) s.tabs[tabId] = { ...tab, pulseAt: t, shownAt: t };
      }
      arrive(s, out, t);
      break;
    }
    case 'idle-state': {
      s.idleDetectionMs = event.detectionMs;
      if (event.state !== 'active' && s.open) {
        const open = s.open;
        // Inferred signs ran the segment past its last direct one (or it is fed by ticks).
        const inferred = open.byTicks || open.end > open.sureEnd;
        if (event.state === 'locked' || inferred) {
          // browser.idle says "idle" detectionMs after the last input anywhere on the machine.
          const lastInput = t - event.detectionMs;
          s.open = { ...open, end: Math.max(open.sureEnd, Math.min(open.end, lastInput)) };
          close(s, out, true);
        }
      }
      s.idle = event.state;
      break;
    }
    case 'task-ended': {
      if (s.open?.taskId === event.taskId) {
        sign(s, out, s.open.tabId, t, true);
        close(s, out, false);
      }
      for (const [id, tab] of Object.entries(s.tabs)) {
        if (tab.taskId !== event.taskId) continue;
        if (tab.linked) delete s.tabs[id];
        else s.tabs[id] = { ...tab, taskId: null };
      }
      if (s.quietSince?.taskId === event.taskId) s.quietSince = null;
      if (s.manual?.taskId === event.taskId) s.manual = null;
      arrive(s, out, t);
      break;
    }
    case 'manual-start': {
      switchAway(s, out, t);
      s.manual = { taskId: event.taskId, thresholdMs: event.thresholdMs };
      s.lastActAt = t;
      arrive(s, out, t);
      break;
    }
    case 'manual-stop': {
      if (!s.manual) break;
      switchAway(s, out, t);
      s.manual = null;
      arrive(s, out, t);
      break;
    }
    case 'pause': {
      if (s.paused) break;
      switchAway(s, out, t);
      s.paused = true;
      break;
    }
    case 'resume': {
      if (!s.paused) break;
      s.paused = false;
      arrive(s, out, t);
      break;
    }
  }
  s.highWater = Math.max(s.highWater, t);
  return out;
}

/**
 * The system clock went back past the tolerance. What was open ends at its last sign (the last
 * instant seen under the old clock), and counting goes on from the new clock: the high-water mark
 * follows it down, and every "last seen" instant of the old clock is forgotten so that the
 * sleep checks do not wait for the new clock to catch up. The ledger keeps the stretches the old
 * clock already recorded from being given twice.
 */
function clockSetBack(s: EngineState, out: StepResult, t: number): void {
  out.clockBack = { from: s.highWater, to: t };
  close(s, out, false);
  s.quietSince = null;
  s.highWater = t;
  s.lastTickAt = null;
  s.lastActAt = null;
  for (const [id, tab] of Object.entries(s.tabs)) {
    s.tabs[id] = { ...tab, pulseAt: null, sensedFocus: null, shownAt: null };
  }
}

/** The tab whose signs count now, or null. With a manual timer, signs of any platform tab count. */
export function attentionTab(s: EngineState): number | null {
  if (s.paused || s.idle === 'locked' || s.focusedWindowId === null) return null;
  const tabId = s.activeTabByWindow[String(s.focusedWindowId)];
  if (tabId === undefined) return null;
  const tab = s.tabs[tabId];
  if (!tab || (!tab.linked && !tab.visible)) return null;
  return tabId;
}

function attributionOf(s: EngineState, tabId: number | null): Attribution | null {
  if (s.paused || s.idle === 'locked' || s.focusedWindowId === null) return null;
  if (s.manual) {
    return { taskId: s.manual.taskId, platform: 'manual', thresholdMs: s.manual.thresholdMs, tabId, byTicks: true };
  }
  if (tabId === null || attentionTab(s) !== tabId) return null;
  const tab = s.tabs[tabId];
  if (!tab) return null;
  return { taskId: tab.taskId, platform: tab.platform, thresholdMs: tab.thresholdMs, tabId, byTicks: tab.linked };
}

/**
 * A sign of activity at `at` on `tabId`: extends the open segment, or opens a new one. `reachMs`:
 * a sampled sign (a tick) may extend across at least one sampling period, whatever the threshold.
 */
function sign(s: EngineState, out: StepResult, tabId: number | null, at: number, sure: boolean, reachMs = 0): void {
  const who = attributionOf(s, tabId);
  if (!who) return;
  const open = s.open;
  const reach = Math.max(open?.thresholdMs ?? 0, reachMs);
  const sameWork = open !== null && open.taskId === who.taskId && open.platform === who.platform;
  if (open && sameWork && at >= open.start && at <= open.end) {
    if (sure && at > open.sureEnd) s.open = { ...open, sureEnd: at };
    return; // already counted (a duplicated or late pulse)
  }
  // Never count before the latest instant already recorded: pulses arriving late, or a clock set
  // back. A late sign may still extend the open segment of the same work (that stretch was counted
  // by nothing else), but never open a new one back there: fast-check found a manual timer whose
  // late pulse, past the threshold, opened a segment behind time already seen.
  const extendsOpen = open !== null && sameWork && at > open.end && at - open.end <= reach;
  if (at < s.highWater && !extendsOpen) return;
  if (open && sameWork && at - open.end <= reach) {
    s.open = { ...open, end: at, sureEnd: sure ? at : open.sureEnd, tabId: who.tabId, byTicks: who.byTicks };
    return;
  }
  const quiet = open !== null && sameWork;
  if (open) close(s, out, quiet);
  if (who.taskId !== null && s.quietSince?.taskId === who.taskId && at > s.quietSince.end) {
    out.gap = { taskId: who.taskId, platform: who.platform, start: s.quietSince.end, end: at };
  }
  s.quietSince = null;
  s.open = {
    taskId: who.taskId,
    platform: who.platform,
    start: at,
    end: at,
    tabId: who.tabId,
    thresholdMs: who.thresholdMs,
    sureEnd: at,
    byTicks: who.byTicks,
  };
}

/** Ends the open segment at its last sign. `quiet`: it ended because the worker went quiet. */
function close(s: EngineState, out: StepResult, quiet: boolean): void {
  const open = s.open;
  if (!open) return;
  s.open = null;
  if (open.end > open.start) {
    out.closed.push({ taskId: open.taskId, platform: open.platform, start: open.start, end: open.end });
  }
  s.quietSince =
    quiet && open.taskId !== null ? { taskId: open.taskId, platform: open.platform, end: open.end } : null;
}

/**
 * The worker's last act in what they leave: it extends the open segment to `at` within the
 * threshold, but never opens one (leaving after a long quiet stretch is not coming back).
 */
function extend(s: EngineState, at: number): void {
  const open = s.open;
  if (!open || at <= open.end || at - open.end > open.thresholdMs) return;
  s.open = { ...open, end: at, sureEnd: at };
}

/** Attention leaves the current target: leaving (clicking a tab, a window) is itself a sign. */
function switchAway(s: EngineState, out: StepResult, at: number): void {
  if (s.open && (attentionTab(s) !== null || s.manual)) extend(s, at);
  close(s, out, false);
}

/** Attention arrives on whatever is now the target: arriving is a sign. */
function arrive(s: EngineState, out: StepResult, at: number): void {
  const target = attentionTab(s);
  if (target !== null || (s.manual && s.focusedWindowId !== null)) sign(s, out, target, at, true);
}

/** Replays events from a state: the same events always give the same segments. */
export function replay(
  state: EngineState,
  events: readonly EngineEvent[],
  config: EngineConfig,
): { state: EngineState; segments: Segment[]; gaps: Segment[]; clockBacks: { from: number; to: number }[] } {
  let current = state;
  const segments: Segment[] = [];
  const gaps: Segment[] = [];
  const clockBacks: { from: number; to: number }[] = [];
  for (const event of events) {
    const result = step(current, event, config);
    current = result.state;
    segments.push(...result.closed);
    if (result.gap) gaps.push(result.gap);
    if (result.clockBack) clockBacks.push(result.clockBack);
  }
  return { state: current, segments, gaps, clockBacks };
}
