// Destroying a profile's password values (key revoked, offline too long): the sealed rows go,
// with secure_delete so their pages are overwritten, the WAL is truncated so no older copy of
// those pages stays beside the file, and the key that sealed them is zeroed in memory and
// deleted from the keychain. Either half alone would do (no key opens the rows; no rows are
// left to open); both are done so a keychain backup or a file copy made later holds nothing.
import { META_SECRETS_KEY_CHECK } from './key-check';
import { updateGuardState, type LockReason } from './guard-state';
import type { Store } from './open';
import { secretsKeyDestroyerOf, secretsKeyOf } from './store-keys';

export interface DestroyedValues {
  /** Sealed values removed from the store. */
  count: number;
  /** False when the keychain entry could not be deleted (the rows are gone regardless). */
  keyDeleted: boolean;
}

/**
 * Removes every sealed password value, locks the store for `reason`, destroys the value key and
 * closes the store: a door that goes on must open it again, and then gets a fresh key, so no new
 * value is ever sealed under the destroyed one.
 */
export async function destroyPasswordValues(store: Store, reason: LockReason, now: Date): Promise<DestroyedValues> {
  const db = store.db;
  const at = now.toISOString();
  db.pragma('secure_delete = ON');
  const count = db.transaction(() => {
    const removed = db.prepare('DELETE FROM secrets').run().changes;
    // Lists say "no value" now, and the next sync fetches every value again (details-runner).
    db.prepare('UPDATE passwords SET has_value = 0 WHERE has_value <> 0').run();
    // The check proved the old key; a fresh key must be accepted once the values are gone.
    db.prepare('DELETE FROM meta WHERE key = ?').run(META_SECRETS_KEY_CHECK);
    return removed;
  }).immediate();
  updateGuardState(store, (s) => ({ ...s, locked: { reason, at }, valuesDestroyed: { reason, at, count } }));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Another connection is reading: its pages are encrypted, and the key below goes anyway.
  }
  secretsKeyOf(store).fill(0);
  let keyDeleted = true;
  const destroyKey = secretsKeyDestroyerOf(store);
  if (destroyKey) {
    try {
      await destroyKey();
    } catch {
      keyDeleted = false;
    }
  }
  store.close();
  return { count, keyDeleted };
}
