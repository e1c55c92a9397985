import { join } from 'node:path';
import type { Result } from '../../../shared/result';
import { waitForLock } from '../locks/file-lock';
import { loadKeys } from '../secrets/key-manager';
import type { Keychain } from '../secrets/keychain';
import { tryOpenStore, type Store } from '../store/open';

/** Held while a process creates or reads the profile's keys and opens (first: creates) its store. */
export const PROFILE_LOCK_FILE = 'profile.lock';

export interface OpenProfileStoreInput {
  profile: string;
  profileDir: string;
  storeDb: string;
  keychain: Keychain;
  /** How long to wait for another process that is setting up the same profile. */
  lockTimeoutMs?: number;
}

/**
 * Keys and store of a profile, created atomically: one lock covers key creation and the first
 * open, so two commands started together on a new profile get one pair of keys and one store
 * (before, each minted its own keys and the loser's store or values no longer opened). The
 * lock is short: it is released once the store is open, before any sync starts.
 */
export async function openProfileStore(input: OpenProfileStoreInput): Promise<Result<Store>> {
  const lock = await waitForLock(join(input.profileDir, PROFILE_LOCK_FILE), input.profileDir, input.lockTimeoutMs ?? 60_000);
  if (!lock.ok) return lock;
  try {
    const keys = await loadKeys(input.keychain, input.profile);
    if (!keys.ok) return keys;
    return tryOpenStore({ file: input.storeDb, dbKey: keys.value.dbKey, secretsKey: keys.value.secretsKey });
  } finally {
    lock.value.release();
  }
}
