import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import WebSocket from 'ws';
import { FIREFOX_PATH, scratchDir } from './paths';

/**
 * A minimal WebDriver BiDi driver for Debian's firefox-esr (no geckodriver, no Playwright): see
 * ../shared/toolchain.md, "Firefox end to end". One fresh profile per launch, removed on close().
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
  extensionId: string;
  extensionUrl(path: string): string;
  newTab(): Promise<string>;
  navigate(context: string, url: string, wait?: ReadyState): Promise<void>;
  evaluate<T = unknown>(context: string, expression: string): Promise<T>;
  waitFor(context: string, expression: string, timeoutMs?: number): Promise<void>;
  /** Runs `functionDeclaration` in every new document before its own scripts. */
  addPreloadScript(functionDeclaration: string): Promise<void>;
  screenshot(context: string, file: string): Promise<void>;
  activate(context: string): Promise<void>;
  close(): Promise<void>;
}

/** Firefox reaches out on its own (updates, telemetry, studies, safe browsing lists, …). */
const QUIET_PREFS: Record<string, Pref> = {
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.update.checkInstallTime': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.newtabpage.enabled': false,
  'browser.newtab.preload': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.topsites.contile.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.discovery.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.update': false,
  'browser.translations.enable': false,
  'browser.ml.enable': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google4.gethashURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.mozilla.gethashURL': '',
  'browser.sessionstore.resume_from_crash': false,
  'browser.tabs.warnOnClose': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.policy.dataSubmissionPolicyBypassNotification': true,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': 'data:,',
  'toolkit.telemetry.newProfilePing.enabled': false,
  'toolkit.telemetry.shutdownPingSender.enabled': false,
  'toolkit.telemetry.firstShutdownPing.enabled': false,
  'toolkit.telemetry.updatePing.enabled': false,
  'toolkit.startup.max_resumed_crashes': -1,
  // Honoured on ESR only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (set in launchFirefox).
  'services.settings.server': 'data:,#remote-settings-disabled',
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'security.OCSP.enabled': 0,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': 'data:,',
  'media.gmp-manager.chromium-update-url': 'data:,',
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-widevinecdm.enabled': false,
  'identity.fxaccounts.enabled': false,
  'dom.push.connection.enabled': false,
  'geo.provider.network.url': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
};

function proxyPrefs(port: number): Record<string, Pref> {
  // Plain http goes to the same proxy, which answers only CONNECT: nothing leaves the machine.
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}

function userJs(prefs: Record<string, Pref>): string {
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: unknown } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${extensionDir}/manifest.json has no gecko id`);
  return id;
}

/** Retries `attempt` until it returns something other than undefined/null/false. */
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

/** BiDi's serialized JS values back into plain values (what a test compares). */
export function deserialize(remote: RemoteValue): unknown {
  const { type, value } = remote;
  const list = () => {
    if (!Array.isArray(value)) throw new Error(`remote ${type} too deep to deserialize`);
    return (value as RemoteValue[]).map(deserialize);
  };
  switch (type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return typeof value === 'number' ? value : value === '-0' ? -0 : Number(value);
    case 'bigint':
      return BigInt(value as string);
    case 'date':
      return new Date(value as string);
    case 'array':
      return list();
    case 'set':
      return new Set(list());
    case 'object':
    case 'map': {
      if (!Array.isArray(value)) throw new Error(`remote ${type} too deep to deserialize`);
      const entries = (value as [string | RemoteValue, RemoteValue][]).map(
        ([key, item]) => [typeof key === 'string' ? key : deserialize(key), deserialize(item)] as const,
      );
      return type === 'map' ? new Map(entries) : Object.fromEntries(entries);
    }
    default:
      throw new Error(`cannot deserialize a remote ${type}: make the expression return plain data`);
  }
}

type Incoming =
  | { type: 'success'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: string; message: string }
  | { type: 'event'; method: string; params: unknown };

/** Request/response over one WebSocket; every command has a deadline. */
class BidiConnection {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { method: string; resolve: (r: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.receive(String(data)));
    ws.on('close', () => this.failAll('the BiDi connection closed'));
    ws.on('error', (error) => this.failAll(`the BiDi connection failed: ${error.message}`));
  }

  static open(url: string): Promise<BidiConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`connecting to ${url} timed out`));
      }, COMMAND_TIMEOUT_MS);
      ws.once('open', () => (clearTimeout(timer), resolve(new BidiConnection(ws))));
      ws.once('error', (e) => (clearTimeout(timer), reject(new Error(`connecting to ${url}: ${e.message}`))));
    });
  }

  send<R>(method: string, params: object, timeoutMs = COMMAND_TIMEOUT_MS): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`BiDi ${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: (r) => resolve(r as R), reject, timer });
      this.ws.send(JSON.stringify({ id, method, params }), (error) => {
        if (error) this.settle(id, new Error(`BiDi ${method}: send failed: ${error.message}`));
      });
    });
  }

  terminate(): void {
    this.ws.terminate();
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as Incoming;
    if (message.type === 'event' || message.id === null) return;
    const method = this.pending.get(message.id)?.method ?? '?';
    this.settle(
      message.id,
      message.type === 'success'
        ? { result: message.result }
        : new Error(`BiDi ${method} failed: ${message.error}: ${message.message}`),
    );
  }

  private settle(id: number, outcome: Error | { result: unknown }): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (outcome instanceof Error) entry.reject(outcome);
    else entry.resolve(outcome.result);
  }

  private failAll(reason: string): void {
    for (const [id, entry] of this.pending) this.settle(id, new Error(`BiDi ${entry.method}: ${reason}`));
  }
}

