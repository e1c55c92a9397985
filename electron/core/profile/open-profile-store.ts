import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import { peekSettings } from '../config/settings';
import { guardStore, processClock, type GuardPurpose, type TrustedClock } from '../guard/index';
import { waitForLock } from '../locks/file-lock';
import { accountFor, loadKeys } from '../secrets/key-manager';
import type { Keychain } from '../secrets/keychain';
import { isBusy } from '../store/errors';
import { tryOpenStore, type Store } from '../store/open';
import { onSecretsKeyDestroy } from '../store/store-keys';

/** Held while a process creates or reads the profile's keys and opens (first: creates) its store. */
export const PROFILE_LOCK_FILE = 'profile.lock';

export interface OpenProfileStoreInput {
  profile: string;
  profileDir: string;
  storeDb: string;
  keychain: Keychain;
  /** How long to wait for another process that is setting up the same profile. */
  lockTimeoutMs?: number;
  /**
   * 'read' (default): a store locked for a revoked key or an expired offline copy is refused.
   * 'sync': it opens, because a successful sync is what unlocks it.
   */
  purpose?: GuardPurpose;
  /** The offline clock (tests move it); default the process's own. */
  clock?: TrustedClock;
}

export interface ProfileStore {
  store: Store;
  /** Offline-expiry warnings and the like, for the door to show (status, health, the app header). */
  notices: string[];
}

async function openOnce(input: OpenProfileStoreInput): Promise<Result<Store>> {
  const keys = await loadKeys(input.keychain, input.profile);
  if (!keys.ok) return keys;
  const store = tryOpenStore({ file: input.storeDb, dbKey: keys.value.dbKey, secretsKey: keys.value.secretsKey });
  // Destroying the values (guard/) also deletes the key that sealed them from the keychain.
  if (store.ok) onSecretsKeyDestroy(store.value, async () => void (await input.keychain.delete(accountFor(input.profile, 'secrets-key'))));
  return store;
}

/**
 * Keys and store of a profile, created atomically: one lock covers key creation and the first
 * open, so two commands started together on a new profile get one pair of keys and one store
 * (before, each minted its own keys and the loser's store or values no longer opened). The
 * lock is short: it is released once the store is open, before any sync starts. The store then
 * passes the guard (guard/access.ts): locked or expired stores are refused for reading.
 */
export async function openProfileStore(input: OpenProfileStoreInput): Promise<Result<Store>> {
  const r = await openGuardedProfileStore(input);
  return r.ok ? ok(r.value.store) : r;
}

export async function openGuardedProfileStore(input: OpenProfileStoreInput): Promise<Result<ProfileStore>> {
  const lock = await waitForLock(join(input.profileDir, PROFILE_LOCK_FILE), input.profileDir, input.lockTimeoutMs ?? 60_000);
  if (!lock.ok) return lock;
  try {
    const purpose = input.purpose ?? 'read';
    const expiryDays = peekSettings(input.profileDir).offlineExpiryDays;
    const clock = input.clock ?? processClock;
    // Twice at most: an expired store is closed as its values are destroyed, and a sync opens it again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const store = await openOnce(input);
      if (!store.ok) return store;
      let guarded;
      try {
        guarded = await guardStore(store.value, { purpose, clock, expiryDays, countOpen: attempt === 0 });
      } catch (e) {
        store.value.close();
        if (isBusy(e)) return err('STORE_LOCKED', 'The store is busy (a sync may be running); try again in a moment.');
        return err('INTERNAL', 'The store could not be checked for its offline expiry; nothing was changed. Try again, and report it if it persists.');
      }
      if (guarded.ok) return ok({ store: store.value, notices: guarded.notices });
      store.value.close();
      if (!(guarded.closed && purpose === 'sync')) return { ok: false, error: guarded.error };
    }
    return err('INTERNAL', 'The store could not be opened after its password values were destroyed; try again.');
  } finally {
    lock.value.release();
  }
}
