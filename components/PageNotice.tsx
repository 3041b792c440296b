import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageNote } from '@/lib/message-handler';

interface Props {
  t: (key: string, subs?: string | string[]) => string;
}

/**
 * An adapter names what it could not read by its own technical name (`requesterName`, `cc`): the
 * worker reads words instead, and a name without words yet still shows as itself.
 */
export const missingKey = (name: string) => `missing_${name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;

export function missingLabel(name: string, t: Props['t']): string {
  const key = missingKey(name);
  const label = t(key);
  return label === key ? name : label;
}

/**
 * Fail soft and say so: when the page in the active tab is a platform page TrueRate
 * could not fully read (the site changed), tell the worker instead of silently recording nothing.
 */
export function PageNotice({ t }: Props) {
  const [note, setNote] = useState<PageNote | null>(null);
  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) return;
      const key = `page:${tab.id}`;
      const stored = (await browser.storage.session.get(key))[key] as PageNote | undefined;
      if (stored && stored.missing.length > 0) setNote(stored);
    })().catch(() => undefined);
  }, []);
  if (!note) return null;
  return (
    <p class="notice" role="status">
      {t('pageNotRecognised', [t(`platform_${note.platform}`), note.missing.map((name) => missingLabel(name, t)).join(', ')])}
    </p>
  );
}
