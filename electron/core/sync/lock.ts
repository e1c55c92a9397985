import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import { lockState, tryLock, type LockState } from '../locks/file-lock';

export const LOCK_FILE = 'sync.lock';

export interface SyncLock {
  file: string;
  release(): void;
}

/**
 * One sync per profile at a time, across processes and doors. The lock file records its
 * owner's pid, start time and boot id (locks/process-identity.ts); a lock left by a process
 * that died (kill -9, power loss), or whose pid now belongs to another process, is taken over,
 * because the store itself is always consistent (one transaction per page) and the run resumes.
 */
export function acquireSyncLock(dir: string): Result<SyncLock> {
  const file = join(dir, LOCK_FILE);
  const got = tryLock(file, dir);
  if (!got.ok) return got;
  if ('release' in got.value) return ok(got.value);
  const by = got.value.heldBy;
  return err(
    'SYNC_RUNNING',
    by
      ? `A sync is already running for this profile (process ${by.pid}, since ${by.since || 'an earlier version'}). Wait for it to finish, or stop it; it can be resumed.`
      : 'Another sync is taking the lock for this profile. Try again in a moment.',
  );
}

/** The profile's sync lock as `glue status` reports it. */
export function syncLockState(dir: string): LockState {
  return lockState(join(dir, LOCK_FILE));
}
