import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPassphraseVault } from './passphrase-vault';

const root = mkdtempSync(join(tmpdir(), 'glue-vault-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newFile = () => join(root, `keys-${n++}.enc`);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

const DB_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('passphrase vault', () => {
  it('round-trips entries across instances, writes 0600 and never the plaintext', async () => {
    const file = newFile();
    const vault = createPassphraseVault({ file, passphrase: 'correct horse battery staple' });
    expect(await vault.get('default/db-key')).toBeNull();
    await vault.set('default/db-key', DB_KEY);
    await vault.set('default/itglue-api-key', 'ITG.secret-api-key');
    expect(await vault.get('default/db-key')).toBe(DB_KEY);

    const reopened = createPassphraseVault({ file, passphrase: 'correct horse battery staple' });
    expect(await reopened.get('default/itglue-api-key')).toBe('ITG.secret-api-key');
    expect(await reopened.delete('default/itglue-api-key')).toBe(true);
    expect(await reopened.delete('default/itglue-api-key')).toBe(false);
    expect(await vault.get('default/itglue-api-key')).toBeNull();
    expect(await vault.get('default/db-key')).toBe(DB_KEY);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    for (const needle of [DB_KEY, Buffer.from(DB_KEY, 'hex').toString('base64'), 'ITG.secret', 'default/db-key', 'correct horse']) {
      expect(bytes.includes(needle)).toBe(false);
    }
    expect(bytes.includes(Buffer.from(DB_KEY, 'hex'))).toBe(false);
  });

  it('rejects a wrong passphrase clearly and leaves the file untouched', async () => {
    const file = newFile();
    await createPassphraseVault({ file, passphrase: 'right' }).set('p/db-key', DB_KEY);
    const before = readFileSync(file);
    const wrong = createPassphraseVault({ file, passphrase: 'wrong' });
    for (const attempt of [wrong.get('p/db-key'), wrong.set('p/db-key', 'evil'), wrong.delete('p/db-key')]) {
      const error = await failure(attempt);
      expect(error).toMatchObject({ code: 'STORE_WRONG_KEY' });
      expect((error as Error).message).toMatch(/wrong passphrase/i);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await createPassphraseVault({ file, passphrase: 'right' }).get('p/db-key')).toBe(DB_KEY);
  });

  it('detects a modified file instead of returning altered keys', async () => {
    const file = newFile();
    await createPassphraseVault({ file, passphrase: 'pw' }).set('p/db-key', DB_KEY);
    const original = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const data = Buffer.from(String(original.data), 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    const tampered = [
      { ...original, data: data.toString('base64') },
      { ...original, tag: Buffer.alloc(16).toString('base64') },
      { ...original, iv: Buffer.alloc(12).toString('base64') },
    ];
    for (const body of tampered) {
      writeFileSync(file, JSON.stringify(body));
      const error = await failure(createPassphraseVault({ file, passphrase: 'pw' }).get('p/db-key'));
      expect(error).toMatchObject({ code: 'STORE_CORRUPT' });
      expect((error as Error).message).toContain('damaged or was modified');
    }
    // Header parameters are bound to the key: a lowered or raised cost cannot decrypt anything.
    writeFileSync(file, JSON.stringify({ ...original, kdf: { ...(original.kdf as object), N: 2 ** 16 } }));
    expect(await failure(createPassphraseVault({ file, passphrase: 'pw' }).get('p/db-key'))).toMatchObject({ code: expect.stringMatching(/STORE_(WRONG_KEY|CORRUPT)/) });
    writeFileSync(file, JSON.stringify({ ...original, kdf: { ...(original.kdf as object), N: 2 ** 10 } }));
    expect(await failure(createPassphraseVault({ file, passphrase: 'pw' }).get('p/db-key'))).toMatchObject({ code: 'STORE_CORRUPT' });
    writeFileSync(file, 'not json');
    expect(await failure(createPassphraseVault({ file, passphrase: 'pw' }).get('p/db-key'))).toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('keeps every entry when one instance is written to in parallel', async () => {
    const file = newFile();
    const vault = createPassphraseVault({ file, passphrase: 'pw' });
    await Promise.all(['a', 'b', 'c', 'd'].map((k) => vault.set(`p/${k}`, k)));
    const reopened = createPassphraseVault({ file, passphrase: 'pw' });
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((k) => reopened.get(`p/${k}`)))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses an empty passphrase', () => {
    expect(() => createPassphraseVault({ file: newFile(), passphrase: '' })).toThrow(/passphrase is empty/);
  });
});
