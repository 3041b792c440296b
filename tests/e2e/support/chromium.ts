import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { browserTempDir, CHROMIUM_PATH, CHROME_DIST } from './paths';

/**
 * Flags every Chromium run uses (README, "Real-browser tests"): no network of its own, no
 * sandbox (root in CI), a fresh profile each time.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--password-store=basic',
];

export interface ChromiumSession {
  browser: Browser;
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker at launch (a killed worker is replaced by a new one). */
  serviceWorker: Worker;
  extensionUrl(path: string): string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
  /** Kills the browser at once (SIGKILL), as a crash would. */
  crash(): void;
}

export interface LaunchOptions {
  hostResolverRules: string;
  /** SPKI hash of the fixture server's certificate, trusted for this profile only. */
  spki: string;
  headless?: boolean;
  /** The unpacked extension to load; null runs Chromium without it (benchmark baseline). */
  extensionDir?: string | null;
  extraArgs?: string[];
  /**
   * A profile folder to use and keep (a fault test restarts a killed browser on it); the caller
   * removes it. Without it, a fresh profile is made and removed with the browser.
   */
  profileDir?: string;
  /** More environment for the browser's processes (a fault test sets its clock with libfaketime). */
  env?: Record<string, string>;
}

/**
 * Starts Chromium ourselves and attaches over CDP instead of launchPersistentContext: Playwright's
 * own launch emulates focus on every page, so background tabs would look visible and focused
 * (docs/testing.md#headless-chromium). Attached this way, tab
 * visibility and focus are the browser's real ones, which the attention tests rely on.
 */
export async function launchChromium(opts: LaunchOptions): Promise<ChromiumSession> {
  const scratch = browserTempDir('tr-c-');
  const extensionDir = opts.extensionDir === undefined ? CHROME_DIST : opts.extensionDir;
  const args = [
    ...CHROMIUM_FLAGS,
    `--user-data-dir=${opts.profileDir ?? scratch.profile}`,
    '--remote-debugging-port=0',
    `--host-resolver-rules=${opts.hostResolverRules}`,
    `--ignore-certificate-errors-spki-list=${opts.spki}`,
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ...(opts.headless === false ? [] : ['--headless']),
    ...(opts.extraArgs ?? []),
    'about:blank',
  ];
  const child = spawn(CHROMIUM_PATH, args, {
    env: { ...process.env, ...opts.env, TMPDIR: scratch.tmp },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const cleanup = () => {
    process.off('exit', cleanup);
    killGroup(child);
    scratch.remove();
  };
  // Chromium is detached (its own group): a process that ends without close() (an uncaught
  // error) must neither leave it running nor leave its profile in the temporary folder.
  process.once('exit', cleanup);
  try {
    const wsUrl = await devtoolsUrl(child);
    const browser = await chromium.connectOverCDP(wsUrl, { noDefaults: true });
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium started without a default browser context');
    const serviceWorker = extensionDir
      ? (context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
        (await context.waitForEvent('serviceworker', {
          predicate: (w) => w.url().endsWith('/background.js'),
          timeout: 30_000,
        })))
      : (undefined as unknown as Worker);
    const extensionId = extensionDir ? new URL(serviceWorker.url()).host : '';
    return {
      browser,
      context,
      extensionId,
      serviceWorker,
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      newPage: async () => {
        // A new tab opens in front, as in a browser a worker uses. Headless Chromium's new target
        // is the active tab, but the tests' first page in a fresh browser sometimes got no time at
        // all under CI's load (never alone), as if the extension had not been told its window has
        // the focus: bringing it to front says so again.
        const page = await context.newPage();
        await page.bringToFront();
        return page;
      },
      close: async () => {
        await browser.close().catch(() => undefined);
        cleanup();
      },
      crash: () => {
        // SIGKILL to the whole group, as a crash or a killed process: nothing is flushed.
        killGroup(child);
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

function devtoolsUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      reject(new Error(`Chromium did not print its DevTools URL within 30 s. stderr:\n${seen}`));
    }, 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before DevTools was ready. stderr:\n${seen}`));
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // Chromium forks renderers and helpers; the negative pid ends the whole group.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
