import { browser } from 'wxt/browser';
import type { TrueRateDb } from '@/lib/db/database';
import { thresholdFor } from '@/lib/settings';
import { readTrackerState } from '@/lib/db/tracker-state';
import { startManual, stopManual } from '@/lib/ledger/manual';
import { readSettings } from './settings';
import type { Serial } from './tracking';

export const TOGGLE_MANUAL = 'toggle-manual-timer';

/** The keyboard shortcut starts a manual task on any site, or stops the one running. */
export function setupCommands(db: TrueRateDb, serial: Serial): () => void {
  const onCommand = async (command: string) => {
    if (command !== TOGGLE_MANUAL) return;
    const at = Date.now();
    if ((await readTrackerState(db)).manual) {
      await serial(() => stopManual(db, at));
      return;
    }
    const id = `manual:${crypto.randomUUID()}`;
    const title = browser.i18n.getMessage('manualTaskDefaultTitle', [new Date(at).toLocaleTimeString()]);
    const thresholdS = thresholdFor(await readSettings(), 'manual');
    await serial(() => startManual(db, { id, title: title || 'Manual task', reward: null, thresholdS }, at));
  };
  browser.commands.onCommand.addListener(onCommand);
  return () => browser.commands.onCommand.removeListener(onCommand);
}
