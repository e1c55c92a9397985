// The app lock (issue #19): locked after an idle time, on screen lock and sleep (the Electron
// door reports those, main/lock-door.ts), and on demand. While locked the app API refuses
// everything that shows IT Glue data (lock-gate.ts), in this process, not only in the UI.
// Unlock: the OS where the host offers it (Touch ID on macOS), else the local unlock
// passphrase (unlock-secret.ts, scrypt, rate-limited). With neither set up the lock is off:
// a lock anyone can open would only pretend.
import type { LockReason, LockStatus } from '../../../shared/ipc';
import { err, ok, type Result } from '../../../shared/result';
import { createUnlockSecret, type UnlockSecret } from './unlock-secret';

export interface LockClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemLockClock: LockClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AppLockOptions {
  profileDir: string;
  clock?: LockClock;
  /** settings.idleLockMinutes, read again at every re-arm; 0 = never. */
  idleMinutes: () => number;
  /** The host's OS unlock (Touch ID): resolves true when the user proved presence. */
  osUnlock?: () => Promise<boolean>;
}

export const LOCKED_MESSAGE = 'Glue Desk is locked: unlock it to see records, answers and passwords.';
export const MIN_PASSPHRASE = 8;

export interface AppLock {
  status(): LockStatus;
  /** Locks now (no-op while the lock is off: no passphrase and no OS unlock). */
  lock(reason: LockReason): Result<LockStatus>;
  /** The user did something: the idle timer starts over. */
  touch(): void;
  unlock(input: { passphrase?: string; os?: boolean }): Promise<Result<LockStatus>>;
  setPassphrase(input: { current?: string; next: string }): Promise<Result<LockStatus>>;
  /** APP_LOCKED while locked; every data method of the app API asks first. */
  gate(): Result<void>;
  onChange(listener: (s: LockStatus) => void): () => void;
  dispose(): void;
}

export function createAppLock(options: AppLockOptions, secret: UnlockSecret = createUnlockSecret(options.profileDir)): AppLock {
  const clock = options.clock ?? systemLockClock;
  const listeners = new Set<(s: LockStatus) => void>();
  const enabled = (): boolean => secret.isSet() || options.osUnlock !== undefined;
  // A started app is locked as soon as the lock is set up: the last session may have been
  // left by someone else.
  let locked = enabled();
  let reason: LockReason | null = locked ? 'startup' : null;
  let timer: unknown = null;

  const status = (): LockStatus => {
    const { failures, waitUntil } = secret.attempts();
    return {
      locked,
      reason,
      enabled: enabled(),
      passphraseSet: secret.isSet(),
      osUnlock: options.osUnlock !== undefined,
      idleMinutes: options.idleMinutes(),
      failures,
      retryAfterSeconds: Math.max(0, Math.ceil((waitUntil - clock.now()) / 1000)),
    };
  };
  const changed = (): void => {
    const s = status();
    for (const l of listeners) l(s);
  };
  const disarm = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const arm = (): void => {
    disarm();
    const minutes = options.idleMinutes();
    if (locked || minutes <= 0 || !enabled()) return;
    timer = clock.setTimeout(() => {
      timer = null;
      doLock('idle');
    }, minutes * 60_000);
  };
  const doLock = (why: LockReason): void => {
    if (!enabled()) return;
    disarm();
    const was = locked;
    locked = true;
    reason = why;
    if (!was) changed();
  };
  const unlocked = (): Result<LockStatus> => {
    locked = false;
    reason = null;
    arm();
    changed();
    return ok(status());
  };
  arm();

  return {
    status,
    lock(why) {
      if (!enabled()) return err('INVALID_INPUT', `Set an unlock passphrase first (Settings → Security, at least ${MIN_PASSPHRASE} characters): a lock without one could not be opened safely.`);
      doLock(why);
      return ok(status());
    },
    touch() {
      if (!locked) arm();
    },
    async unlock({ passphrase, os }) {
      if (!locked) return ok(status());
      if (os) {
        if (!options.osUnlock) return err('FORBIDDEN', 'This computer offers no OS unlock here; use the unlock passphrase.');
        return (await options.osUnlock()) ? unlocked() : err('FORBIDDEN', 'The OS did not confirm it is you; try again or use the unlock passphrase.');
      }
      if (!passphrase) return err('INVALID_INPUT', 'Enter the unlock passphrase.');
      if (!secret.isSet()) return err('FORBIDDEN', 'No unlock passphrase is set on this computer; use the OS unlock.');
      const r = await secret.check(passphrase, clock.now());
      if (r === 'ok') return unlocked();
      const s = status();
      changed();
      if (r === 'wait' || s.retryAfterSeconds > 0) return err('RATE_LIMITED', `Too many wrong passphrases: try again in ${s.retryAfterSeconds} s.`);
      return err('FORBIDDEN', 'Wrong unlock passphrase.');
    },
    async setPassphrase({ current, next }) {
      if (locked) return err('APP_LOCKED', LOCKED_MESSAGE);
      if (next.length < MIN_PASSPHRASE) return err('INVALID_INPUT', `The unlock passphrase needs at least ${MIN_PASSPHRASE} characters.`);
      if (secret.isSet()) {
        if (!current) return err('INVALID_INPUT', 'Enter the current unlock passphrase to change it.');
        const r = await secret.check(current, clock.now());
        if (r === 'wait') return err('RATE_LIMITED', `Too many wrong passphrases: try again in ${status().retryAfterSeconds} s.`);
        if (r === 'wrong') return err('FORBIDDEN', 'The current unlock passphrase is wrong.');
      }
      await secret.set(next);
      arm();
      changed();
      return ok(status());
    },
    gate: () => (locked ? err('APP_LOCKED', LOCKED_MESSAGE) : ok(undefined)),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disarm();
      listeners.clear();
    },
  };
}
