import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The e2e suite tests the built extension; `npm test` builds it first. Fail loudly if it is not. */
export default function setup(): void {
  for (const dir of ['chrome-mv3', 'firefox-mv3']) {
    const manifest = join(import.meta.dirname, '..', '..', '..', '.output', dir, 'manifest.json');
    if (!existsSync(manifest)) {
      throw new Error(`${manifest} is missing: run \`npm run build\` before the e2e tests.`);
    }
  }
}
