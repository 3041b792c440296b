import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Real-browser tests: Node environment, one file at a time (each starts its own browser and the
// 2-core CI machine should not run two at once), generous timeouts for browser start-up.
export default defineConfig({
  // Tests compute expected figures with the extension's own pure lib/ (rates, formatting).
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/e2e/support/global-setup.ts'],
  },
});
