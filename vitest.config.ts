import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto'],
    environmentOptions: {
      // Fixtures reference stylesheets and task iframes; unit tests read the DOM only.
      happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: true } },
    },
    // happy-dom reports each task iframe it declines to load; that is expected here, not news.
    onConsoleLog: (log) => !log.includes('Iframe page loading is disabled'),
  },
});
