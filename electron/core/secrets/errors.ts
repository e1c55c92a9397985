import type { ErrorCode, ResultError } from '../../../shared/result';

/**
 * Keychains are async APIs that reject, like the OS ones they wrap; this typed error carries a
 * stable code so the doors can turn it into a Result without guessing from message text.
 */
export class SecretsError extends Error {
  override name = 'SecretsError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'No OS keychain (Secret Service) is available. Set the GLUE_PASSPHRASE environment variable to encrypt the keys of this profile with a passphrase instead.';

export class KeychainUnavailableError extends SecretsError {
  override name = 'KeychainUnavailableError';
  constructor() {
    super('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
  }
}

/** Turns a rejection from a keychain into a ResultError; anything unknown is reported as INTERNAL without its stack. */
export function toResultError(e: unknown): ResultError {
  if (e instanceof SecretsError) return { code: e.code, message: e.message };
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Unexpected key store failure: ${detail}. Run again with GLUE_DEBUG=1 and report it.` };
}
