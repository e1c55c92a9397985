import { z } from 'zod';
import type { Result } from '../../../shared/result';

// The envelope is checked; the value's shape is the contract's promise from our own host.
const envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export function parseResult(body: unknown): Result<unknown> | null {
  const r = envelope.safeParse(body);
  if (!r.success) return null;
  if (r.data.ok) return { ok: true, value: r.data.value };
  const code = errorCode.safeParse(r.data.error.code);
  return { ok: false, error: { code: code.success ? code.data : 'INTERNAL', message: r.data.error.message } };
}

const errorCode = z.enum([
  'INVALID_INPUT', 'NOT_FOUND', 'NOT_SYNCED', 'KEY_REJECTED', 'NO_PASSWORD_ACCESS', 'REGION_MISMATCH', 'RATE_LIMITED',
  'SERVER_ERROR', 'BAD_RESPONSE', 'NETWORK', 'KEYCHAIN_UNAVAILABLE', 'STORE_LOCKED', 'STORE_CORRUPT', 'STORE_WRONG_KEY',
  'STORE_TOO_NEW', 'KEY_REVOKED', 'OFFLINE_EXPIRED', 'APP_LOCKED', 'SYNC_RUNNING', 'CANCELLED', 'FORBIDDEN', 'INTERNAL',
]);
