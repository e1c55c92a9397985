import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearCredentials, loadCredentials, loadKeys, saveCredentials } from './key-manager';
import { createMemoryKeychain } from './keychain';
import { createPassphraseVault } from './passphrase-vault';

const root = mkdtempSync(join(tmpdir(), 'glue-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('loadKeys', () => {
  it('creates two random 256-bit keys once and returns the same keys afterwards', async () => {
    const keychain = createMemoryKeychain();
    const first = value(await loadKeys(keychain, 'default'));
    expect(first.dbKey).toHaveLength(32);
    expect(first.secretsKey).toHaveLength(32);
    expect(first.dbKey.equals(first.secretsKey)).toBe(false);
    expect(keychain.entries.get('default/db-key')).toBe(first.dbKey.toString('hex'));
    expect(keychain.entries.get('default/secrets-key')).toBe(first.secretsKey.toString('hex'));
    const second = value(await loadKeys(keychain, 'default'));
    expect(second.dbKey.equals(first.dbKey)).toBe(true);
    expect(second.secretsKey.equals(first.secretsKey)).toBe(true);
  });

  it('keeps profiles isolated', async () => {
    const keychain = createMemoryKeychain();
    const a = value(await loadKeys(keychain, 'default'));
    const b = value(await loadKeys(keychain, 'demo'));
    expect(a.dbKey.equals(b.dbKey)).toBe(false);
    expect(a.secretsKey.equals(b.secretsKey)).toBe(false);
    expect([...keychain.entries.keys()].sort()).toEqual(['default/db-key', 'default/secrets-key', 'demo/db-key', 'demo/secrets-key']);
  });

  it('survives a restart through the passphrase vault file', async () => {
    const file = join(root, 'keys.enc');
    const first = value(await loadKeys(createPassphraseVault({ file, passphrase: 'pw' }), 'default'));
    const again = value(await loadKeys(createPassphraseVault({ file, passphrase: 'pw' }), 'default'));
    expect(again).toEqual(first);
  });

  it('refuses a malformed stored key instead of replacing it', async () => {
    const keychain = createMemoryKeychain({ 'default/db-key': 'not-hex' });
    expect(await loadKeys(keychain, 'default')).toMatchObject({ ok: false, error: { code: 'STORE_CORRUPT' } });
    expect(keychain.entries.get('default/db-key')).toBe('not-hex');
  });

  it('rejects profile names that could escape their namespace', async () => {
    for (const bad of ['', 'Default', 'a/b', '../x', 'x'.repeat(33)]) {
      expect(await loadKeys(createMemoryKeychain(), bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});

describe('IT Glue credentials', () => {
  it('saves, loads and clears per profile', async () => {
    const keychain = createMemoryKeychain();
    expect(value(await loadCredentials(keychain, 'default'))).toBeNull();
    value(await saveCredentials(keychain, 'default', { apiKey: ' ITG.abc123 ', baseUrl: 'https://api.eu.itglue.com' }));
    expect(value(await loadCredentials(keychain, 'default'))).toEqual({ apiKey: 'ITG.abc123', baseUrl: 'https://api.eu.itglue.com' });
    expect(value(await loadCredentials(keychain, 'demo'))).toBeNull();
    expect(keychain.entries.get('default/itglue-api-key')).toBe('ITG.abc123');
    expect(value(await clearCredentials(keychain, 'default'))).toBe(true);
    expect(value(await clearCredentials(keychain, 'default'))).toBe(false);
    expect(value(await loadCredentials(keychain, 'default'))).toBeNull();
  });

  it('rejects an empty key or a non-URL without echoing the key', async () => {
    const keychain = createMemoryKeychain();
    const empty = await saveCredentials(keychain, 'default', { apiKey: '  ', baseUrl: 'https://api.itglue.com' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const badUrl = await saveCredentials(keychain, 'default', { apiKey: 'ITG.topsecret', baseUrl: 'ftp://x' });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!badUrl.ok) expect(badUrl.error.message).not.toContain('topsecret');
    expect(keychain.entries.size).toBe(0);
  });
});
