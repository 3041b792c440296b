/// <reference lib="webworker" />
import { z } from 'zod';
import { checkBackup } from '@/lib/backup/check-backup';

/**
 * Checks a backup's text off the options page's main thread: parsing and validating a file of
 * 100 MB takes seconds, during which the page must stay responsive (DataRestore.tsx).
 */
self.onmessage = (event: MessageEvent<{ text: string; locale: string }>) => {
  const { text, locale } = event.data;
  const errorMap = locale.toLowerCase().startsWith('fr') ? z.locales.fr().localeError : undefined;
  self.postMessage(checkBackup(text, { errorMap }));
};
