import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { err, ok, type Result } from '../../../shared/result';
import { currentOwner, ownerAlive, parseOwner, type LockOwner } from './process-identity';

export interface FileLock {
  file: string;
  owner: LockOwner;
  release(): void;
}

export type LockState = { held: false } | { held: true; owner: LockOwner | null; alive: boolean };

const codeOf = (e: unknown): string => (e instanceof Error && 'code' in e ? String(e.code) : '');

function readOwner(file: string): { exists: boolean; owner: LockOwner | null } {
  try {
    return { exists: true, owner: parseOwner(readFileSync(file, 'utf8')) };
  } catch (e) {
    return { exists: codeOf(e) !== 'ENOENT', owner: null };
  }
}

function youngerThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < ms;
  } catch {
    return false;
  }
}

/** What a lock file says now, for `glue status`: free, held by a live process, or stale. */
export function lockState(file: string): LockState {
  const { exists, owner } = readOwner(file);
  if (!exists) return { held: false };
  return { held: true, owner, alive: owner !== null && ownerAlive(owner) };
}

/** Errors a lock cannot fix by waiting: the folder is read-only or full. */
export function writeFailure(dir: string, e: unknown): Result<never> {
  const code = codeOf(e);
  if (code === 'ENOSPC') return err('INTERNAL', `The disk holding ${dir} is full: free some space and try again.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return err('FORBIDDEN', `The profile folder ${dir} is not writable (${code}). Fix its permissions, or choose a writable data folder with --data-dir or GLUE_DATA_DIR.`);
  }
  return err('INTERNAL', `Cannot write in ${dir} (${code || 'unknown error'}). Check the folder and try again.`);
}

/**
 * One attempt at an exclusive lock file (O_EXCL: the kernel picks one winner). The file holds
 * the owner's pid, start time and boot id, so a lock left by a dead process, or by a pid that
 * was since reused, is recognised and taken over.
 * Returns the lock, or the live owner that holds it.
 */
export function tryLock(file: string, dir: string): Result<FileLock | { heldBy: LockOwner | null }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner = currentOwner();
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(owner));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return ok({
        file,
        owner,
        release: () => {
          if (released) return;
          released = true;
          const now = readOwner(file).owner;
          if (now && now.pid === owner.pid && now.since === owner.since) rmSync(file, { force: true });
        },
      });
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') return writeFailure(dir, e);
    }
    const { owner: holder } = readOwner(file);
    // A file without a readable owner may be mid-write by its creator (one syscall away):
    // only an old one is stale.
    if (holder === null && youngerThan(file, 2000)) return ok({ heldBy: null });
    if (holder !== null && ownerAlive(holder)) return ok({ heldBy: holder });
    // Stale: remove and race for it again (O_EXCL still picks one winner).
    rmSync(file, { force: true });
  }
  return ok({ heldBy: null });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits up to `timeoutMs` for the lock; for short critical sections such as creating a profile's keys. */
export async function waitForLock(file: string, dir: string, timeoutMs: number, onWait?: (owner: LockOwner | null) => void): Promise<Result<FileLock>> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    const got = tryLock(file, dir);
    if (!got.ok) return got;
    if ('release' in got.value) return ok(got.value);
    if (!told) {
      told = true;
      onWait?.(got.value.heldBy);
    }
    if (Date.now() >= deadline) {
      const by = got.value.heldBy;
      return err('STORE_LOCKED', `Another Glue Desk process${by ? ` (pid ${by.pid})` : ''} is setting up this profile and did not finish within ${Math.round(timeoutMs / 1000)} s. Try again; if no other Glue Desk is running, delete ${file}.`);
    }
    await sleep(25 + Math.floor(Math.random() * 25));
  }
}
