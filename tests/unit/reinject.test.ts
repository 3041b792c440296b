import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { setupReinjection } from '@/entrypoints/background/reinject';
import { platformMatchPatterns } from '@/lib/platforms';

describe('after an update, the new content scripts start in the platform tabs already open', () => {
  beforeEach(() => fakeBrowser.reset());
  // Unit files share their modules (vitest.config.ts): the fake tabs.query must not outlive this file.
  afterEach(() => vi.restoreAllMocks());

  it('the sensor in every frame and the page reader in the top frame of each platform tab, on an update only', async () => {
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 7 }, { id: 9 }] as never);
    const calls: unknown[] = [];
    (browser as unknown as { scripting: unknown }).scripting = { executeScript: async (details: unknown) => void calls.push(details) };
    setupReinjection();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(calls).toEqual([]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false, previousVersion: '0.0.9' });
    await vi.waitFor(() => expect(calls).toHaveLength(4));
    expect(query).toHaveBeenCalledWith({ url: platformMatchPatterns({ frames: false }) });
    expect(calls).toEqual([
      { target: { tabId: 7, allFrames: true }, files: ['/content-scripts/activity.js'] },
      { target: { tabId: 7 }, files: ['/content-scripts/page-reader.js'] },
      { target: { tabId: 9, allFrames: true }, files: ['/content-scripts/activity.js'] },
      { target: { tabId: 9 }, files: ['/content-scripts/page-reader.js'] },
    ]);
  });
});
