import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { StoreError } from './errors';
import { open } from './secret-box';

/** meta key holding an HMAC of the password-value key: proves the pair of keys belongs together. */
export const META_SECRETS_KEY_CHECK = 'store.secretsKeyCheck';

const checkOf = (secretsKey: Buffer): string => createHmac('sha256', secretsKey).update('glue-desk-secrets-key-check').digest('hex');

export const secretsKeyMismatch = (): StoreError =>
  new StoreError(
    'STORE_WRONG_KEY',
    "The password-value key in the keychain (the profile's secrets-key entry) does not open this store's sealed password values, although the database key opens the store. Restore that keychain entry from a backup; or run `glue repair`, which moves this store aside (kept, not deleted) and syncs a fresh copy that the current keys open.",
  );

interface SealedRow {
  password_id: number;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * The database key and the password-value key are checked together at open. A store whose
 * value key was replaced (two processes creating keys at once used to do that) opens fine and
 * lists everything, then fails every password reveal; this says so at once instead.
 * Stores from before the check get it on their first writable open, proven against one sealed
 * value when there is one.
 */
export function checkSecretsKey(db: Database.Database, secretsKey: Buffer, writable: boolean): void {
  const expected = checkOf(secretsKey);
  const stored = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_SECRETS_KEY_CHECK)?.value;
  if (stored !== undefined) {
    if (stored !== expected) throw secretsKeyMismatch();
    return;
  }
  const sample = db.prepare<[], SealedRow>('SELECT password_id, iv, tag, ciphertext FROM secrets ORDER BY password_id LIMIT 1').get();
  if (sample) {
    try {
      open(secretsKey, sample.password_id, sample);
    } catch {
      throw secretsKeyMismatch();
    }
  }
  if (writable) db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(META_SECRETS_KEY_CHECK, expected);
}
