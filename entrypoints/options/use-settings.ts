import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadStrings, type Strings } from '@/components/i18n';
import { parseSettings, type SettingsRead } from '@/lib/settings';

export type Boot = { kind: 'loading' } | { kind: 'ready'; settingsRead: SettingsRead; strings: Strings };

/**
 * The worker's settings (browser.storage.local "settings", validated: invalid ones are reported,
 * not replaced) and the strings of the chosen language; both follow changes saved elsewhere.
 */
export function useSettings() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });

  const read = useCallback(async () => {
    const stored = (await browser.storage.local.get('settings')) as { settings?: unknown };
    const settingsRead = parseSettings(stored.settings);
    const strings = await loadStrings(settingsRead.settings.language);
    setBoot({ kind: 'ready', settingsRead, strings });
  }, []);

  useEffect(() => {
    read().catch((error: unknown) => console.warn('TrueRate: could not read settings', error));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) read().catch(() => undefined);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [read]);

  return { boot, reread: read };
}
