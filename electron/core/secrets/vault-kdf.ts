// The passphrase vault's key derivation (scrypt), kept apart from the vault so a command can
// start it before it loads anything else. scrypt runs on libuv's thread pool, so a derivation
// started first overlaps with the ~0.3 s a cold `glue ask` spends loading its modules, instead
// of adding ~0.1 s after them. No zod here on purpose: this file must load in a few ms.
import { scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A profile's passphrase vault, `<profileDir>/keys.enc`. */
export const VAULT_FILE_NAME = 'keys.enc';

export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

export interface VaultKeys {
  encKey: Buffer;
  checkKey: Buffer;
}

/**
 * Bounds on parameters read from a file: a tampered N must not make us allocate gigabytes.
 * The vault's zod schema states the same bounds; a test keeps the two in step.
 */
export const KDF_BOUNDS = { N: { min: 2 ** 15, max: 2 ** 20 }, r: { min: 8, max: 32 }, p: { min: 1, max: 4 } } as const;

// One derivation remembered per process: the one a prefetch started, or the vault's last. The
// passphrase is part of the key, so a different passphrase (a wrong one, another profile)
// derives afresh; nothing is written anywhere. It lives on a global symbol because bin/glue.js
// starts the prefetch from its own small copy of this file before the CLI bundle (which holds
// another copy) has even been read.
interface Memo {
  last: { id: string; keys: Promise<VaultKeys> } | null;
}
const MEMO = Symbol.for('glue-desk.vault-kdf');
const memo: Memo = ((globalThis as { [MEMO]?: Memo })[MEMO] ??= { last: null });

function derive(passphrase: string, kdf: KdfParams): Promise<VaultKeys> {
  const salt = Buffer.from(kdf.salt, 'base64');
  const maxmem = 256 * kdf.N * kdf.r * kdf.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, out) => {
      if (error) reject(error);
      else resolve({ encKey: out.subarray(0, 32), checkKey: out.subarray(32, 64) });
    });
  });
}

/** The vault keys for this passphrase and these (already validated) parameters; derived once per process. */
export function deriveVaultKeys(passphrase: string, kdf: KdfParams): Promise<VaultKeys> {
  const id = JSON.stringify([passphrase, kdf.N, kdf.r, kdf.p, kdf.salt]);
  if (memo.last?.id !== id) {
    const keys = derive(passphrase, kdf);
    // A failed derivation is not remembered: the next call tries again.
    keys.catch(() => {
      if (memo.last?.keys === keys) memo.last = null;
    });
    memo.last = { id, keys };
  }
  return memo.last.keys;
}

const within = (v: unknown, b: { min: number; max: number }): v is number => Number.isInteger(v) && (v as number) >= b.min && (v as number) <= b.max;

/** The KDF parameters of a vault file, or null when the file is missing or not as expected. */
export function vaultKdfOf(text: string): KdfParams | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const file = raw as { format?: unknown; version?: unknown; kdf?: Record<string, unknown> };
  const kdf = file.kdf;
  if (file.format !== 'glue-desk-vault' || file.version !== 1 || typeof kdf !== 'object' || kdf === null) return null;
  const { name, N, r, p, salt } = kdf;
  if (name !== 'scrypt' || !within(N, KDF_BOUNDS.N) || (N & (N - 1)) !== 0 || !within(r, KDF_BOUNDS.r) || !within(p, KDF_BOUNDS.p)) return null;
  if (typeof salt !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(salt)) return null;
  return { name, N, r, p, salt };
}

/**
 * Starts deriving the keys of the vault at `file` in the background, so the vault finds them
 * ready when the command opens the profile. Best effort and silent: a missing or unexpected
 * file, or any error, only means the vault derives (and reports) as it always did.
 */
export function prefetchVaultKeys(file: string, passphrase: string): void {
  if (passphrase === '') return;
  try {
    const kdf = vaultKdfOf(readFileSync(file, 'utf8'));
    if (kdf) deriveVaultKeys(passphrase, kdf).catch(() => undefined);
  } catch {
    // no vault file (a keychain profile, a new profile): nothing to start
  }
}
