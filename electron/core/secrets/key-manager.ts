import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';
import { checkProfileName } from '../config/paths';
import { SecretsError, toResultError } from './errors';
import type { Keychain } from './keychain';

export { resolveKeychain, DEMO_PASSPHRASE, type ResolvedKeychain, type KeychainKind } from './resolve-keychain';

export interface ProfileKeys {
  /** SQLCipher key for store.db. */
  dbKey: Buffer;
  /** AES-256-GCM key for password values, separate so a leaked DB key alone reveals no secrets. */
  secretsKey: Buffer;
}

export interface ItGlueCredentials {
  apiKey: string;
  baseUrl: string;
}

export const accountFor = (profile: string, name: 'db-key' | 'secrets-key' | 'itglue-api-key' | 'itglue-base-url') => `${profile}/${name}`;

const HEX_KEY = /^[0-9a-f]{64}$/;

const checkProfile = checkProfileName;

async function loadOrCreateKey(keychain: Keychain, account: string): Promise<Buffer> {
  // Create-if-absent, never read-then-write: when two doors start together on a new profile,
  // the second gets the key the first stored instead of replacing it with its own.
  const stored = await keychain.createIfAbsent(account, randomBytes(32).toString('hex'));
  if (!HEX_KEY.test(stored)) throw new SecretsError('STORE_CORRUPT', `The key stored as "${account}" is malformed. Restore it from a backup of your keychain; a new key cannot open the existing store.`);
  return Buffer.from(stored, 'hex');
}

/** The profile's two 256-bit keys, created at random on first use and returned unchanged after. */
export async function loadKeys(keychain: Keychain, profile: string): Promise<Result<ProfileKeys>> {
  const name = checkProfile(profile);
  if (!name.ok) return name;
  try {
    const dbKey = await loadOrCreateKey(keychain, accountFor(profile, 'db-key'));
    const secretsKey = await loadOrCreateKey(keychain, accountFor(profile, 'secrets-key'));
    return ok({ dbKey, secretsKey });
  } catch (e) {
    return { ok: false, error: toResultError(e) };
  }
}

const credentialsSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1, 'The IT Glue API key is empty. Paste the key from IT Glue → Account → API Keys.')
    .regex(/^\S+$/, 'The IT Glue API key must not contain spaces. Paste it again without extra text.'),
  baseUrl: z.url({ protocol: /^https?$/, error: 'The IT Glue base URL must be an http(s) URL such as https://api.itglue.com.' }),
});

export async function saveCredentials(keychain: Keychain, profile: string, credentials: ItGlueCredentials): Promise<Result<void>> {
  const name = checkProfile(profile);
  if (!name.ok) return name;
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return err('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Invalid IT Glue credentials.');
  try {
    await keychain.set(accountFor(profile, 'itglue-api-key'), parsed.data.apiKey);
    await keychain.set(accountFor(profile, 'itglue-base-url'), parsed.data.baseUrl);
    return ok(undefined);
  } catch (e) {
    return { ok: false, error: toResultError(e) };
  }
}

/** The saved IT Glue credentials, or null when the profile is not connected yet. */
export async function loadCredentials(keychain: Keychain, profile: string): Promise<Result<ItGlueCredentials | null>> {
  const name = checkProfile(profile);
  if (!name.ok) return name;
  try {
    const apiKey = await keychain.get(accountFor(profile, 'itglue-api-key'));
    const baseUrl = await keychain.get(accountFor(profile, 'itglue-base-url'));
    return ok(apiKey !== null && baseUrl !== null ? { apiKey, baseUrl } : null);
  } catch (e) {
    return { ok: false, error: toResultError(e) };
  }
}

/** Forgets the IT Glue credentials (keys for the local store stay). True when anything was removed. */
export async function clearCredentials(keychain: Keychain, profile: string): Promise<Result<boolean>> {
  const name = checkProfile(profile);
  if (!name.ok) return name;
  try {
    const a = await keychain.delete(accountFor(profile, 'itglue-api-key'));
    const b = await keychain.delete(accountFor(profile, 'itglue-base-url'));
    return ok(a || b);
  } catch (e) {
    return { ok: false, error: toResultError(e) };
  }
}
