import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * A value the background keeps in storage.local, read through `parse` (it is checked on every
 * read, never trusted), and followed as the background changes it; null until read, or when it
 * is missing or fails its check.
 */
export function useStored<T>(key: string, parse: (value: unknown) => T | null): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    void browser.storage.local.get(key).then((stored) => setValue(parse(stored[key])), () => undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && key in changes) setValue(parse(changes[key]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
    // `parse` is a module-level function for every caller: the key alone decides what is followed.
  }, [key]);
  return value;
}
