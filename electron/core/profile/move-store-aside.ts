import { existsSync, renameSync } from 'node:fs';
import { err, ok, type Result } from '../../../shared/result';
import { writeFailure } from '../locks/file-lock';
import { dirname } from 'node:path';

/**
 * Moves a store and its WAL/shared-memory files aside under one timestamped name, together:
 * the WAL holds committed pages, and a WAL left behind would be replayed into the next store.
 * Nothing is deleted: the user (or support) may still want what the damaged file holds.
 * The caller holds the profile's sync lock, so no sync writes meanwhile.
 */
export function moveStoreAside(storeDb: string, now: Date = new Date()): Result<{ keptAs: string }> {
  const keptAs = `${storeDb}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  if (!existsSync(storeDb)) return err('NOT_FOUND', `There is no store at ${storeDb} to move aside.`);
  try {
    // WAL and shm first: if the main file's rename then failed, the store would still open (without its last pages), never the reverse.
    for (const suffix of ['-wal', '-shm']) if (existsSync(`${storeDb}${suffix}`)) renameSync(`${storeDb}${suffix}`, `${keptAs}${suffix}`);
    renameSync(storeDb, keptAs);
  } catch (e) {
    return writeFailure(dirname(storeDb), e);
  }
  return ok({ keptAs });
}
