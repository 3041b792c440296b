import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageNote } from '@/lib/message-handler';

interface Props {
  t: (key: string, subs?: string | string[]) => string;
}

/**
 * Fail soft and say so (issue #4): when the page in the active tab is a platform page TrueRate
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
      {t('pageNotRecognised', [t(`platform_${note.platform}`), note.missing.join(', ')])}
    </p>
  );
}
