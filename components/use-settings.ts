import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadStrings, type Strings } from '@/components/i18n';
import { parseSettings, type SettingsRead } from '@/lib/settings';

export type Boot = { kind: 'loading' } | { kind: 'ready'; settingsRead: SettingsRead; strings: Strings };

/** Reads the settings and loads the strings of their language (started before the first render). */
export async function readBoot(): Promise<Extract<Boot, { kind: 'ready' }>> {
  const stored = (await browser.storage.local.get('settings')) as { settings?: unknown };
  const settingsRead = parseSettings(stored.settings);
  return { kind: 'ready', settingsRead, strings: await loadStrings(settingsRead.settings.language) };
}

/**
 * The worker's settings (browser.storage.local "settings", validated: invalid ones are reported,
 * not replaced) and the strings of the chosen language; both follow changes saved elsewhere.
 */
export function useSettings(initial?: Boot) {
  const [boot, setBoot] = useState<Boot>(initial ?? { kind: 'loading' });

  const read = useCallback(async () => {
    setBoot(await readBoot());
  }, []);

  useEffect(() => {
    if (!initial) read().catch((error: unknown) => console.warn('TrueRate: could not read settings', error));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) read().catch(() => undefined);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [read]);

  return { boot, reread: read };
}
