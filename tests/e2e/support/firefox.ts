import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import WebSocket from 'ws';
import { browserTempDir, FIREFOX_PATH } from './paths';

/**
 * A minimal WebDriver BiDi driver for Debian's firefox-esr (no geckodriver, no Playwright), as in
 * docs/testing.md#firefox-esr. Each launch gets a fresh profile, removed on close().
 */

/** Fixed so that extension pages have a known origin (moz-extension://<uuid>/). */
export const EXTENSION_UUID = '5d7c1f0e-3b8a-4e52-9a61-0c2f4b7e9d13';

const COMMAND_TIMEOUT_MS = 30_000;
const STARTUP_TIMEOUT_MS = 60_000;

export type Pref = string | number | boolean;
export type ReadyState = 'none' | 'interactive' | 'complete';

export interface LaunchOptions {
  /** An unpacked extension folder (.output/firefox-mv3). */
  extensionDir: string;
  /** The fixture server's CONNECT proxy: every request of the browser goes through it. */
  proxyPort: number;
  prefs?: Record<string, Pref>;
}

export interface Firefox {
  extensionUrl(path: string): string;
  newTab(): Promise<string>;
  navigate(context: string, url: string, wait?: ReadyState): Promise<void>;
  evaluate<T = unknown>(context: string, expression: string): Promise<T>;
  waitFor(context: string, expression: string, timeoutMs?: number): Promise<void>;
  /** Runs `functionDeclaration` in every new document before the page's own scripts. */
  addPreloadScript(functionDeclaration: string): Promise<void>;
  screenshot(context: string, file: string): Promise<void>;
  activate(context: string): Promise<void>;
  /** A real (trusted) key press in the page, through WebDriver BiDi input actions. */
  pressKey(context: string, key: string): Promise<void>;
  /**
   * BiDi input actions as they are (input.performActions), in any browsing context a frame
   * included: coordinates are then in the frame's own viewport.
   */
  performActions(context: string, actions: object[]): Promise<void>;
  /** The browsing contexts of a tab's frames (its iframes), with their URLs. */
  frames(context: string): Promise<{ context: string; url: string }[]>;
  /**
   * Installs the extension folder again, as an update of the add-on (same id, its files as they
   * are now on disk): Firefox stops the running version and starts the new one.
   */
  reinstall(extensionDir: string): Promise<void>;
  close(): Promise<void>;
}

const each = (names: string[], value: Pref) => Object.fromEntries(names.map((n) => [n, value]));
const off = (prefix: string, names: string[]) => each(names.map((n) => prefix + n), false);

/** Firefox reaches out on its own (updates, telemetry, studies, block lists, …): all off. */
const QUIET_PREFS: Record<string, Pref> = {
  ...off('app.', ['update.auto', 'update.checkInstallTime', 'normandy.enabled', 'shield.optoutstudies.enabled']),
  ...off('browser.', [
    'shell.checkDefaultBrowser', 'newtabpage.enabled', 'newtab.preload', 'topsites.contile.enabled',
    'ping-centre.telemetry', 'discovery.enabled', 'region.update.enabled', 'search.update',
    'translations.enable', 'ml.enable', 'sessionstore.resume_from_crash', 'tabs.warnOnClose',
  ]),
  ...off('browser.newtabpage.activity-stream.', ['feeds.topsites', 'feeds.section.topstories', 'telemetry']),
  ...off('browser.safebrowsing.', [
    'malware.enabled', 'phishing.enabled', 'blockedURIs.enabled', 'downloads.enabled', 'downloads.remote.enabled',
  ]),
  ...off('datareporting.', ['healthreport.uploadEnabled', 'policy.dataSubmissionEnabled']),
  ...off('toolkit.telemetry.', [
    'enabled', 'unified', 'archive.enabled', 'newProfilePing.enabled', 'shutdownPingSender.enabled',
    'firstShutdownPing.enabled', 'updatePing.enabled',
  ]),
  ...off('extensions.', [
    'update.enabled', 'update.autoUpdateDefault', 'blocklist.enabled', 'getAddons.cache.enabled',
    'systemAddon.update.enabled',
  ]),
  ...off('media.gmp', ['-manager.updateEnabled', '-gmpopenh264.enabled', '-widevinecdm.enabled']),
  ...off('network.', ['captive-portal-service.enabled', 'connectivity-service.enabled', 'predictor.enabled', 'prefetch-next']),
  ...off('security.remote_settings.', ['crlite_filters.enabled', 'intermediates.enabled']),
  ...off('', ['identity.fxaccounts.enabled', 'dom.push.connection.enabled']),
  ...each(['app.normandy.api_url', 'browser.region.network.url', 'geo.provider.network.url'], ''),
  ...each(['google4', 'mozilla'].flatMap((p) => ['update', 'gethash'].map((u) => `browser.safebrowsing.provider.${p}.${u}URL`)), ''),
  ...each(['toolkit.telemetry.server', 'media.gmp-manager.url', 'media.gmp-manager.chromium-update-url'], 'data:,'),
  ...each(['app.update.disabledForTesting', 'network.dns.disablePrefetch'], true),
  'datareporting.policy.dataSubmissionPolicyBypassNotification': true,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'toolkit.startup.max_resumed_crashes': -1,
  // Honoured by release builds only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (set in launchFirefox).
  'services.settings.server': 'data:,#remote-settings-disabled',
  'security.OCSP.enabled': 0,
  'network.trr.mode': 5,
  'network.http.speculative-parallel-limit': 0,
};

