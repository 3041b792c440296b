/**
 * Checks the built content scripts (run after `npm run build`, from `npm run lint:firefox`).
 * They run in every frame of platform pages, where every script is hostile: they must say
 * nothing to the page. WXT's own content-script context posts a "content-script-started"
 * message to the window and dispatches it as an event on the document in every frame (and stops
 * when a page dispatches it), and its location watcher dispatches "wxt:locationchange" on window.
 * wxt.config.ts replaces both for content scripts; this fails if either comes back, or if any
 * other code posts or dispatches into the page. It also prints the script's gzip size, and checks
 * that the manifest has one content script and that its matches are the platforms' hosts and task
 * frame hosts: the script works its matches out only when WXT loads it at build time, so a change
 * there could leave them empty without failing the build.
 *   npx tsx scripts/check-build.ts [output dir, default .output]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { platformMatchPatterns } from '../lib/platforms';

const SCRIPT = 'content-scripts/content.js';
const FORBIDDEN = ['content-script-started', 'wxt:locationchange', 'postMessage', 'dispatchEvent'];

const root = join(import.meta.dirname, '..');
const output = process.argv[2] ?? join(root, '.output');
const problems: string[] = [];
let checked = 0;
for (const target of ['chrome-mv3', 'firefox-mv3']) {
  const dir = join(output, target, 'content-scripts');
  if (!existsSync(dir)) {
    problems.push(`${relative(root, dir)} is missing: run \`npm run build\` first`);
    continue;
  }
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const file = join(dir, name);
    const code = readFileSync(file, 'utf8');
    checked++;
    for (const word of FORBIDDEN) {
      if (code.includes(word)) problems.push(`${relative(root, file)} contains "${word}"`);
    }
    console.log(`${relative(root, file)}: ${(code.length / 1000).toFixed(1)} KB, ${gzipSync(code).length} bytes gzip`);
  }
  const manifest = JSON.parse(readFileSync(join(output, target, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[]; matches?: string[] }[] };
  // One script, in every frame of the platforms' pages and task frames (entrypoints/content.ts):
  // a second entry would be a second file to compile and run in every frame.
  const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  if (JSON.stringify(scripts) !== JSON.stringify([SCRIPT])) problems.push(`${target}/manifest.json: content scripts ${JSON.stringify(scripts)}, not just ${SCRIPT}`);
  const entry = manifest.content_scripts?.find((c) => c.js?.includes(SCRIPT));
  const want = platformMatchPatterns({ frames: true }).sort();
  if (JSON.stringify([...(entry?.matches ?? [])].sort()) !== JSON.stringify(want)) {
    problems.push(`${target}/manifest.json: ${SCRIPT} matches ${JSON.stringify(entry?.matches)}, not the platforms' hosts ${JSON.stringify(want)}`);
  }
}
if (checked === 0) problems.push('no built content script found');
if (problems.length) {
  console.error(`Content scripts must post and dispatch nothing into the page, and match the platforms' hosts:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-build: ${checked} content scripts post and dispatch nothing into the page`);
