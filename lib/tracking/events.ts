import type { PlatformId, Source } from '../model/platform-id';

/**
 * What the attention engine hears. Every event carries `at`, the background's clock in epoch ms
 * (never a page's clock). The rules they feed: docs/time.md.
 */
export type IdleState = 'active' | 'idle' | 'locked';

export type EngineEvent =
  /**
   * A pulse from the activity sensor of a frame in `tabId`. `input`: the time of the last input
   * (key, pointer, wheel, touch, scroll) the pulse reports, if any since the previous pulse.
   * `media`: audible or visible audio/video is playing in the frame. `focusInFrame`: focus is inside
   * a child frame of this one. `focusHere`: this frame itself holds the focus, so its own input is
   * the evidence. Every pulse also proves the machine is awake.
   */
  | {
      type: 'pulse';
      at: number;
      tabId: number;
      /** The frame that pulsed: 0 is the tab's top frame. */
      frameId?: number;
      input: number | null;
      /** The first of several inputs gathered in this pulse, if earlier than `input`. */
      firstInput?: number | null;
      media: boolean;
      focusInFrame: boolean;
      focusHere?: boolean;
      visible: boolean;
      /** The worker's media limit (a setting): media counts this long after the last act at most. */
      mediaLimitMs?: number;
      /** Where the pulse came from, to register a platform tab not reported yet (overhead). */
      page?: { platform: PlatformId; windowId: number; thresholdMs: number };
    }
  /** What a tab shows: a platform page, with the task open in it (null: overhead). */
  | {
      type: 'tab-page';
      at: number;
      tabId: number;
      windowId: number;
      platform: PlatformId;
      taskId: string | null;
      thresholdMs: number;
    }
  /** A tab opened from a task (survey, new window): its focused time belongs to that task. */
  | {
      type: 'tab-linked';
      at: number;
      tabId: number;
      windowId: number;
      platform: PlatformId;
      taskId: string;
      thresholdMs: number;
    }
  /** The tab left the platform (navigated elsewhere): it no longer carries a task. */
  | { type: 'tab-unlinked'; at: number; tabId: number }
  | { type: 'tab-activated'; at: number; tabId: number; windowId: number }
  | { type: 'tab-closed'; at: number; tabId: number }
  /** Focus moved to another browser window, or out of the browser (windowId null). */
  | { type: 'window-focus'; at: number; windowId: number | null }
  /** browser.idle, with a detection interval of `detectionMs`. */
  | { type: 'idle-state'; at: number; state: IdleState; detectionMs: number }
  /** A periodic background pulse (alarm): proves the machine is awake, measures linked tabs. */
  | { type: 'tick'; at: number }
  | { type: 'task-ended'; at: number; taskId: string }
  | { type: 'manual-start'; at: number; taskId: string; thresholdMs: number }
  | { type: 'manual-stop'; at: number }
  | { type: 'pause'; at: number }
  | { type: 'resume'; at: number };

/** A closed interval of attention: `[start, end)`, for one task or for overhead (taskId null). */
export interface Segment {
  taskId: string | null;
  platform: Source;
  start: number;
  end: number;
}
