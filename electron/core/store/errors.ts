import type { ErrorCode, ResultError } from '../../../shared/result';

/** A store failure with a stable code; `message` tells the user what to do, never holds a secret. */
export class StoreError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }

  toResultError(): ResultError {
    return { code: this.code, message: this.message };
  }
}

/** SQLite's own error shape (better-sqlite3 SqliteError) without importing the native class. */
export function sqliteCode(e: unknown): string | null {
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return e.code;
  return null;
}

export function isBusy(e: unknown): boolean {
  const code = sqliteCode(e);
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export const lockedError = (): StoreError =>
  new StoreError(
    'STORE_LOCKED',
    'The local store is busy in another Glue Desk process (a sync may be running). Wait for it to finish, or close the other window, and try again.',
  );
