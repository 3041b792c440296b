import { z } from 'zod';

/**
 * A collective's signed feed: its published figures as canonical JSON bytes, and a detached
 * Ed25519 signature over exactly those bytes (WebCrypto, the same in Node and in the extension).
 * A member's extension keeps the highest version it saw of each feed and refuses an older one, an
 * expired one, one signed by another key, one too big or one whose content is out of shape; it
 * then keeps the feed it had. Text in a feed is the collective's, shown as text.
 */
export const FEED_FORMAT = 'truerate-feed';
export const FEED_VERSION = 1;
/** A feed larger than this is refused before it is parsed. */
export const FEED_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The collective's own words (the feed's name): shown as text everywhere, and still refused when
 * they carry markup or control characters, which no honest name needs and which a hostile feed
 * would use to look like TrueRate's own interface.
 */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/[<>]/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'text without markup or control characters');
const publicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url

const ratioSchema = z.union([
  z.strictObject({ median: z.number().nonnegative(), low: z.number().nonnegative(), high: z.number().nonnegative(), coverage: z.number().min(0).max(1), n: z.number().int().positive() }),
  z.strictObject({ band: z.tuple([z.number().nonnegative(), z.number().nonnegative()]), n: z.number().int().positive() }),
]);

export const publishedGroupSchema = z.strictObject({
  platform: z.string().regex(/^[a-z0-9-]{1,32}$/),
  by: z.enum(['requester', 'group']),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  tasks: z.number().int().positive(),
  contributors: z.number().int().positive(),
  rate: z.strictObject({ median: z.number().int().nonnegative(), p25: z.number().int().nonnegative(), p75: z.number().int().nonnegative(), n: z.number().int().positive() }).nullable(),
  ratio: ratioSchema.nullable(),
  rejectedShare: z.number().min(0).max(1),
  returnedShare: z.number().min(0).max(1),
});

export const feedBodySchema = z.strictObject({
  format: z.literal(FEED_FORMAT),
  formatVersion: z.literal(FEED_VERSION),
  /** The collective's own id for the feed, and its name as members see it. */
  feed: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/),
  name: text(100),
  /** Grows with each publication; a member refuses a version at or below the one it has. */
  version: z.number().int().positive(),
  publishedAt: z.number().int().nonnegative(),
  expiresAt: z.number().int().nonnegative(),
  /** The public key (raw Ed25519, base64url) the feed is signed with. */
  keyId: publicKey,
  /** The key the next feeds will be signed with, announced by this one (rotation). */
  nextKeyId: publicKey.nullable(),
  /** The smallest number of distinct contributors behind any published group. */
  k: z.number().int().min(5),
  groups: z.array(publishedGroupSchema).max(200_000),
});
export type FeedBody = z.infer<typeof feedBodySchema>;

/** JSON with object keys sorted at every level: the same feed always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const toBase64Url = (bytes: Uint8Array) => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
export const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));

/** The signed form a collective publishes: the canonical body, and the signature over its bytes. */
export interface SignedFeed {
  body: string;
  signature: string;
}

export async function signFeed(subtle: SubtleCrypto, body: FeedBody, privateKey: CryptoKey): Promise<SignedFeed> {
  const canonical = canonicalJson(feedBodySchema.parse(body));
  const signature = new Uint8Array(await subtle.sign('Ed25519', privateKey, new TextEncoder().encode(canonical)));
  return { body: canonical, signature: toBase64Url(signature) };
}

export type FeedRefusal =
  | 'too-big'
  | 'not-json'
  | 'bad-shape'
  | 'wrong-key'
  | 'bad-signature'
  | 'other-feed'
  | 'not-newer'
  | 'expired';

/** `unchanged`: the very copy the member already has (same version, same bytes): nothing to take, nothing wrong. */
export type FeedCheck = { ok: true; feed: FeedBody; unchanged?: true } | { ok: false; reason: FeedRefusal; detail: string };

/** What a member's extension knows of a feed before a new copy comes. */
export interface FeedTrust {
  /** The feed's id; null before the first copy (whose signature, by a trusted key, names it). */
  feed: string | null;
  /** The keys the member accepts: the one it subscribed with, and one the last feed announced. */
  keys: readonly string[];
  /** The highest version seen; 0 before the first. */
  version: number;
  /** The feed in use, whose copy fetched again is no refusal. */
  current?: FeedBody | null;
}

/**
 * Checks a fetched feed file (the JSON of a SignedFeed) against what the member trusts: size,
 * shape, key, signature over the exact bytes, feed id, version, expiry. Nothing is parsed from the
 * body before its signature holds.
 */
export async function checkFeed(subtle: SubtleCrypto, file: string, trust: FeedTrust, now: number): Promise<FeedCheck> {
  const refuse = (reason: FeedRefusal, detail: string): FeedCheck => ({ ok: false, reason, detail });
  if (file.length > FEED_MAX_BYTES) return refuse('too-big', `${file.length} bytes, over ${FEED_MAX_BYTES}`);
  let outer: unknown;
  try {
    outer = JSON.parse(file);
  } catch {
    return refuse('not-json', 'the file is not JSON');
  }
  const signed = z.strictObject({ body: z.string().max(FEED_MAX_BYTES), signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/) }).safeParse(outer);
  if (!signed.success) return refuse('bad-shape', 'not a signed feed');
  // The key the body names is only read to pick one of the trusted keys; the signature decides.
  const named = /"keyId":"([A-Za-z0-9_-]{43})"/.exec(signed.data.body)?.[1];
  if (!named || !trust.keys.includes(named)) return refuse('wrong-key', `signed with ${named ?? 'no key'}, not a key of this subscription`);
  const key = await subtle.importKey('raw', fromBase64Url(named), 'Ed25519', false, ['verify']);
  const good = await subtle.verify('Ed25519', key, fromBase64Url(signed.data.signature), new TextEncoder().encode(signed.data.body));
  if (!good) return refuse('bad-signature', 'the signature does not match the feed');
  const body = feedBodySchema.safeParse(JSON.parse(signed.data.body));
  if (!body.success) return refuse('bad-shape', body.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  if (body.data.keyId !== named) return refuse('wrong-key', 'the body names two keys');
  if (trust.feed !== null && body.data.feed !== trust.feed) return refuse('other-feed', `feed ${body.data.feed}, subscribed to ${trust.feed}`);
  if (body.data.version === trust.version && trust.current && canonicalJson(trust.current) === signed.data.body) return { ok: true, feed: trust.current, unchanged: true };
  if (body.data.version <= trust.version) return refuse('not-newer', `version ${body.data.version}, already have ${trust.version}`);
  if (body.data.expiresAt <= now) return refuse('expired', `expired at ${new Date(body.data.expiresAt).toISOString()}`);
  return { ok: true, feed: body.data };
}
