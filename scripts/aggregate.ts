/**
 * A collective's tool: members' contributions in, one signed feed out. No server: the feed is a
 * static file the collective hosts wherever it likes.
 *
 *   npm run aggregate -- keygen --out collective.key.json
 *   npm run aggregate -- --in contributions/ more.ndjson --out feed.json --key collective.key.json \
 *       --feed turkers-united --name "Turkers United" [--k 10] [--expires-days 14] [--engine duckdb]
 *
 * Every contribution is checked against docs/contribution-format.md; a file with problems is
 * reported with them and skipped, and the others go on. Files are read line by line. The feed's
 * version is one more than that of the feed already at --out (members refuse a version that does
 * not grow). Two engines give the same groups (docs/collective-aggregation.md): the streaming one
 * (lib/share/aggregate.ts, the default) holds every rate in the Node heap; --engine duckdb
 * (scripts/aggregate-duckdb.ts) sorts in DuckDB, which spills to disk, for contributions too many
 * for that heap.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAggregator, DEFAULT_K, type PublishedGroup } from '../lib/share/aggregate';
import { FEED_FORMAT, FEED_VERSION, feedBodySchema, fromBase64Url, signFeed, toBase64Url } from '../lib/share/feed';
import { inputsOf, readContribution } from './aggregate-inputs';

const subtle = globalThis.crypto.subtle;

async function keygen(out: string): Promise<void> {
  if (existsSync(out)) throw new Error(`${out} exists: a key is never overwritten`);
  const pair = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateKey = toBase64Url(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)));
  const publicKey = toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  writeFileSync(out, `${JSON.stringify({ privateKey, publicKey }, null, 2)}\n`, { mode: 0o600 });
  console.log(`key pair written to ${out} (keep it private)\npublic key, for members to subscribe with: ${publicKey}`);
}

async function aggregate(args: Record<string, string | string[] | boolean | undefined>, inputs: string[]): Promise<void> {
  const out = String(args.out ?? '');
  const keyFile = String(args.key ?? '');
  const feed = String(args.feed ?? '');
  const name = String(args.name ?? feed);
  if (!out || !keyFile || !feed || inputs.length === 0) throw new Error('needs --in, --out, --key and --feed (see the head of scripts/aggregate.ts)');
  const k = args.k === undefined ? DEFAULT_K : Number(args.k);
  const engine = String(args.engine ?? 'streaming');
  if (engine !== 'streaming' && engine !== 'duckdb') throw new Error(`--engine is streaming or duckdb, not ${engine}`);
  let taken = 0;
  let skipped = 0;
  const skip = (path: string, problems: string[]) => {
    skipped += 1;
    console.error(`skipped ${path}:\n  ${problems.join('\n  ')}`);
  };
  const paths = inputsOf(inputs);
  let groups: PublishedGroup[];
  if (engine === 'duckdb') {
    // Loaded only when asked for: the streaming engine needs no native module.
    const { aggregateDuckdb } = await import('./aggregate-duckdb');
    groups = await aggregateDuckdb(paths, k, { onSkipped: skip });
    taken = paths.length - skipped;
  } else {
    const aggregator = createAggregator({ k });
    for (const path of paths) {
      const read = await readContribution(path);
      if ('problems' in read) {
        skip(path, read.problems);
        continue;
      }
      aggregator.add(read.contributor, read.tasks);
      taken += 1;
    }
    groups = aggregator.result();
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
    groups,
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
    engine: { type: 'string' },
  },
});

try {
  if (positionals[0] === 'keygen') await keygen(String(values.out ?? 'collective.key.json'));
  else await aggregate(values, [...(values.in ?? []), ...positionals]);
} catch (error) {
  console.error(`aggregate: ${(error as Error).message}`);
  process.exitCode = 1;
}
