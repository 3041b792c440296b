import { z } from 'zod';
import { contributorToken } from './contribution';

/**
 * The worker's contributor tokens, one per collective (by the name the worker gives it), kept in
 * browser.storage.local under `contributorTokens`. A token is made the first time a file is made
 * for that collective, and kept, so that a collective sees one contributor across weeks (which is
 * how it stops one member from dominating a figure) while two collectives cannot match their
 * members. What is stored and fails its check is kept aside, never replaced silently.
 */
export const TOKENS_KEY = 'contributorTokens';
const tokensSchema = z.record(z.string().min(1).max(100), z.string().regex(/^[A-Za-z0-9_-]{22}$/));
export type Tokens = z.infer<typeof tokensSchema>;

export interface TokenStore {
  get(): Promise<unknown>;
  set(tokens: Tokens): Promise<void>;
  /** Where a stored value that failed its check is kept. */
  keepAside(value: unknown): Promise<void>;
}

export async function tokenFor(name: string, store: TokenStore, random: (bytes: Uint8Array) => Uint8Array): Promise<string> {
  const key = name.trim();
  if (!key) throw new Error('a collective needs a name');
  const raw = await store.get();
  const read = raw === undefined ? { success: true as const, data: {} } : tokensSchema.safeParse(raw);
  if (!read.success) await store.keepAside(raw);
  const tokens: Tokens = read.success ? read.data : {};
  const known = tokens[key];
  if (known) return known;
  const made = contributorToken(random);
  await store.set({ ...tokens, [key]: made });
  return made;
}
