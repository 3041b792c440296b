import { browser } from 'wxt/browser';

/**
 * Runs `onAlarm` each time the alarm `name` fires, and creates the alarm when it is missing (alarms
 * survive the service worker's sleep; create() with the same name would restart its period at every
 * wake, so only when it is missing).
 */
export function everyAlarm(name: string, schedule: { periodInMinutes: number; delayInMinutes?: number }, onAlarm: () => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) onAlarm();
  });
  void browser.alarms.get(name).then((alarm) => {
    if (!alarm) void browser.alarms.create(name, schedule);
  });
}
