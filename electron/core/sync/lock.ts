import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';

export const LOCK_FILE = 'sync.lock';

export interface SyncLock {
  file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function create(file: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * One sync per profile at a time, across processes and doors. The lock file holds the pid of
 * its owner; a lock left by a process that died (kill -9, power loss) is taken over, because
 * the store itself is always consistent (one transaction per page) and the run resumes.
 */
export function acquireSyncLock(dir: string): Result<SyncLock> {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (create(file)) {
        let released = false;
        return ok({
          file,
          release: () => {
            if (released) return;
            released = true;
            if (readPid(file) === process.pid) rmSync(file, { force: true });
          },
        });
      }
    } catch (e) {
      const code = e instanceof Error && 'code' in e ? String(e.code) : '';
      if (code === 'ENOSPC') return err('INTERNAL', 'The disk is full: free some space, then run the sync again.');
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        return err('FORBIDDEN', `Cannot write in ${dir} (read-only). Choose a writable data folder with --data-dir or GLUE_DATA_DIR.`);
      }
      return err('INTERNAL', `Cannot create the sync lock in ${dir} (${code || 'unknown error'}).`);
    }
    const pid = readPid(file);
    if (pid !== null && alive(pid)) {
      return err('SYNC_RUNNING', `A sync is already running for this profile (process ${pid}). Wait for it to finish, or stop it; it can be resumed.`);
    }
    // Stale (dead owner or unreadable): remove and race for it again.
    rmSync(file, { force: true });
  }
  return err('SYNC_RUNNING', 'Another sync keeps taking the lock for this profile. Try again in a moment.');
}
