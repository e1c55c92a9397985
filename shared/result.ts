// Errors cross every boundary (IPC, web host, MCP, CLI JSON) as values, never as thrown
// Errors with stacks. `code` is stable and machine-readable; `message` says what to do.
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'NOT_SYNCED'
  | 'KEY_REJECTED'
  | 'NO_PASSWORD_ACCESS'
  | 'REGION_MISMATCH'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'BAD_RESPONSE'
  | 'NETWORK'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'STORE_LOCKED'
  | 'STORE_CORRUPT'
  | 'STORE_WRONG_KEY'
  | 'STORE_TOO_NEW'
  /** IT Glue rejected the key that synced this store: its password values were destroyed. */
  | 'KEY_REVOKED'
  /** Too long without reaching IT Glue: the password values were destroyed until a sync succeeds. */
  | 'OFFLINE_EXPIRED'
  /** The app is locked (idle, screen lock, sleep, on demand) until the user unlocks it. */
  | 'APP_LOCKED'
  | 'SYNC_RUNNING'
  | 'CANCELLED'
  | 'FORBIDDEN'
  | 'INTERNAL';

export interface ResultError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ResultError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } });
