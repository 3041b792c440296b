/**
 * A collective's tool: members' contributions in, one signed feed out. No server: the feed is a
 * static file the collective hosts wherever it likes.
 *
 *   npm run aggregate -- keygen --out collective.key.json
 *   npm run aggregate -- --in contributions/ more.ndjson --out feed.json --key collective.key.json \
 *       --feed turkers-united --name "Turkers United" [--k 10] [--expires-days 14]
 *
 * Every contribution is checked against docs/contribution-format.md; a file with problems is
 * reported with them and skipped, and the others go on. Files are read line by line. The feed's
 * version is one more than that of the feed already at --out (members refuse a version that does
 * not grow).
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAggregator, DEFAULT_K } from '../lib/share/aggregate';
import { contributedTaskSchema, contributionHeaderSchema, type ContributedTask } from '../lib/share/contribution';
import { FEED_FORMAT, FEED_VERSION, feedBodySchema, fromBase64Url, signFeed, toBase64Url } from '../lib/share/feed';

const subtle = globalThis.crypto.subtle;

async function keygen(out: string): Promise<void> {
  if (existsSync(out)) throw new Error(`${out} exists: a key is never overwritten`);
  const pair = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateKey = toBase64Url(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)));
  const publicKey = toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  writeFileSync(out, `${JSON.stringify({ privateKey, publicKey }, null, 2)}\n`, { mode: 0o600 });
  console.log(`key pair written to ${out} (keep it private)\npublic key, for members to subscribe with: ${publicKey}`);
}

/** Every file named, folders read one level deep (their .ndjson and .jsonl files). */
function inputsOf(paths: string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => /\.(?:ndjson|jsonl)$/.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

/** One contribution file: its contributor and tasks, or its problems (the file is then skipped). */
async function readContribution(path: string): Promise<{ contributor: string; tasks: ContributedTask[] } | { problems: string[] }> {
  const problems: string[] = [];
  const tasks: ContributedTask[] = [];
  let contributor: string | null = null;
  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${lineNo}: not JSON`);
      continue;
    }
    const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
      error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(record)'} ${i.message}`).join('; ');
    if (contributor === null) {
      const header = contributionHeaderSchema.safeParse(value);
      if (!header.success) {
        // No header: nothing after it can be trusted.
        problems.push(`line ${lineNo}: not a contribution header: ${issues(header.error)}`);
        break;
      }
      contributor = header.data.contributor;
      continue;
    }
    const task = contributedTaskSchema.safeParse(value);
    if (task.success) tasks.push(task.data);
    else problems.push(`line ${lineNo}: ${issues(task.error)}`);
    if (problems.length > 20) break;
  }
  if (contributor === null && problems.length === 0) problems.push('empty file');
  return problems.length > 0 || contributor === null ? { problems } : { contributor, tasks };
}

async function aggregate(args: Record<string, string | string[] | boolean | undefined>, inputs: string[]): Promise<void> {
  const out = String(args.out ?? '');
  const keyFile = String(args.key ?? '');
  const feed = String(args.feed ?? '');
  const name = String(args.name ?? feed);
  if (!out || !keyFile || !feed || inputs.length === 0) throw new Error('needs --in, --out, --key and --feed (see the head of scripts/aggregate.ts)');
  const k = args.k === undefined ? DEFAULT_K : Number(args.k);
  const aggregator = createAggregator({ k });
  let taken = 0;
  let skipped = 0;
  for (const path of inputsOf(inputs)) {
    const read = await readContribution(path);
    if ('problems' in read) {
      skipped += 1;
      console.error(`skipped ${path}:\n  ${read.problems.join('\n  ')}`);
      continue;
    }
    aggregator.add(read.contributor, read.tasks);
    taken += 1;
  }
  const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateKey: string; publicKey: string };
  const privateKey = await subtle.importKey('pkcs8', fromBase64Url(stored.privateKey), 'Ed25519', false, ['sign']);
  const previous = existsSync(out) ? (JSON.parse(JSON.parse(readFileSync(out, 'utf8')).body) as { version: number }).version : 0;
  const now = Date.now();
  const body = feedBodySchema.parse({
    format: FEED_FORMAT,
    formatVersion: FEED_VERSION,
    feed,
    name,
    version: previous + 1,
    publishedAt: now,
    expiresAt: now + Number(args['expires-days'] ?? 14) * 86_400_000,
    keyId: stored.publicKey,
    nextKeyId: null,
    k,
    groups: aggregator.result(),
  });
  const signed = await signFeed(subtle, body, privateKey);
  writeFileSync(out, `${JSON.stringify(signed)}\n`);
  console.log(`${out}: version ${body.version}, ${body.groups.length} groups published from ${taken} contributions (${skipped} skipped), k = ${k}`);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    in: { type: 'string', multiple: true },
    out: { type: 'string' },
    key: { type: 'string' },
    feed: { type: 'string' },
    name: { type: 'string' },
    k: { type: 'string' },
    'expires-days': { type: 'string' },
  },
});

try {
  if (positionals[0] === 'keygen') await keygen(String(values.out ?? 'collective.key.json'));
  else await aggregate(values, [...(values.in ?? []), ...positionals]);
} catch (error) {
  console.error(`aggregate: ${(error as Error).message}`);
  process.exitCode = 1;
}
