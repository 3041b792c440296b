import { browser } from 'wxt/browser';
import { platformMatchPatterns } from '@/lib/platforms';

/**
 * After an update (or a reload), the content scripts already in open platform tabs belong to the
 * old extension: they stop (lib/content/script-context.ts), and the browser does not start the new
 * ones in those tabs until they load again. So a task open in a tab would stop being timed at an
 * update. The new background starts them there itself: the sensor in every frame TrueRate may
 * script (the platform's pages and task frames), the page reader in the top frame. Tabs and frames
 * it may not script are skipped.
 *
 * Chrome only: Firefox starts the new version's declared content scripts in open tabs on its own
 * (an update mid-task goes on being timed there, tests/e2e/firefox-faults.e2e.ts), so starting
 * them again would give a frame two sensors. In Chrome this needs host permissions on the
 * platforms' hosts: the content scripts' matches do not let executeScript in
 * (docs/security.md#permissions-and-why-each).
 */
export function setupReinjection(): void {
  if (import.meta.env.FIREFOX) return;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update') void reinject().catch((error: unknown) => console.warn('TrueRate: content scripts not restarted after the update:', error));
  });
}

async function reinject(): Promise<void> {
  const tabs = await browser.tabs.query({ url: platformMatchPatterns({ frames: false }) });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const target = { tabId: tab.id };
    await browser.scripting.executeScript({ target: { ...target, allFrames: true }, files: ['/content-scripts/activity.js'] }).catch(() => undefined);
    await browser.scripting.executeScript({ target, files: ['/content-scripts/page-reader.js'] }).catch(() => undefined);
  }
}
