import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SecretsError } from './errors';
import { createPassphraseVault } from './passphrase-vault';
import { deriveVaultKeys, prefetchVaultKeys, vaultKdfOf } from './vault-kdf';

const root = mkdtempSync(join(tmpdir(), 'glue-vault-kdf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newFile = () => join(root, `keys-${n++}.enc`);
const DB_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

async function sealedVault(passphrase: string): Promise<string> {
  const file = newFile();
  await createPassphraseVault({ file, passphrase }).set('default/db-key', DB_KEY);
  return file;
}

describe('vault key prefetch', () => {
  it('starts the derivation a vault then uses: one scrypt per process, same keys', async () => {
    const file = await sealedVault('prefetch passphrase');
    const kdf = vaultKdfOf(readFileSync(file, 'utf8'));
    expect(kdf).not.toBeNull();
    if (!kdf) return;
    prefetchVaultKeys(file, 'prefetch passphrase');
    // The prefetch's derivation is the one handed out: no second scrypt for the same inputs.
    const started = deriveVaultKeys('prefetch passphrase', kdf);
    expect(deriveVaultKeys('prefetch passphrase', { ...kdf })).toBe(started);
    expect(await createPassphraseVault({ file, passphrase: 'prefetch passphrase' }).get('default/db-key')).toBe(DB_KEY);
    expect(deriveVaultKeys('prefetch passphrase', kdf)).toBe(started);
  });

  it('shares the derivation with another copy of this module (bin/glue.js prefetches from its own)', async () => {
    const file = await sealedVault('two copies');
    const kdf = vaultKdfOf(readFileSync(file, 'utf8'));
    if (!kdf) throw new Error('no kdf');
    prefetchVaultKeys(file, 'two copies');
    vi.resetModules();
    // A query makes vitest load a second, separate instance of the file.
    const copy = './vault-kdf?copy';
    const other = (await import(/* @vite-ignore */ copy)) as typeof import('./vault-kdf');
    expect(other.deriveVaultKeys).not.toBe(deriveVaultKeys);
    expect(other.deriveVaultKeys('two copies', kdf)).toBe(deriveVaultKeys('two copies', kdf));
  });

  it('a prefetch with another passphrase changes nothing: the right one opens, a wrong one is refused', async () => {
    const file = await sealedVault('the right one');
    prefetchVaultKeys(file, 'a wrong one');
    expect(await createPassphraseVault({ file, passphrase: 'the right one' }).get('default/db-key')).toBe(DB_KEY);
    prefetchVaultKeys(file, 'a wrong one');
    const e = await createPassphraseVault({ file, passphrase: 'a wrong one' }).get('default/db-key').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SecretsError);
    expect((e as SecretsError).code).toBe('STORE_WRONG_KEY');
  });

  it('does nothing, silently, without a vault file or with an unexpected one', () => {
    expect(() => prefetchVaultKeys(join(root, 'missing.enc'), 'x')).not.toThrow();
    const junk = newFile();
    writeFileSync(junk, 'not json');
    expect(() => prefetchVaultKeys(junk, 'x')).not.toThrow();
    expect(() => prefetchVaultKeys(junk, '')).not.toThrow();
  });

  it('reads only parameters inside the vault schema\'s bounds (a tampered N allocates nothing)', async () => {
    const file = await sealedVault('bounds');
    const body = JSON.parse(readFileSync(file, 'utf8')) as { kdf: Record<string, unknown> };
    const withKdf = (kdf: Record<string, unknown>) => JSON.stringify({ ...body, kdf: { ...body.kdf, ...kdf } });
    expect(vaultKdfOf(withKdf({}))).toEqual(body.kdf);
    for (const bad of [{ N: 2 ** 21 }, { N: 2 ** 14 }, { N: 3 * 2 ** 15 }, { r: 64 }, { r: 7 }, { p: 5 }, { p: 0 }, { name: 'argon2' }, { salt: 'not base64!' }, { salt: 7 }]) {
      expect(vaultKdfOf(withKdf(bad))).toBeNull();
      // and the vault itself refuses the same file as damaged, so the two checks agree
      const tampered = newFile();
      writeFileSync(tampered, withKdf(bad));
      const e = await createPassphraseVault({ file: tampered, passphrase: 'bounds' }).get('default/db-key').catch((x: unknown) => x);
      expect((e as SecretsError).code).toBe('STORE_CORRUPT');
    }
    expect(vaultKdfOf(JSON.stringify({ ...body, format: 'other' }))).toBeNull();
    expect(vaultKdfOf(JSON.stringify({ ...body, version: 2 }))).toBeNull();
    expect(vaultKdfOf('[]')).toBeNull();
    expect(vaultKdfOf('null')).toBeNull();
  });
});
