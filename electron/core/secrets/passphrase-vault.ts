import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../fs/write-private-file';
import { waitForLock } from '../locks/file-lock';
import { SecretsError } from './errors';
import type { Keychain } from './keychain';
import { deriveVaultKeys, KDF_BOUNDS, type VaultKeys } from './vault-kdf';

export { VAULT_FILE_NAME } from './vault-kdf';

/** scrypt cost; 2^15 × r 8 needs 32 MiB and ~0.1 s, paid once per process thanks to the key cache. */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

// Parameters come from the file, so they are bounded: a tampered N must not make us allocate gigabytes.
const vaultFileSchema = z.object({
  format: z.literal('glue-desk-vault'),
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().min(KDF_BOUNDS.N.min).max(KDF_BOUNDS.N.max).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(KDF_BOUNDS.r.min).max(KDF_BOUNDS.r.max),
    p: z.number().int().min(KDF_BOUNDS.p.min).max(KDF_BOUNDS.p.max),
    salt: z.base64(),
  }),
  check: z.base64(),
  iv: z.base64(),
  tag: z.base64(),
  data: z.base64(),
});
type VaultFile = z.infer<typeof vaultFileSchema>;
type KdfParams = VaultFile['kdf'];

const entriesSchema = z.record(z.string(), z.string());

export interface PassphraseVaultOptions {
  /** Usually `<profileDir>/keys.enc`. */
  file: string;
  passphrase: string;
  /** Tests may raise it; never lower than DEFAULT_SCRYPT (the file schema refuses it). */
  scrypt?: { N: number; r: number; p: number };
  /** How long a change waits for another process's change to the same file. */
  lockTimeoutMs?: number;
}

const wrongPassphrase = (file: string) =>
  new SecretsError('STORE_WRONG_KEY', `Wrong passphrase for ${file}. Set GLUE_PASSPHRASE to the passphrase this profile was created with.`);
const damaged = (file: string, why: string) =>
  new SecretsError('STORE_CORRUPT', `The key file ${file} is damaged or was modified (${why}). Restore it from a backup; without it the local store cannot be opened.`);

// The header is authenticated too, so editing the scrypt parameters or salt is detected.
const headerAad = (f: Pick<VaultFile, 'format' | 'version' | 'kdf'>) => Buffer.from(JSON.stringify([f.format, f.version, f.kdf]));
// A separate check value tells a wrong passphrase apart from a modified file (GCM alone cannot).
const checkValue = (checkKey: Buffer) => createHmac('sha256', checkKey).update('glue-desk-vault-passphrase-check').digest();

/**
 * A Keychain kept in one file for machines without an OS keychain, chosen explicitly with a
 * passphrase: scrypt derives the key, AES-256-GCM seals a JSON map of accounts. Every change
 * rewrites the file atomically (temp + rename, mode 0600) from a fresh read, so two doors of the
 * same profile do not lose each other's entries except in a true simultaneous write.
 */
export function createPassphraseVault(options: PassphraseVaultOptions): Keychain {
  const { file, passphrase } = options;
  if (passphrase.length === 0) throw new SecretsError('INVALID_INPUT', 'The passphrase is empty. Set GLUE_PASSPHRASE to a non-empty passphrase.');
  const cost = options.scrypt ?? DEFAULT_SCRYPT;
  // Each vault keeps its own keys (the app may hold several profiles); deriveVaultKeys hands over
  // a derivation a prefetch started (vault-kdf.ts) instead of running scrypt a second time.
  let cached: { salt: string; N: number; r: number; p: number; keys: Promise<VaultKeys> } | null = null;

  const keysFor = (kdf: KdfParams) => {
    if (!cached || cached.salt !== kdf.salt || cached.N !== kdf.N || cached.r !== kdf.r || cached.p !== kdf.p) {
      cached = { salt: kdf.salt, N: kdf.N, r: kdf.r, p: kdf.p, keys: deriveVaultKeys(passphrase, kdf) };
    }
    return cached.keys;
  };

  async function read(): Promise<{ entries: Map<string, string>; kdf: KdfParams | null }> {
    if (!existsSync(file)) return { entries: new Map(), kdf: null };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw damaged(file, 'not valid JSON');
    }
    const parsed = vaultFileSchema.safeParse(raw);
    if (!parsed.success) throw damaged(file, 'unexpected format');
    const vault = parsed.data;
    const { encKey, checkKey } = await keysFor(vault.kdf);
    const check = Buffer.from(vault.check, 'base64');
    const expected = checkValue(checkKey);
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) throw wrongPassphrase(file);
    let plain: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(vault.iv, 'base64'));
      decipher.setAAD(headerAad(vault));
      decipher.setAuthTag(Buffer.from(vault.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(vault.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw damaged(file, 'authentication failed');
    }
    const entries = entriesSchema.safeParse(JSON.parse(plain));
    if (!entries.success) throw damaged(file, 'unexpected contents');
    return { entries: new Map(Object.entries(entries.data)), kdf: vault.kdf };
  }

  async function write(entries: Map<string, string>, existing: KdfParams | null): Promise<void> {
    const kdf: KdfParams = existing ?? { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: randomBytes(16).toString('base64') };
    const { encKey, checkKey } = await keysFor(kdf);
    const iv = randomBytes(12);
    const header = { format: 'glue-desk-vault' as const, version: 1 as const, kdf };
    const cipher = createCipheriv('aes-256-gcm', encKey, iv);
    cipher.setAAD(headerAad(header));
    const data = Buffer.concat([cipher.update(JSON.stringify(Object.fromEntries(entries)), 'utf8'), cipher.final()]);
    const body: VaultFile = {
      ...header,
      check: checkValue(checkKey).toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    try {
      writePrivateFile(file, `${JSON.stringify(body, null, 2)}\n`);
    } catch (e) {
      const code = e instanceof Error && 'code' in e ? String(e.code) : '';
      throw new SecretsError('INTERNAL', `Could not write ${file} (${code || 'write failed'}). Check that the profile folder exists and is writable.`);
    }
  }

  // Changes through one instance run one after another, and across processes under an O_EXCL
  // lock file beside the vault: every change is read → modify → write, and two processes doing
  // that at once (two commands starting on a new profile) each dropped the other's new key.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const locked = async (): Promise<T> => {
      const lock = await waitForLock(`${file}.lock`, dirname(file), options.lockTimeoutMs ?? 30_000);
      if (!lock.ok) throw new SecretsError(lock.error.code, lock.error.message);
      try {
        return await fn();
      } finally {
        lock.value.release();
      }
    };
    const next = queue.then(locked, locked);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async get(account) {
      return (await read()).entries.get(account) ?? null;
    },
    set: (account, value) =>
      serial(async () => {
        const { entries, kdf } = await read();
        entries.set(account, value);
        await write(entries, kdf);
      }),
    delete: (account) =>
      serial(async () => {
        const { entries, kdf } = await read();
        if (!entries.delete(account)) return false;
        await write(entries, kdf);
        return true;
      }),
    createIfAbsent: (account, value) =>
      serial(async () => {
        const { entries, kdf } = await read();
        const existing = entries.get(account);
        if (existing !== undefined) return existing;
        entries.set(account, value);
        await write(entries, kdf);
        return value;
      }),
  };
}
