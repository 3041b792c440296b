/**
 * Checks the built content scripts (run after `npm run build`, from `npm run lint:firefox`).
 * They run in every frame of platform pages, where every script is hostile: they must say
 * nothing to the page. WXT's own content-script context posts a "content-script-started"
 * message to the window and dispatches it as an event on the document in every frame (and stops
 * when a page dispatches it), and its location watcher dispatches "wxt:locationchange" on window.
 * wxt.config.ts replaces both for content scripts; this fails if either comes back, or if any
 * other code posts or dispatches into the page. It also prints each script's gzip size, and checks
 * that the manifest has the two content scripts and that their matches are the platforms' hosts
 * (and task frame hosts, for the sensor): the scripts work their matches out only when WXT loads
 * them at build time, so a change there could leave them empty without failing the build. And it
 * checks the manifests themselves: no web-accessible resources, no externally_connectable, no host
 * permissions beyond the content scripts' hosts, no loosened CSP, and exactly the permissions
 * docs/security.md explains.
 *   npx tsx scripts/check-build.ts [output dir, default .output]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { platformMatchPatterns } from '../lib/platforms';

/** The content scripts and whether each runs in every frame: the sensor does, the reader only in the top one. */
const SCRIPTS = [['content-scripts/activity.js', true], ['content-scripts/page-reader.js', false]] as const;
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
  const manifest = JSON.parse(readFileSync(join(output, target, 'manifest.json'), 'utf8')) as Manifest;
  problems.push(...manifestProblems(manifest, target).map((p) => `${target}/manifest.json: ${p}`));
  // Exactly these two (entrypoints/activity.content.ts, entrypoints/page-reader.content.ts): the
  // task frames of requesters run the small sensor alone.
  const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []).sort();
  const names = SCRIPTS.map(([script]) => script).sort();
  if (JSON.stringify(scripts) !== JSON.stringify(names)) problems.push(`${target}/manifest.json: content scripts ${JSON.stringify(scripts)}, not ${JSON.stringify(names)}`);
  for (const [script, frames] of SCRIPTS) {
    const entry = manifest.content_scripts?.find((c) => c.js?.includes(script));
    const want = platformMatchPatterns({ frames }).sort();
    if (JSON.stringify([...(entry?.matches ?? [])].sort()) !== JSON.stringify(want)) {
      problems.push(`${target}/manifest.json: ${script} matches ${JSON.stringify(entry?.matches)}, not the platforms' hosts ${JSON.stringify(want)}`);
    }
  }
}
if (checked === 0) problems.push('no built content script found');

interface Manifest {
  content_scripts?: { js?: string[]; matches?: string[] }[];
  [key: string]: unknown;
}

/**
 * What the shipped manifest must not hold, and the permissions it may (docs/security.md): no other
 * extension or site may message TrueRate or load its files, host access comes only from the content
 * scripts' matches and origins asked for one at a time, and no policy loosens MV3's ban on remote
 * code.
 */
function manifestProblems(manifest: Manifest, target: string): string[] {
  const out: string[] = [];
  for (const key of ['web_accessible_resources', 'externally_connectable', 'content_security_policy', 'sandbox', 'update_url']) {
    if (key in manifest) out.push(`has "${key}"`);
  }
  const same = (key: string, want: string[]) => {
    const have = [...((manifest[key] as string[] | undefined) ?? [])].sort();
    if (JSON.stringify(have) !== JSON.stringify([...want].sort())) out.push(`${key} ${JSON.stringify(have)}, not ${JSON.stringify(want)}`);
  };
  same('permissions', ['storage', 'idle', 'alarms', 'unlimitedStorage', ...(target === 'firefox-mv3' ? [] : ['scripting'])]);
  same('optional_permissions', ['tabs']);
  same('optional_host_permissions', ['https://*/*']);
  // Chrome: the sensor's hosts again (the restart after an update scripts them); Firefox: none.
  same('host_permissions', target === 'firefox-mv3' ? [] : platformMatchPatterns({ frames: true }));
  return out;
}
if (problems.length) {
  console.error(`The build must post and dispatch nothing into the page, match the platforms' hosts and keep its manifest as docs/security.md says:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-build: ${checked} content scripts post and dispatch nothing into the page`);
