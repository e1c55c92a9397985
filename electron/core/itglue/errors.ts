import type { ErrorCode, ResultError } from '../../../shared/result';

/**
 * Every failure the IT Glue client reports. Messages are built here from fixed text plus the
 * request path (never the query string, never the key) so they are safe to show and to log.
 */
export abstract class ItGlueError extends Error {
  abstract readonly code: ErrorCode;
  /** True when trying the same request again later may succeed. */
  readonly retryable: boolean = false;
}

export const KEY_ADVICE =
  'Check the key in IT Glue > Account > API Keys; keys unused for 90 days are revoked; if your account is in the EU or AU region choose that region.';

export class KeyRejectedError extends ItGlueError {
  readonly code = 'KEY_REJECTED' as const;
  override name = 'KeyRejectedError';
  constructor(readonly status: number) {
    super(`IT Glue rejected the API key (HTTP ${status}). ${KEY_ADVICE}`);
  }
}

export class NoPasswordAccessError extends ItGlueError {
  readonly code = 'NO_PASSWORD_ACCESS' as const;
  override name = 'NoPasswordAccessError';
  constructor() {
    super(
      'This API key cannot read password values. In IT Glue > Account > API Keys, create a key with "Password Access" enabled, then enter it in Glue Desk.',
    );
  }
}

export class RegionMismatchError extends ItGlueError {
  readonly code = 'REGION_MISMATCH' as const;
  override name = 'RegionMismatchError';
  constructor(readonly regionName: string) {
    super(`This API key belongs to the ${regionName} region, not the one selected. Choose ${regionName} and connect again.`);
  }
}

export class RateLimitedError extends ItGlueError {
  readonly code = 'RATE_LIMITED' as const;
  override name = 'RateLimitedError';
  override readonly retryable = true;
  constructor(
    readonly path: string,
    readonly retryAfterMs: number | null,
  ) {
    super(`IT Glue is limiting requests for this key (HTTP 429 on ${path}). Wait a few minutes and sync again; other tools using the same key share its limit.`);
  }
}

export class ServerError extends ItGlueError {
  readonly code = 'SERVER_ERROR' as const;
  override name = 'ServerError';
  override readonly retryable: boolean;
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`IT Glue answered HTTP ${status} on ${path} after several tries. It is probably busy or down; try again in a few minutes.`);
    this.retryable = status >= 500;
  }
}

/** 404 from IT Glue: the record (or, for documents, the whole feature) is not there. */
export class NotFoundError extends ItGlueError {
  readonly code = 'NOT_FOUND' as const;
  override name = 'NotFoundError';
  constructor(readonly path: string) {
    super(`IT Glue has no record at ${path}; it may have been deleted or your key cannot see it.`);
  }
}

/** 400/422 and other 4xx: the request itself was refused; retrying will not help. */
export class RequestRejectedError extends ItGlueError {
  readonly code = 'INVALID_INPUT' as const;
  override name = 'RequestRejectedError';
  constructor(
    readonly status: number,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`IT Glue refused the request to ${path} (HTTP ${status}): ${detail}`);
  }
}

export class BadResponseError extends ItGlueError {
  readonly code = 'BAD_RESPONSE' as const;
  override name = 'BadResponseError';
  override readonly retryable: boolean;
  constructor(
    readonly path: string,
    readonly reason: string,
    retryable = false,
  ) {
    super(`IT Glue sent an unreadable answer for ${path}: ${reason}. If this keeps happening, check for a proxy between you and IT Glue.`);
    this.retryable = retryable;
  }
}

export class NetworkError extends ItGlueError {
  readonly code = 'NETWORK' as const;
  override name = 'NetworkError';
  override readonly retryable = true;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Could not reach IT Glue for ${path} (${reason}). Check the internet connection and the selected region.`);
  }
}

export class CancelledError extends ItGlueError {
  readonly code = 'CANCELLED' as const;
  override name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

/** Only the path of a URL: query strings can hold filter values and never belong in a message. */
export function pathOnly(pathOrUrl: string): string {
  const q = pathOrUrl.search(/[?#]/);
  return q === -1 ? pathOrUrl : pathOrUrl.slice(0, q);
}

/** Removes the key from server-supplied text before it goes into a message. */
export function redact(text: string, apiKey: string): string {
  if (apiKey.length < 4) return text;
  return text.split(apiKey).join('[api key]');
}

/** The value that crosses a boundary. Unknown throwables become INTERNAL without their text. */
export function toResultError(e: unknown): ResultError {
  if (e instanceof ItGlueError) return { code: e.code, message: e.message };
  if (e instanceof Error && e.name === 'AbortError') return { code: 'CANCELLED', message: 'Cancelled.' };
  return { code: 'INTERNAL', message: 'Something went wrong talking to IT Glue. Try again; if it keeps happening, run with GLUE_DEBUG=1 and report it.' };
}
