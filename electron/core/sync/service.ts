import { err, ok, type Result } from '../../../shared/result';
import { ensureProfileDirs, resolvePaths, type ProfilePaths } from '../config/paths';
import { apiBudget, peekSettings } from '../config/settings';
import type { ItGlueClient, ItGlueClientOptions } from '../itglue/client';
import { resolveBaseUrl, validateBaseUrl } from '../itglue/regions';
import type { GuardPurpose, TrustedClock } from '../guard/index';
import { openGuardedProfileStore } from '../profile/open-profile-store';
import { loadCredentials, type ItGlueCredentials } from '../secrets/key-manager';
import { resolveKeychain, type ResolvedKeychain } from '../secrets/resolve-keychain';
import type { Store } from '../store/open';

export interface ProfileInput {
  /** --data-dir; GLUE_DATA_DIR in env, then the OS folder, otherwise. */
  dataDir?: string;
  profile?: string;
  env: Record<string, string | undefined>;
  /** Explicit passphrase; GLUE_PASSPHRASE in env counts too. */
  passphrase?: string;
  /** Keychain service name (tests use their own). */
  service?: string;
  /** 'sync' opens a store locked for a revoked key or an expired copy (a sync unlocks it); default 'read'. */
  purpose?: GuardPurpose;
  /** The offline clock (tests move it). */
  clock?: TrustedClock;
}

export interface ProfileKeychain {
  paths: ProfilePaths;
  keychain: ResolvedKeychain;
}

export interface OpenedProfile extends ProfileKeychain {
  store: Store;
  /** Offline-expiry warnings and the like (guard/), for the door to show. */
  notices: string[];
  /** Null until `glue login` (or the app's connect screen) stored a key. */
  credentials: ItGlueCredentials | null;
  /**
   * A client for the stored credentials; NOT_FOUND with "run glue login" when there are none.
   * Async so the client and its response schemas load only in processes that call IT Glue
   * (not in a read command such as `glue ask`).
   */
  createClient(options?: Partial<Omit<ItGlueClientOptions, 'baseUrl' | 'apiKey'>>): Promise<Result<ItGlueClient>>;
  close(): void;
}

export const NO_CREDENTIALS = (profile: string): string =>
  `Profile "${profile}" is not connected to IT Glue yet. Run \`glue login${profile === 'default' ? '' : ` --profile ${profile}`}\` first.`;

/** Paths (created, 0700) and the keychain of a profile: enough for login and logout. */
export async function openProfileKeychain(input: ProfileInput): Promise<Result<ProfileKeychain>> {
  const paths = resolvePaths({ dataDirFlag: input.dataDir, profile: input.profile, env: input.env });
  if (!paths.ok) return paths;
  const made = ensureProfileDirs(paths.value, paths.value.dataDirSource);
  if (!made.ok) return made;
  const keychain = await resolveKeychain({ env: input.env, profileDir: paths.value.profileDir, profile: paths.value.profile, passphrase: input.passphrase, service: input.service });
  if (!keychain.ok) return keychain;
  return ok({ paths: made.value, keychain: keychain.value });
}

/**
 * Non-interactive use (CI, scripts): ITGLUE_API_KEY (+ ITGLUE_BASE_URL, default the US region)
 * in the environment stand in for stored credentials for this process only; nothing is saved.
 */
export function credentialsFromEnv(env: Record<string, string | undefined>): Result<ItGlueCredentials | null> {
  const apiKey = env.ITGLUE_API_KEY?.trim();
  if (!apiKey) return ok(null);
  const baseUrl = env.ITGLUE_BASE_URL?.trim() ? validateBaseUrl(env.ITGLUE_BASE_URL) : resolveBaseUrl('us');
  if (!baseUrl.ok) return err('INVALID_INPUT', `ITGLUE_BASE_URL: ${baseUrl.error.message}`);
  return ok({ apiKey, baseUrl: baseUrl.value });
}

/**
 * Every door's way in: paths → keychain → the profile's keys → the store (created on first
 * use, migrated) → the stored IT Glue credentials. The caller closes it.
 */
export async function openProfile(input: ProfileInput): Promise<Result<OpenedProfile>> {
  const base = await openProfileKeychain(input);
  if (!base.ok) return base;
  const { paths, keychain } = base.value;
  const fromEnv = credentialsFromEnv(input.env);
  if (!fromEnv.ok) return fromEnv;
  const creds = fromEnv.value ? ok(fromEnv.value) : await loadCredentials(keychain.keychain, paths.profile);
  if (!creds.ok) return creds;
  const guarded = await openGuardedProfileStore({ profile: paths.profile, profileDir: paths.profileDir, storeDb: paths.storeDb, keychain: keychain.keychain, purpose: input.purpose, clock: input.clock });
  if (!guarded.ok) return guarded;
  const store = guarded.value.store;
  const credentials = creds.value;
  return ok({
    paths,
    keychain,
    store,
    notices: guarded.value.notices,
    credentials,
    createClient: async (options = {}) => {
      if (!credentials) return err('NOT_FOUND', NO_CREDENTIALS(paths.profile));
      const budget = options.budget ?? apiBudget(peekSettings(paths.profileDir));
      const { createItGlueClient } = await import('../itglue/client');
      return ok(createItGlueClient({ ...options, budget, baseUrl: credentials.baseUrl, apiKey: credentials.apiKey }));
    },
    close: () => store.close(),
  });
}