function proxyPrefs(port: number): Record<string, Pref> {
  // Plain http goes to the same proxy, which answers only CONNECT: nothing leaves the machine.
  return {
    'network.proxy.type': 1,
    ...each(['network.proxy.ssl', 'network.proxy.http'], '127.0.0.1'),
    ...each(['network.proxy.ssl_port', 'network.proxy.http_port'], port),
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}

const userJs = (prefs: Record<string, Pref>) =>
  Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join('');

function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: unknown } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${extensionDir}/manifest.json has no gecko id`);
  return id;
}

/**
 * A real (trusted) click, through WebDriver BiDi input, at the middle of the element that
 * `element` (an expression) gives in `context`, scrolled into view first unless `scroll` is false
 * (a scroll is activity to TrueRate's sensor): what a user gesture needs (permissions.request).
 */
export async function clickElement(ff: Firefox, context: string, element: string, scroll = true): Promise<void> {
  const at = await ff.evaluate<{ x: number; y: number }>(context, `(() => {
    const el = ${element};
    ${scroll ? "el.scrollIntoView({ block: 'center' });" : ''}
    const box = el.getBoundingClientRect();
    return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  })()`);
  await ff.performActions(context, [{
    type: 'pointer',
    id: 'mouse',
    parameters: { pointerType: 'mouse' },
    actions: [{ type: 'pointerMove', x: at.x, y: at.y }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
  }]);
}

/** Retries `attempt` (errors count as "not yet") until it returns other than undefined/null/false. */
export async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

interface RemoteValue {
  type: string;
  value?: unknown;
}

/** A BiDi serialized value back into a plain JS value, for the test to compare. */
export function deserialize({ type, value }: RemoteValue): unknown {
  // Containers deeper than maxObjectDepth come without a value.
  if (['array', 'set', 'object', 'map'].includes(type) && !Array.isArray(value)) {
    throw new Error(`remote ${type} too deeply nested to deserialize`);
  }
  const entries = () =>
    (value as [string | RemoteValue, RemoteValue][]).map(
      ([k, v]) => [typeof k === 'string' ? k : deserialize(k), deserialize(v)] as const,
    );
  switch (type) {
    case 'undefined': return undefined;
    case 'null': return null;
    case 'string': case 'boolean': return value;
    // NaN, -0 and the infinities come as strings.
    case 'number': return typeof value === 'number' ? value : value === '-0' ? -0 : Number(value);
    case 'bigint': return BigInt(value as string);
    case 'date': return new Date(value as string);
    case 'array': return (value as RemoteValue[]).map(deserialize);
    case 'set': return new Set((value as RemoteValue[]).map(deserialize));
    case 'object': return Object.fromEntries(entries());
    case 'map': return new Map(entries());
    default: throw new Error(`cannot deserialize a remote ${type}: make the expression return plain data`);
  }
}

type Incoming =
  | { type: 'success'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: string; message: string }
  | { type: 'event' };

interface Bidi {
  send<R>(method: string, params: object, timeoutMs?: number): Promise<R>;
  terminate(): void;
}

/** Commands over one WebSocket; each has a deadline, and every error names its method. */
async function connectBidi(url: string): Promise<Bidi> {
  const ws = new WebSocket(url, { handshakeTimeout: COMMAND_TIMEOUT_MS });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve).once('error', (e) => reject(new Error(`connecting to ${url}: ${e.message}`)));
  });
  type Pending = { method: string; resolve: (r: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
  const pending = new Map<number, Pending>();
  const settle = (id: number, outcome: Error | { result: unknown }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    if (outcome instanceof Error) entry.reject(outcome);
    else entry.resolve(outcome.result);
  };
  const failAll = (why: string) => {
    for (const [id, { method }] of pending) settle(id, new Error(`BiDi ${method}: ${why}`));
  };
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Incoming;
    if (message.type === 'success') settle(message.id, { result: message.result });
    else if (message.type === 'error' && message.id !== null) {
      const method = pending.get(message.id)?.method ?? '?';
      settle(message.id, new Error(`BiDi ${method} failed: ${message.error}: ${message.message}`));
    }
  });
  ws.on('close', () => failAll('the connection closed'));
  ws.on('error', (error) => failAll(`the connection failed: ${error.message}`));

  let nextId = 1;
  return {
    send: <R>(method: string, params: object, timeoutMs = COMMAND_TIMEOUT_MS) =>
      new Promise<R>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => settle(id, new Error(`BiDi ${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
        pending.set(id, { method, resolve: (r) => resolve(r as R), reject, timer });
        ws.send(JSON.stringify({ id, method, params }), (error) => {
          if (error) settle(id, new Error(`BiDi ${method}: send failed: ${error.message}`));
        });
      }),
    terminate: () => ws.terminate(),
  };
}

