import { describe, expect, it } from 'vitest';
import { tokenFor, type TokenStore } from '@/lib/share/tokens';

const memory = (initial?: unknown) => {
  let value = initial;
  const aside: unknown[] = [];
  const store: TokenStore = {
    get: async () => value,
    set: async (tokens) => {
      value = tokens;
    },
    keepAside: async (v) => {
      aside.push(v);
    },
  };
  return { store, aside, value: () => value };
};
const random = (bytes: Uint8Array) => crypto.getRandomValues(bytes);

describe('contributor tokens', () => {
  it('one per collective, kept across files, never shared between collectives', async () => {
    const m = memory();
    const a = await tokenFor('Turkers United', m.store, random);
    expect(await tokenFor(' Turkers United ', m.store, random)).toBe(a);
    const b = await tokenFor('Prolific Co-op', m.store, random);
    expect(b).not.toBe(a);
    expect(m.value()).toEqual({ 'Turkers United': a, 'Prolific Co-op': b });
  });

  it('keeps aside stored tokens that fail their check, and says so by making a new one', async () => {
    const m = memory({ 'Turkers United': 'not a token' });
    const token = await tokenFor('Turkers United', m.store, random);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(m.aside).toEqual([{ 'Turkers United': 'not a token' }]);
  });

  it('needs a name', async () => {
    await expect(tokenFor('  ', memory().store, random)).rejects.toThrow(/name/);
  });
});
