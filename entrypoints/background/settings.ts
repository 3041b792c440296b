import { browser } from 'wxt/browser';
import { parseSettings, type Settings } from '@/lib/settings';

/**
 * Reads the settings each time (the service worker keeps nothing in memory). Settings that fail
 * validation are left untouched in storage and reported; the defaults apply meanwhile.
 */
export async function readSettings(): Promise<Settings> {
  const { settings } = await browser.storage.local.get('settings');
  const read = parseSettings(settings);
  if (!read.ok) console.warn('TrueRate: stored settings are invalid and were left as they are:', read.problem);
  return read.settings;
}
