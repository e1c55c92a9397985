import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import { KeychainUnavailableError, toResultError } from './errors';
import { createOsKeychain, DEFAULT_SERVICE, type Keychain } from './keychain';
import { accountFor } from './key-manager';
import { createPassphraseVault, VAULT_FILE_NAME } from './passphrase-vault';

export type KeychainKind = 'os' | 'passphrase' | 'demo-passphrase';

export interface ResolvedKeychain {
  keychain: Keychain;
  kind: KeychainKind;
  /** For `glue status`: where the keys of this profile live. */
  description: string;
  /** One line to show the user once, or null. */
  notice: string | null;
}

/**
 * The demo profile holds only the fake demo tenant, so on a machine without an OS keychain it
 * is sealed with this published passphrase instead of stopping the demo. Never used for any
 * other profile.
 */
export const DEMO_PASSPHRASE = 'glue-desk-demo';
export const DEMO_PROFILE = 'demo';

export interface ResolveKeychainOptions {
  env: Record<string, string | undefined>;
  profileDir: string;
  /** Defaults to the profile folder's name (`<dataDir>/profiles/<name>`). */
  profile?: string;
  /** Given explicitly by a host (the app's unlock screen); GLUE_PASSPHRASE in env counts as explicit too. */
  passphrase?: string;
  /** Keychain service name; tests use their own so they never touch a user's entries. */
  service?: string;
  platform?: NodeJS.Platform;
}

function osName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/** A write-and-delete probe: some Secret Service failures only show on writes (reads answer null). */
async function probe(keychain: Keychain, profile: string): Promise<void> {
  const account = `${profile}/keychain-probe`;
  await keychain.set(account, 'ok');
  await keychain.delete(account);
}

/**
 * Chooses where a profile's keys live: a passphrase vault when a passphrase is given (or the
 * profile was already sealed with one), otherwise the OS keychain. No keychain and no
 * passphrase is an error that offers the passphrase mode; only the demo profile falls back,
 * and it says so.
 */
export async function resolveKeychain(options: ResolveKeychainOptions): Promise<Result<ResolvedKeychain>> {
  const profile = options.profile ?? basename(options.profileDir);
  const platform = options.platform ?? process.platform;
  const vaultFile = join(options.profileDir, VAULT_FILE_NAME);
  const passphrase = options.passphrase ?? (options.env.GLUE_PASSPHRASE || undefined);
  try {
    if (passphrase !== undefined) {
      return ok({ keychain: createPassphraseVault({ file: vaultFile, passphrase }), kind: 'passphrase', description: `passphrase vault (${vaultFile})`, notice: null });
    }
    const demoVault = (): ResolvedKeychain => ({
      keychain: createPassphraseVault({ file: vaultFile, passphrase: DEMO_PASSPHRASE }),
      kind: 'demo-passphrase',
      description: `demo passphrase vault (${vaultFile})`,
      notice: `No OS keychain: the demo profile's keys are sealed with the published demo passphrase "${DEMO_PASSPHRASE}" (its data is fake).`,
    });
    if (existsSync(vaultFile)) {
      // The keys already live in the vault; switching to the OS keychain would mint new keys
      // that cannot open the existing store.
      if (profile === DEMO_PROFILE) return ok(demoVault());
      return err('STORE_LOCKED', `The keys of profile "${profile}" are sealed with a passphrase (${vaultFile}). Set GLUE_PASSPHRASE to that passphrase (for example GLUE_PASSPHRASE=… glue sync).`);
    }
    const keychain = createOsKeychain(options.service ?? DEFAULT_SERVICE);
    try {
      // The probe writes to the keychain (~40 ms of a cold command on the Secret Service): it
      // runs unless this profile's database key is already readable there, that is before any
      // key could be minted; an existing profile on a working keychain needs no write to read.
      if ((await keychain.get(accountFor(profile, 'db-key'))) === null) await probe(keychain, profile);
    } catch (e) {
      if (e instanceof KeychainUnavailableError && profile === DEMO_PROFILE) return ok(demoVault());
      throw e;
    }
    return ok({ keychain, kind: 'os', description: `OS keychain (${osName(platform)})`, notice: null });
  } catch (e) {
    return { ok: false, error: toResultError(e) };
  }
}
