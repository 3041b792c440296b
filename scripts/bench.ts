/**
 * `npm run bench`: figures, not assertions. Prints a table; the README's figures come from here.
 * Builds both targets (timed), then measures what ships: zip sizes, and every content script's
 * size minified and gzipped (content scripts run on every platform page; goal < 8 KB gzipped).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../tests/e2e/support/paths';
import { adapterTimes } from './bench-adapters';
import { pageLoadCosts } from './bench-chromium';
import { uiTimes } from './bench-ui';
import { engineThroughput, sensorCosts } from './bench-tracking';

interface Row {
  what: string;
  value: string;
  goal?: string;
}
const rows: Row[] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function timed(what: string, args: string[]): void {
  const start = performance.now();
  execFileSync('npx', args, { cwd: ROOT, stdio: 'ignore' });
  rows.push({ what, value: `${((performance.now() - start) / 1000).toFixed(1)} s` });
}

timed('wxt build (chrome-mv3)', ['wxt', 'build']);
timed('wxt build -b firefox (firefox-mv3)', ['wxt', 'build', '-b', 'firefox']);
timed('npm run zip (both zips + sources)', ['npm', 'run', '--silent', 'zip']);

for (const file of readdirSync(join(ROOT, '.output')).filter((f) => f.endsWith('.zip')).sort()) {
  rows.push({ what: `zip ${file}`, value: kb(statSync(join(ROOT, '.output', file)).size) });
}

for (const target of ['chrome-mv3', 'firefox-mv3']) {
  const dir = join(ROOT, '.output', target, 'content-scripts');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(dir, file));
    rows.push({
      what: `${target} content script ${file}`,
      value: `${kb(code.length)} min, ${kb(gzipSync(code, { level: 9 }).length)} gzip`,
      goal: '< 8 KB gzip',
    });
  }
  for (const file of ['background.js']) {
    const code = readFileSync(join(ROOT, '.output', target, file));
    rows.push({ what: `${target} ${file}`, value: `${kb(code.length)} min, ${kb(gzipSync(code).length)} gzip` });
  }
}

rows.push(engineThroughput(), ...sensorCosts(), ...adapterTimes(), ...(await pageLoadCosts()));
rows.push(...(await (await import('./bench-rates')).benchRates()));
rows.push(...(await (await import('./bench-offers')).benchOffers()));
rows.push(...(await (await import('./bench-badges')).badgeTimes()));
rows.push(...(await import('./bench-aggregate')).aggregateTimes());
// DuckDB at 1,000,000 and 10,000,000 contributed tasks: about 4 minutes and 3 GB of temporary disk.
rows.push(...(await (await import('./bench-aggregate')).aggregateDuckdbTimes()));
rows.push(...(await (await import('./bench-feed')).feedTimes()));
rows.push(...(await uiTimes()));

const width = Math.max(...rows.map((r) => r.what.length));
const valueWidth = Math.max(...rows.map((r) => r.value.length));
console.log(`\n${'what'.padEnd(width)} | ${'figure'.padEnd(valueWidth)} | goal`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(valueWidth)}-|-----`);
for (const r of rows) console.log(`${r.what.padEnd(width)} | ${r.value.padEnd(valueWidth)} | ${r.goal ?? ''}`);
