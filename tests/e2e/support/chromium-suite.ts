import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../demo/server';
import { launchChromium, type ChromiumSession } from './chromium';

export interface Suite {
  readonly server: FixtureServer;
  readonly chrome: ChromiumSession;
}

/**
 * The fixture server and a fresh Chromium with the built extension, for every test of the
 * describe block that calls it (`each`: a new pair per test) and closed after it even on failure.
 */
export function useChromium(opts: { each?: boolean; extraArgs?: string[]; setup?: (s: Suite) => Promise<void> } = {}): Suite {
  let server: FixtureServer | undefined;
  let chrome: ChromiumSession | undefined;
  const suite: Suite = {
    get server() {
      if (!server) throw new Error('the fixture server did not start (see the hook error)');
      return server;
    },
    get chrome() {
      if (!chrome) throw new Error('Chromium did not start (see the hook error)');
      return chrome;
    },
  };
  const start = async () => {
    server = await startFixtureServer();
    chrome = await launchChromium({
      hostResolverRules: server.hostResolverRules,
      spki: server.spki,
      ...(opts.extraArgs ? { extraArgs: opts.extraArgs } : {}),
    });
    await opts.setup?.(suite);
  };
  const stop = async () => {
    await chrome?.close();
    await server?.close();
    chrome = undefined;
    server = undefined;
  };
  if (opts.each) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  return suite;
}
