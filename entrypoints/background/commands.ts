import { browser } from 'wxt/browser';
import type { TrueRateDb } from '@/lib/db/database';
import { thresholdFor } from '@/lib/settings';
import { endTask, manualTask } from '@/lib/ledger/manual';
import { readTrackerState } from '@/lib/ledger/apply-events';
import { readSettings } from './settings';
import type { Feed } from './tracking';

export const TOGGLE_MANUAL = 'toggle-manual-timer';

/** The keyboard shortcut starts a manual task on any site, or stops the one running. */
export function setupCommands(db: TrueRateDb, feed: Feed): () => void {
  const onCommand = async (command: string) => {
    if (command !== TOGGLE_MANUAL) return;
    const at = Date.now();
    const running = (await readTrackerState(db)).manual;
    if (running) {
      await feed([{ type: 'manual-stop', at }]);
      await endTask(db, running.taskId, at);
      return;
    }
    const id = `manual:${crypto.randomUUID()}`;
    const title = browser.i18n.getMessage('manualTaskDefaultTitle', [new Date(at).toLocaleTimeString()]);
    const thresholdS = thresholdFor(await readSettings(), 'manual');
    await db.tasks.add(manualTask(id, title || 'Manual task', null, at, thresholdS));
    await feed([{ type: 'manual-start', at, taskId: id, thresholdMs: thresholdS * 1000 }]);
  };
  browser.commands.onCommand.addListener(onCommand);
  return () => browser.commands.onCommand.removeListener(onCommand);
}
