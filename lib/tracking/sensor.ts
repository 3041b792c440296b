import type { ContentMessage } from '../messages';
import { externalSubmitAssignment } from './frame-submit';

type Pulse = Extract<ContentMessage, { type: 'activity/pulse' }>;

export interface SensorEnv {
  /**
   * The sensor only paces its pulses and says how long ago an input was: a monotonic clock
   * (performance.now) serves, and a system clock set back cannot silence it. The background stamps
   * the pulse (docs/time.md#a-clock-set-back).
   */
  now: () => number;
  send: (pulse: Pulse) => void;
  /**
   * A task frame's answers went out to MTurk: its externalSubmit form was submitted, nothing
   * cancelled the submit, and the frame is now leaving for the answer's page (its beforeunload or
   * pagehide). A requester's script that submits and cancels cannot end the task.
   */
  submitted?: (assignmentId: string) => void;
  setInterval: (fn: () => void, ms: number) => unknown;
  setTimeout: (fn: () => void, ms: number) => unknown;
  listen: (target: EventTarget, type: string, fn: (event: Event) => void) => void;
}

/** Input that shows a person at work; trusted events only, so a page script cannot fake it. */
export const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll', 'input'];
/** Media state changes (muting included) are reported promptly; what counts is decided at pulse time. */
export const MEDIA_EVENTS = ['play', 'playing', 'pause', 'ended', 'emptied', 'volumechange'];
export const MIN_GAP_MS = 1_000;
export const HEARTBEAT_MS = 5_000;

const isFrame = (element: Element | null) => element?.tagName === 'IFRAME' || element?.tagName === 'FRAME';

/**
 * The activity sensor of one frame. It sends at most one pulse a second: the first input after a
 * quiet second at once, later inputs in a trailing pulse, and a heartbeat every 5 s while the page
 * is visible, which also proves the machine is awake. Every listener ignores events a page script
 * dispatches (`isTrusted`), since each pulse is a database write in the background. Listeners only
 * note a timestamp, so the cost per input event is a comparison and an assignment; the page is
 * looked at (media, focus) only when a pulse is sent.
 */
