import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Who holds a lock. A pid alone is not enough: after a crash and a reboot (or in a busy
 * container) the same number belongs to another process, and a lock that trusts it blocks
 * forever. The start time (Linux: /proc/<pid>/stat field 22, clock ticks since boot, with the
 * boot id; macOS and other Unixes: `ps -o lstart`, a wall-clock time) names one process for its
 * whole life.
 */
export const ownerSchema = z.object({
  pid: z.number().int().positive(),
  /** Start time as the OS reports it; null where we cannot read it (Windows). */
  startTicks: z.string().nullable(),
  bootId: z.string().nullable(),
  /** When the lock was taken (ISO), for `glue status`. */
  since: z.string(),
});
export type LockOwner = z.infer<typeof ownerSchema>;

function readOr(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function bootId(): string | null {
  return readOr('/proc/sys/kernel/random/boot_id')?.trim() || null;
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
function procStartTicks(pid: number): string | null {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return null;
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field 22 is rest[19].
  return rest[19] ?? null;
}

/**
 * `ps -o lstart= -p <pid>` (POSIX ps on macOS and the BSDs): the start time to the second, as
 * text; "ps:" marks it so a lock written on one kind of system never matches the other's.
 * Windows has no quick equivalent (a PowerShell start costs ~1 s per lock): pid only there.
 */
export function psStartTime(pid: number): string | null {
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out ? `ps:${out}` : null;
  } catch {
    return null; // no such process (ps exits 1), or no ps
  }
}

/** The process's start time as this OS can tell it, or null (Windows, or a process that is gone). */
export function startTicksOf(pid: number, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'linux') return procStartTicks(pid);
  return platform === 'win32' ? null : psStartTime(pid);
}

export function currentOwner(): LockOwner {
  return { pid: process.pid, startTicks: startTicksOf(process.pid), bootId: bootId(), since: new Date().toISOString() };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

/**
 * True when the process that wrote `owner` is still running. A recorded start time or boot id
 * that differs from what the OS says now means the pid was reused: the owner is gone.
 */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.bootId !== null) {
    const now = bootId();
    if (now !== null && now !== owner.bootId) return false;
  }
  if (!pidAlive(owner.pid)) return false;
  if (owner.startTicks !== null) {
    const now = startTicksOf(owner.pid);
    if (now !== null && now !== owner.startTicks) return false;
  }
  return true;
}

/** Reads a lock file's owner: the JSON this module writes, or a bare pid from older versions. */
export function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const pid = Number(trimmed);
    return Number.isSafeInteger(pid) && pid > 0 ? { pid, startTicks: null, bootId: null, since: '' } : null;
  }
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(trimmed));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