/** The BiDi URL Firefox prints on stderr; on failure, the error carries what it printed. */
function bidiUrl(proc: ChildProcess, stderr: Interface, tail: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, url = '') => {
      clearTimeout(timer);
      proc.off('exit', onExit).off('error', onError);
      stderr.off('line', onLine);
      if (error) reject(new Error(`Firefox ${error.message}. Last stderr lines:\n${tail.join('\n')}`));
      else resolve(url);
    };
    const onLine = (line: string) => {
      const url = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line)?.[1];
      if (url) done(null, url);
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(new Error(`exited before BiDi was ready (code ${code}, signal ${signal})`));
    const onError = (error: Error) => done(new Error(`did not start: ${error.message}`));
    const timer = setTimeout(() => done(new Error(`printed no BiDi URL in ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    stderr.on('line', onLine);
    proc.once('exit', onExit).once('error', onError);
  });
}

function exited(proc: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function launchFirefox(options: LaunchOptions): Promise<Firefox> {
  const id = geckoId(options.extensionDir);
  const scratch = browserTempDir('tr-f-');
  const { profile, tmp } = scratch;
  const prefs = { ...QUIET_PREFS, ...proxyPrefs(options.proxyPort), ...options.prefs };
  prefs['extensions.webextensions.uuids'] = JSON.stringify({ [id]: EXTENSION_UUID });
  writeFileSync(join(profile, 'user.js'), userJs(prefs));

  const args = ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'];
  // detached: its own process group, so close() can kill the content processes with it.
  const proc = spawn(FIREFOX_PATH, [...args, '--remote-allow-system-access'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // Without MOZ_REMOTE_SETTINGS_DEVTOOLS, release builds ignore services.settings.server.
    env: { ...process.env, TMPDIR: tmp, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  proc.on('error', () => undefined); // Reported by bidiUrl; must not crash the test process.
  // Read to the end so that Firefox never blocks on a full pipe; the tail goes into errors.
  const stderr = createInterface({ input: proc.stderr as NodeJS.ReadableStream });
  const tail: string[] = [];
  stderr.on('line', (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  });

  // A process that ends without close() (an uncaught error) must neither leave Firefox running
  // nor leave its profile in the temporary folder; both calls are synchronous, as exit needs.
  const killGroup = () => {
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // ESRCH: the whole group is gone already.
    }
  };
  const onExit = () => {
    killGroup();
    scratch.remove();
  };
  process.once('exit', onExit);

  let bidi: Bidi | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    process.off('exit', onExit);
    // browser.close ends the session and quits; the group kill then catches any straggler.
    await bidi?.send('browser.close', {}, 5_000).catch(() => undefined);
    bidi?.terminate();
    const quit = await exited(proc, 5_000);
    killGroup();
    if (!quit) await exited(proc, 5_000);
    stderr.close();
    scratch.remove();
  };

  try {
    const conn = (bidi = await connectBidi(`${await bidiUrl(proc, stderr, tail)}/session`));
    await conn.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
    const install = async (path: string) => {
      const { extension } = await conn.send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path } });
      if (extension !== id) throw new Error(`webExtension.install gave id ${extension}, expected ${id}`);
    };
    await install(options.extensionDir);

    type Evaluated = { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };
    const evaluate = async <T>(context: string, expression: string): Promise<T> => {
      const result = await conn.send<Evaluated>('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
        resultOwnership: 'none',
        serializationOptions: { maxObjectDepth: 20 },
      });
      if (result.type === 'exception') {
        throw new Error(`script.evaluate: the page threw ${result.exceptionDetails.text}\nin: ${expression}`);
      }
      return deserialize(result.result) as T;
    };

    return {
      extensionUrl: (path) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`,
      newTab: async () => (await conn.send<{ context: string }>('browsingContext.create', { type: 'tab' })).context,
      navigate: async (context, url, wait = 'complete') => {
        // NS_ERROR_ABORT: another navigation in the tab superseded this one, such as a task
        // frame's own form submission still loading when the test moves the top page on (seen
        // under load, after a frame's requestSubmit). Nothing was tested yet; go again, twice at most.
        for (let attempt = 1; ; attempt++) {
          try {
            await conn.send('browsingContext.navigate', { context, url, wait });
            return;
          } catch (error) {
            const message = (error as Error).message;
            if (attempt < 3 && message.includes('NS_ERROR_ABORT')) continue;
            throw new Error(`${message} (url ${url}${attempt > 1 ? `, attempt ${attempt}` : ''})`);
          }
        }
      },
      evaluate,
      waitFor: async (context, expression, timeoutMs = 10_000) => {
        const truthy = () => evaluate<boolean>(context, `Boolean(${expression})`);
        await poll(`\`${expression}\` to be truthy`, truthy, timeoutMs);
      },
      addPreloadScript: (functionDeclaration) => conn.send<void>('script.addPreloadScript', { functionDeclaration }),
      screenshot: async (context, file) => {
        const { data } = await conn.send<{ data: string }>('browsingContext.captureScreenshot', { context });
        writeFileSync(file, Buffer.from(data, 'base64'));
      },
      activate: (context) => conn.send<void>('browsingContext.activate', { context }),
      pressKey: (context, key) =>
        conn.send<void>('input.performActions', {
          context,
          actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }],
        }),
      performActions: (context, actions) => conn.send<void>('input.performActions', { context, actions }),
      frames: async (context) => {
        type Info = { context: string; url: string; children: Info[] | null };
        const { contexts } = await conn.send<{ contexts: Info[] }>('browsingContext.getTree', { root: context });
        const all: { context: string; url: string }[] = [];
        const walk = (infos: Info[] | null) => {
          for (const info of infos ?? []) {
            all.push({ context: info.context, url: info.url });
            walk(info.children);
          }
        };
        walk(contexts[0]?.children ?? []);
        return all;
      },
      reinstall: install,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
