import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { scratchDir } from './paths';

export interface Saved {
  suggestedFilename: string;
  text: string;
}

/**
 * Files the extension saves (Blob + <a download>), caught through CDP. Playwright's download event
 * does not fire for a browser attached with connectOverCDP (we launch Chromium ourselves: see
 * chromium.ts), so the browser is told to save into a scratch folder and report progress.
 */
export async function catchDownloads(browser: Browser): Promise<{ next: () => Promise<Saved>; close: () => void }> {
  const dir = scratchDir('downloads');
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir.path, eventsEnabled: true });
  const names = new Map<string, string>();
  const done: Saved[] = [];
  const waiting: ((saved: Saved) => void)[] = [];
  cdp.on('Browser.downloadWillBegin', (event: { guid: string; suggestedFilename: string }) => {
    names.set(event.guid, event.suggestedFilename);
  });
  cdp.on('Browser.downloadProgress', (event: { guid: string; state: string }) => {
    if (event.state !== 'completed') return;
    const saved = { suggestedFilename: names.get(event.guid) ?? '', text: readFileSync(join(dir.path, event.guid), 'utf8') };
    const resolve = waiting.shift();
    if (resolve) resolve(saved);
    else done.push(saved);
  });
  return {
    next: () => {
      const ready = done.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise<Saved>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no download completed within 20 s')), 20_000);
        waiting.push((saved) => {
          clearTimeout(timer);
          resolve(saved);
        });
      });
    },
    close: () => {
      void cdp.detach().catch(() => undefined);
      dir.remove();
    },
  };
}