/** Resolves with the BiDi URL Firefox prints on stderr, or rejects with what it printed. */
function bidiUrl(proc: ChildProcess, stderr: Interface, tail: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
      if (match?.[1]) (cleanup(), resolve(match[1]));
    };
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`Firefox ${why}. Last stderr lines:\n${tail.join('\n')}`));
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited before BiDi was ready (code ${code}, signal ${signal})`);
    const timer = setTimeout(() => fail(`printed no BiDi URL within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      proc.off('exit', onExit);
      stderr.off('line', onLine);
    };
    stderr.on('line', onLine);
    proc.once('exit', onExit);
  });
}

function exited(proc: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    proc.once('exit', () => (clearTimeout(timer), resolve(true)));
  });
}

export async function launchFirefox(options: LaunchOptions): Promise<Firefox> {
  const id = geckoId(options.extensionDir);
  const scratch = scratchDir('firefox');
  const profile = join(scratch.path, 'profile');
  const tmp = join(scratch.path, 'tmp');
  mkdirSync(profile);
  mkdirSync(tmp);
  writeFileSync(
    join(profile, 'user.js'),
    userJs({
      ...QUIET_PREFS,
      ...proxyPrefs(options.proxyPort),
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      ...options.prefs,
    }),
  );

  // Its own process group, so close() can end the content processes along with the parent.
  const proc = spawn(
    FIREFOX_PATH,
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', '--remote-allow-system-access'],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        TMPDIR: tmp,
        MOZ_CRASHREPORTER_DISABLE: '1',
        // Without it, release builds ignore services.settings.server and poll Mozilla's servers.
        MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
      },
    },
  );
  // Kept for error messages; reading it also keeps Firefox from blocking on a full pipe.
  const stderrTail: string[] = [];
  if (!proc.stderr) throw new Error('spawn gave Firefox no stderr pipe');
  const stderr = createInterface({ input: proc.stderr });
  stderr.on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
  });

  let bidi: BidiConnection | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // browser.close ends the session and quits; the group kill catches whatever is left.
    await bidi?.send('browser.close', {}, 5_000).catch(() => undefined);
    bidi?.terminate();
    const gracefully = await exited(proc, 5_000);
    if (proc.pid !== undefined) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // The whole group is gone already.
      }
    }
    if (!gracefully) await exited(proc, 5_000);
    stderr.close();
    scratch.remove();
  };

  try {
    bidi = await BidiConnection.open(`${await bidiUrl(proc, stderr, stderrTail)}/session`);
    const conn = bidi;
    await conn.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
    const { extension } = await conn.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: options.extensionDir },
    });
    if (extension !== id) throw new Error(`installed extension id ${extension}, expected ${id}`);

    const evaluate = async <T>(context: string, expression: string): Promise<T> => {
      const result = await conn.send<
        | { type: 'success'; result: RemoteValue }
        | { type: 'exception'; exceptionDetails: { text: string } }
      >('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
        resultOwnership: 'none',
        serializationOptions: { maxObjectDepth: 20 },
      });
      if (result.type === 'exception') {
        throw new Error(`script.evaluate threw: ${result.exceptionDetails.text}\nin: ${expression}`);
      }
      return deserialize(result.result) as T;
    };

    return {
      extensionId: id,
      extensionUrl: (path) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`,
      newTab: async () =>
        (await conn.send<{ context: string }>('browsingContext.create', { type: 'tab' })).context,
      navigate: async (context, url, wait = 'complete') => {
        await conn.send('browsingContext.navigate', { context, url, wait }).catch((error: Error) => {
          throw new Error(`${error.message} (url ${url})`);
        });
      },
      evaluate,
      waitFor: async (context, expression, timeoutMs = 10_000) => {
        await poll(
          `\`${expression}\` to be truthy`,
          () => evaluate<boolean>(context, `Boolean(${expression})`),
          timeoutMs,
        );
      },
      addPreloadScript: async (functionDeclaration) => {
        await conn.send('script.addPreloadScript', { functionDeclaration });
      },
      screenshot: async (context, file) => {
        const { data } = await conn.send<{ data: string }>('browsingContext.captureScreenshot', { context });
        writeFileSync(file, Buffer.from(data, 'base64'));
      },
      activate: async (context) => {
        await conn.send('browsingContext.activate', { context });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
