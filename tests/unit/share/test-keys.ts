import { signFeed, toBase64Url, type FeedBody } from '@/lib/share/feed';

export const subtle = globalThis.crypto.subtle;

/** A fresh Ed25519 key pair and its key id (the raw public key, base64url), as a collective has. */
export interface TestKey {
  pair: CryptoKeyPair;
  id: string;
}

export async function newKey(): Promise<TestKey> {
  const pair = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  return { pair, id: toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))) };
}

/** The file a collective publishes: the body signed with `key`. */
export const signedFile = async (body: FeedBody, key: TestKey): Promise<string> => JSON.stringify(await signFeed(subtle, body, key.pair.privateKey));
