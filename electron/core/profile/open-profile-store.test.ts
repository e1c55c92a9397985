import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createOsKeychain, type Keychain } from '../secrets/keychain';
import { openProfileStore } from './open-profile-store';

const dir = mkdtempSync(join(tmpdir(), 'glue-profile-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A keychain without compare-and-set, like the Secret Service: createIfAbsent is a read, a
 * pause, a write. Only the profile lock keeps two openers from minting a key each.
 */
function noCasKeychain(): Keychain {
  const entries = new Map<string, string>();
  const pause = () => new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
  return {
    get: async (a) => entries.get(a) ?? null,
    set: async (a, v) => void entries.set(a, v),
    delete: async (a) => entries.delete(a),
    createIfAbsent: async (a, v) => {
      const existing = entries.get(a);
      await pause();
      if (existing !== undefined) return existing;
      entries.set(a, v);
      await pause();
      return entries.get(a) ?? v;
    },
  };
}

async function osKeychainOrNull(): Promise<Keychain | null> {
  // A service of its own: the test never touches a user's entries.
  const k = createOsKeychain(`Glue Desk test ${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await k.set('probe', 'x');
    await k.delete('probe');
    return k;
  } catch {
    return null;
  }
}

async function race(keychain: Keychain, name: string): Promise<void> {
  const profileDir = join(dir, name);
  mkdirSync(profileDir, { recursive: true });
  const input = { profile: name, profileDir, storeDb: join(profileDir, 'store.db'), keychain };
  const [a, b] = await Promise.all([openProfileStore(input), openProfileStore(input)]);
  for (const r of [a, b]) {
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    r.value.close();
  }
  // A third open proves the keys that were kept open the store that was made.
  const again = await openProfileStore(input);
  if (!again.ok) throw new Error(`${name} reopen: ${again.error.message}`);
  again.value.close();
}

describe('openProfileStore', () => {
  it('two openers of a new profile on a keychain without compare-and-set get one pair of keys (the profile lock serialises them)', async () => {
    for (let i = 0; i < 10; i++) await race(noCasKeychain(), `nocas-${i}`);
  }, 60_000);

  it('the same with the real OS keychain when one is reachable', async (ctx) => {
    const k = await osKeychainOrNull();
    if (!k) return ctx.skip();
    try {
      for (let i = 0; i < 5; i++) await race(k, `os-${i}`);
    } finally {
      for (let i = 0; i < 5; i++) for (const key of ['db-key', 'secrets-key']) await k.delete(`os-${i}/${key}`);
    }
  }, 60_000);
});
