import type { PlatformId } from '../model/platform-id';
import type { IdleState, Segment } from './events';
import type { Source } from '../model/platform-id';

/** What the engine knows of a tab that carries platform work. Other tabs are not tracked. */
export interface TabState {
  windowId: number;
  platform: PlatformId;
  /** The task open in the tab; null on a platform page with no task open (overhead). */
  taskId: string | null;
  thresholdMs: number;
  /** A tab with no sensor in it (a survey opened from a task): measured with browser.idle. */
  linked: boolean;
  visible: boolean;
  /** Last pulse from the tab's sensor: pulses stop while the machine sleeps. */
  pulseAt: number | null;
  /**
   * A frame of this tab whose own sensor says it holds the focus, and when it last said so. While
   * it does, "focus is in a frame" from the frame above is no sign: that frame's own input decides
   * (direct evidence beats inference, docs/time.md#direct-evidence-beats-inference).
   */
  sensedFocus: { frameId: number; at: number } | null;
  /** When the browser last brought this tab to front (tab switch, window focus). */
  shownAt: number | null;
}

export interface OpenSegment extends Segment {
  tabId: number | null;
  thresholdMs: number;
  /** The last sign seen directly; `end` may run past it on signs inferred from browser.idle. */
  sureEnd: number;
  /** Fed by background ticks (linked tab, manual timer) rather than by a sensor's pulses. */
  byTicks: boolean;
}

/** Bumped with the database when the shape changes; lib/db/migrations.ts converts older states. */
export const ENGINE_STATE_VERSION = 2;

export interface EngineState {
  version: typeof ENGINE_STATE_VERSION;
  focusedWindowId: number | null;
  activeTabByWindow: Record<string, number>;
  tabs: Record<string, TabState>;
  idle: IdleState;
  idleDetectionMs: number;
  paused: boolean;
  manual: { taskId: string; thresholdMs: number } | null;
  open: OpenSegment | null;
  /** The task segment last closed because the worker went quiet, for the "was it work?" question. */
  quietSince: { taskId: string; platform: Source; end: number } | null;
  lastTickAt: number | null;
  /**
   * The worker's last own act in the attention tab (input, bringing a tab or window to front, a
   * page load): media counts for at most the media limit after it.
   */
  lastActAt: number | null;
  /** The latest instant recorded: time before it is never counted again, unless the clock jumps back. */
  highWater: number;
}

export function initialState(): EngineState {
  return {
    version: ENGINE_STATE_VERSION,
    focusedWindowId: null,
    activeTabByWindow: {},
    tabs: {},
    idle: 'active',
    idleDetectionMs: 15_000,
    paused: false,
    manual: null,
    open: null,
    quietSince: null,
    lastTickAt: null,
    lastActAt: null,
    highWater: 0,
  };
}

export interface EngineConfig {
  /** Sensors pulse at least this often while their page is visible. */
  heartbeatMs: number;
  /** Background ticks (alarms) at this period. */
  tickMs: number;
  /**
   * An event this much before the latest instant seen means the system clock was set back (events
   * are stamped by the background's clock; a few ms of reordering between listeners is normal).
   */
  clockBackMs: number;
  /**
   * A page's "hidden" that comes this soon after the browser brought its tab to front is the page
   * catching up, not the worker leaving: Chromium may fire the window's focus event while the
   * document still says hidden, and the sensor's pulse then reads the old visibility.
   */
  shownGraceMs: number;
}

/** Media counts for at most this long without input unless the worker sets another limit. */
export const DEFAULT_MEDIA_LIMIT_MS = 5 * 60_000;

export const DEFAULT_CONFIG: EngineConfig = { heartbeatMs: 5_000, tickMs: 30_000, clockBackMs: 5_000, shownGraceMs: 1_000 };