export function startSensor(doc: Document, win: Window, env: SensorEnv): void {
  // The first and the last input not reported yet: both are signs (the first starts a segment
  // after a quiet stretch, the last ends it), and a pulse may carry a second's worth of input.
  let firstUnsent: number | null = null;
  let lastInput: number | null = null;
  let lastSent = Number.NEGATIVE_INFINITY;
  let trailing = false;
  let unloading = false;
  // An externalSubmit submit seen but maybe cancelled by a page listener after ours, and one known
  // not to be cancelled, waiting for the frame to leave.
  let pendingSubmit: { event: Event; assignmentId: string } | null = null;
  let confirmedSubmit: string | null = null;
  let watchingLeave = false;

  // A video counts only where it can be seen: a box of its own inside this frame's viewport.
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    if (box.bottom <= 0 || box.right <= 0 || box.top >= win.innerHeight || box.left >= win.innerWidth) return false;
    return typeof element.checkVisibility === 'function'
      ? element.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      : win.getComputedStyle(element).visibility !== 'hidden';
  };
  // Playing media is a sign of work (transcription) only if the worker can hear or see it: a
  // muted, hidden, looping video in a page must not keep a task's clock running.
  const mediaCounts = () => {
    for (const media of doc.querySelectorAll<HTMLMediaElement>('audio, video')) {
      if (media.paused || media.ended || media.readyState <= 2) continue;
      if (!media.muted && media.volume > 0) return true;
      if (media.tagName === 'VIDEO' && inView(media)) return true;
    }
    return false;
  };

  const send = () => {
    const now = env.now();
    lastSent = now;
    // Whole milliseconds, as the message says: performance.now has fractions.
    const ago = (at: number | null) => (at === null ? null : Math.round(Math.min(60_000, Math.max(0, now - at))));
    const unsent = firstUnsent !== null;
    // hasFocus() is also true when the focus is in a child frame: the active element tells which.
    const focused = doc.hasFocus();
    const inFrame = focused && isFrame(doc.activeElement);
    env.send({
      type: 'activity/pulse',
      inputAgoMs: unsent ? ago(lastInput) : null,
      firstInputAgoMs: unsent ? ago(firstUnsent) : null,
      media: mediaCounts(),
      focusInFrame: inFrame,
      focusHere: focused && !inFrame,
      // While the page unloads (a link, a submit) it is still the page the worker was on.
      visible: unloading || doc.visibilityState === 'visible',
    });
    firstUnsent = null;
  };

  const soon = () => {
    const wait = lastSent + MIN_GAP_MS - env.now();
    // More than the gap to wait: the clock went back (a clock that is not monotonic). Send now,
    // rather than wait as long as it went back.
    if (wait <= 0 || wait > MIN_GAP_MS) return send();
    if (trailing) return;
    trailing = true;
    env.setTimeout(() => {
      trailing = false;
      send();
    }, wait);
  };

  const onInput = (event: Event) => {
    if (!event.isTrusted) return;
    lastInput = env.now();
    firstUnsent ??= lastInput;
    soon();
  };
  for (const type of INPUT_EVENTS) env.listen(doc, type, onInput);

  // Our capture listener runs before the page's own submit listeners, which may still cancel the
  // submit: whether it went out is known only once its dispatch is over.
  const settleSubmit = () => {
    if (pendingSubmit && !pendingSubmit.event.defaultPrevented) confirmedSubmit = pendingSubmit.assignmentId;
    pendingSubmit = null;
  };
  const reportSubmit = () => {
    settleSubmit();
    if (confirmedSubmit !== null) env.submitted?.(confirmedSubmit);
    confirmedSubmit = null;
  };
  // The frame leaving is seen at its beforeunload, as the post starts, or at the latest at its
  // pagehide. pagehide alone is not enough in Firefox: a message sent from the task frame's
  // pagehide after its submit was lost in 2 of 5 runs of the MTurk life test (the answer's page is
  // on another site, so in another process), and none sent from beforeunload in 6. The listener
  // is added only after such a submit: a beforeunload listener makes Chromium ask the frame before
  // each of its navigations.
  const onLeave = (event: Event) => {
    if (event.isTrusted) reportSubmit();
  };
  env.listen(doc, 'submit', (event) => {
    if (!event.isTrusted || !(event.target instanceof HTMLFormElement)) return;
    const assignmentId = externalSubmitAssignment(event.target);
    if (!assignmentId) return;
    pendingSubmit = { event, assignmentId };
    env.setTimeout(settleSubmit, 0);
    if (!watchingLeave) env.listen(win, 'beforeunload', onLeave);
    watchingLeave = true;
  });

  const onMedia = (event: Event) => {
    if (event.isTrusted) soon();
  };
  for (const type of MEDIA_EVENTS) env.listen(doc, type, onMedia);

  // Leaving the page flushes what is unsent; the visibilitychange that unloading fires next is not
  // the worker looking away (the next page's reader reports where the tab went).
  env.listen(win, 'pagehide', (event) => {
    if (!event.isTrusted) return;
    send();
    unloading = true;
    reportSubmit();
  });
  env.listen(win, 'pageshow', (event) => {
    if (event.isTrusted) unloading = false;
  });
  env.listen(doc, 'visibilitychange', (event) => {
    if (event.isTrusted && !unloading) send();
  });
  // Focus entering or leaving this window (a click into a task frame blurs its parent): tell the
  // background soon, once the focus has settled (the active element may change after the event).
  // Element focus and blur pass through this capture listener too; only the window's own count.
  const onFocus = (event: Event) => {
    if (event.isTrusted && !(event.target instanceof Node)) env.setTimeout(soon, 0);
  };
  env.listen(win, 'focus', onFocus);
  env.listen(win, 'blur', onFocus);

  env.setInterval(() => {
    const since = env.now() - lastSent;
    if (doc.visibilityState === 'visible' && (since >= HEARTBEAT_MS - 50 || since < 0)) send();
  }, HEARTBEAT_MS);
  if (doc.visibilityState === 'visible') send();
}
