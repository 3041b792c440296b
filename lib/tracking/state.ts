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
  media: boolean;
  focusInFrame: boolean;
  /** Last pulse from the tab's sensor: pulses stop while the machine sleeps. */
  pulseAt: number | null;
}

export interface OpenSegment extends Segment {
  tabId: number | null;
  thresholdMs: number;
  /** The last sign seen directly; `end` may run past it on signs inferred from browser.idle. */
  sureEnd: number;
  /** Fed by background ticks (linked tab, manual timer) rather than by a sensor's pulses. */
  byTicks: boolean;
}

export interface EngineState {
  version: 1;
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
  /** The latest instant recorded: time before it is never counted again (clock set back). */
  highWater: number;
}

export function initialState(): EngineState {
  return {
    version: 1,
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
    highWater: 0,
  };
}

export interface EngineConfig {
  /** Sensors pulse at least this often while their page is visible (design: 5 s). */
  heartbeatMs: number;
  /** Background ticks (alarms) at this period. */
  tickMs: number;
}

export const DEFAULT_CONFIG: EngineConfig = { heartbeatMs: 5_000, tickMs: 30_000 };
