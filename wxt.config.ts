import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { platformMatchPatterns } from './lib/platforms';

const require = createRequire(import.meta.url);

// The gecko id is the add-on's identity on addons.mozilla.org (the e2e harness reads it back from
// the built manifest to pin the add-on's UUID).
const GECKO_ID = 'truerate@truerate.app';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // No test-only hooks: the e2e tests drive the very build that `npm run zip` ships.
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // idle: screen lock and the worker's presence on linked tabs; alarms: the 30 s tick that
    // proves the machine is awake. Neither shows a warning at install. unlimitedStorage: the
    // worker's records are evidence, so the browser must never evict them under storage pressure
    // nor cap them (docs/security.md#permissions-and-why-each).
    // scripting (Chrome): after an update, start the new content scripts in the platform tabs
    // already open (entrypoints/background/reinject.ts); no warning at install.
    permissions: ['storage', 'idle', 'alarms', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['scripting'])],
    // Chrome: the same hosts as the content scripts' matches, so no new warning at install. The
    // matches let the declared scripts run, but not scripting.executeScript nor tabs.query by
    // address, which the restart after an update needs (docs/security.md#permissions-and-why-each).
    ...(browser === 'firefox' ? {} : { host_permissions: platformMatchPatterns({ frames: true }) }),
    // Asked for from the popup only if the worker wants survey tabs linked by their address.
    optional_permissions: ['tabs'],
    // A collective's address, asked for one origin at a time and only when the worker presses the
    // button that uses it: to send a contribution there, or to read a feed whose server does not
    // let extensions read it without (docs/collectives.md#permissions).
    optional_host_permissions: ['https://*/*'],
    commands: {
      'toggle-manual-timer': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '__MSG_commandToggleManual__',
      },
    },
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Nothing is collected or sent by default: the worker's records stay on the machine. A
              // contribution a worker chooses to send to their collective holds what their tasks
              // paid and how long they took on a platform's site: asked for at that button.
              data_collection_permissions: { required: ['none'], optional: ['financialAndPaymentInfo', 'websiteActivity'] },
            },
            // data_collection_permissions needs Firefox for Android 142 (web-ext lint).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // Ed25519 in WebCrypto, which checks the collectives' feeds, is in Chrome from 137.
        { minimum_chrome_version: '137' }),
  }),
  hooks: {
    // Content scripts run on every platform page, so they skip webextension-polyfill (about 10 KB
    // to parse in every frame): they only call runtime.sendMessage and runtime.id, which Chrome
    // MV3 and Firefox both offer natively with promises. Extension pages and the background keep
    // the polyfill.
    // They also get our own ContentScriptContext instead of WXT's: WXT's announces every script to
    // the page (window.postMessage and a CustomEvent on document, in every frame) and stops when a
    // page dispatches that CustomEvent itself. Ours tells the page nothing and cannot be stopped by
    // it (lib/content/script-context.ts); `npm run lint:firefox` checks the built scripts for it.
    // This is the one place where the two kinds of bundle differ.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const native = require.resolve('wxt/browser');
      const context = resolve(import.meta.dirname, 'lib/content/script-context.ts');
      const current = config.resolve?.alias;
      const rest = Array.isArray(current)
        ? current
        : Object.entries(current ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      const ours = ['wxt/browser', 'wxt/utils/content-script-context'];
      config.resolve = {
        ...config.resolve,
        alias: [
          { find: /^wxt\/browser$/, replacement: native },
          { find: /^wxt\/utils\/content-script-context$/, replacement: context },
          ...rest.filter((a) => !ours.includes(String(a.find))),
        ],
      };
    },
  },
  zip: {
    excludeSources: ['tests/e2e/artifacts/**', '.tmp/**', 'coverage/**'],
  },
});
