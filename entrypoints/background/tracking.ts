import { browser } from 'wxt/browser';
import type { TrueRateDb } from '@/lib/db/database';
import { DEFAULT_IDLE_THRESHOLD_S } from '@/lib/model/task';
import type { EngineEvent } from '@/lib/tracking/events';
import { readTrackerState } from '@/lib/db/tracker-state';
import { applyEvents } from '@/lib/ledger/apply-events';
import { createHeldFeed, type Feed } from '@/lib/ledger/held-events';
import { heldStore } from './held-store';
import { platformOfUrl, taskForUrl } from '@/lib/platforms';

const TICK_ALARM = 'truerate-tick';
/** browser.idle's smallest detection interval: "idle" 15 s after the last input anywhere. */
const IDLE_DETECTION_S = 15;

export type { Feed } from '@/lib/ledger/held-events';
export type Serial = <T>(change: () => Promise<T>) => Promise<T>;

/**
 * Runs ledger changes one at a time, in the order they were asked for, so that events reach the
 * engine in the order they happened. A failure is logged and the next change goes on.
 */
export function createSerial(): Serial {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(change: () => Promise<T>) => {
    const run = chain.then(change);
    chain = run.catch((error: unknown) => console.error('TrueRate: a ledger change failed', error));
    return run;
  };
}

/**
 * Hands events to the engine, through the ledger, in order. Events the database refuses are held
 * in storage.local and written first when it takes writes again (lib/ledger/held-events.ts).
 */
export function createFeed(db: TrueRateDb, serial: Serial): Feed {
  const held = createHeldFeed((events) => applyEvents(db, events), heldStore(), () => Date.now(), (error) =>
    console.error('TrueRate: the database refused a write; the events are held until it takes them', error),
  );
  return (events) => serial(() => held(events));
}

/** Connects the browser's tab, window, idle and alarm events to the engine. Returns an undo. */
export function setupTracking(db: TrueRateDb, feed: Feed): () => void {
  const now = () => Date.now();
  const onActivated = ({ tabId, windowId }: { tabId: number; windowId: number }) =>
    void feed([{ type: 'tab-activated', at: now(), tabId, windowId }]);
  const onFocus = (windowId: number) =>
    void feed([
      { type: 'window-focus', at: now(), windowId: windowId === browser.windows.WINDOW_ID_NONE ? null : windowId },
    ]);
  const onRemoved = (tabId: number) => void feed([{ type: 'tab-closed', at: now(), tabId }]);
  const onIdle = (state: 'active' | 'idle' | 'locked') =>
    void feed([{ type: 'idle-state', at: now(), state, detectionMs: IDLE_DETECTION_S * 1000 }]);
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === TICK_ALARM) void feed([{ type: 'tick', at: now() }]);
  };
  // A tab opened from a task page (a Prolific survey, an MTurk task in a new window) belongs to
  // that task: linked by its opener, so no host permission on the survey's site is needed.
  const onCreated = async (tab: { id?: number; openerTabId?: number; windowId?: number }) => {
    if (tab.id === undefined || tab.openerTabId === undefined) return;
    const state = await readTrackerState(db);
    const opener = state.tabs[tab.openerTabId];
    // Only a task page links what it opens: a tab opened from a linked tab (or from the popup
    // opened next to one) would chain links the worker never asked for.
    if (!opener?.taskId || opener.linked) return;
    await feed([
      {
        type: 'tab-linked',
        at: now(),
        tabId: tab.id,
        windowId: tab.windowId ?? opener.windowId,
        platform: opener.platform,
        taskId: opener.taskId,
        thresholdMs: opener.thresholdMs || DEFAULT_IDLE_THRESHOLD_S * 1000,
      },
    ]);
  };

  // A linked tab that navigates to a platform page is that page's now: its reader reports it, and
  // the report replaces the link. It is not unlinked here first: the report must still find the
  // task the tab showed, since a survey's last page (Prolific's completion address) says
  // "submitted" for it. One that navigates to another task's address belongs to that task. The
  // browser gives the address of a platform page (host permission) and, with the optional "tabs"
  // permission asked from the popup, of any page, which also links a survey tab opened some other way.
  const onUpdated = async (tabId: number, change: { url?: string }, tab: { windowId?: number }) => {
    const url = change.url;
    if (!url) return;
    const state = await readTrackerState(db);
    const known = state.tabs[tabId];
    if (known && !known.linked) return; // a platform page: its page reader says what it shows
    if (platformOfUrl(url) !== null) return; // likewise, once the page has loaded
    const recent = await db.tasks.where('acceptedAt').above(Date.now() - 24 * 3600 * 1000).toArray();
    const taskId = taskForUrl(url, recent.filter((t) => t.endedAt === null));
    const task = taskId ? recent.find((t) => t.id === taskId) : undefined;
    if (!task || task.platform === 'manual' || known?.taskId === task.id) return;
    await feed([
      {
        type: 'tab-linked',
        at: now(),
        tabId,
        windowId: tab.windowId ?? -1,
        platform: task.platform,
        taskId: task.id,
        thresholdMs: task.idleThresholdS * 1000,
      },
    ]);
  };

  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.windows.onFocusChanged.addListener(onFocus);
  browser.tabs.onRemoved.addListener(onRemoved);
  browser.tabs.onCreated.addListener(onCreated);
  browser.idle.onStateChanged.addListener(onIdle);
  browser.alarms.onAlarm.addListener(onAlarm);
  browser.idle.setDetectionInterval(IDLE_DETECTION_S);
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 0.5 });
  void seed(feed);

  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.windows.onFocusChanged.removeListener(onFocus);
    browser.tabs.onRemoved.removeListener(onRemoved);
    browser.tabs.onCreated.removeListener(onCreated);
    browser.idle.onStateChanged.removeListener(onIdle);
    browser.alarms.onAlarm.removeListener(onAlarm);
  };
}

/**
 * Where attention is when the background starts (browser start, extension update, or a service
 * worker woken after being stopped): the focused window, its active tab, the idle state.
 */
async function seed(feed: Feed): Promise<void> {
  const at = Date.now();
  const events: EngineEvent[] = [];
  try {
    const focused = await browser.windows.getLastFocused();
    if (focused.id !== undefined && focused.focused) {
      events.push({ type: 'window-focus', at, windowId: focused.id });
      const [active] = await browser.tabs.query({ active: true, windowId: focused.id });
      if (active?.id !== undefined) {
        events.push({ type: 'tab-activated', at, tabId: active.id, windowId: focused.id });
      }
    }
    const idle = await browser.idle.queryState(IDLE_DETECTION_S);
    events.push({ type: 'idle-state', at, state: idle, detectionMs: IDLE_DETECTION_S * 1000 });
  } catch (error) {
    console.warn('TrueRate: could not read where attention is at start-up', error);
  }
  if (events.length > 0) await feed(events);
}
