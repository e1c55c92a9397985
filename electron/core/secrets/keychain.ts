import { Entry } from '@napi-rs/keyring';
import { KeychainUnavailableError, SecretsError } from './errors';

/** Where keys and credentials live: the OS keychain, a passphrase vault, or memory (tests). */
export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** Resolves true when something was deleted, false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
  /**
   * Stores `value` only when `account` holds nothing, and resolves with what is stored then
   * (ours, or the value another process wrote first). Keys are created this way so two doors
   * starting together on a new profile end up with one key, never one each.
   */
  createIfAbsent(account: string, value: string): Promise<string>;
}

export const DEFAULT_SERVICE = 'Glue Desk';

// Errors that mean "there is no usable platform store" (no D-Bus session, no Secret Service,
// locked or refused keyring), as opposed to a bug in how we call it.
const UNAVAILABLE = /platform storage|platform failure|no storage access|dbus|secret service|org\.freedesktop|locked|no such interface|service unknown/i;

function mapKeyringError(e: unknown, account: string): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (UNAVAILABLE.test(message)) return new KeychainUnavailableError();
  return new SecretsError('INTERNAL', `The OS keychain refused the entry "${account}": ${message}`);
}

/**
 * The OS keychain through @napi-rs/keyring. On Linux it is pinned to the Secret Service:
 * the library's default silently falls back to the kernel keyring, which forgets everything
 * at logout, and a forgotten database key means a lost store.
 */
export function createOsKeychain(service = DEFAULT_SERVICE): Keychain {
  const entry = (account: string) => new Entry(service, account, { linux: { store: 'secret-service' } });
  // The native calls are synchronous; each runs inside a promise so callers see one async shape.
  const call = async <T>(account: string, fn: (e: Entry) => T): Promise<T> => {
    try {
      return fn(entry(account));
    } catch (e) {
      throw mapKeyringError(e, account);
    }
  };
  const get = (account: string) => call(account, (e) => e.getPassword());
  const set = (account: string, value: string) => call(account, (e) => e.setPassword(value));
  return {
    get,
    set,
    delete: (account) => call(account, (e) => e.deleteCredential()),
    // The Secret Service has no compare-and-set: callers hold the profile lock
    // (profile/open-profile-store.ts), which serialises our own processes; the read-back
    // still returns whatever won.
    createIfAbsent: async (account, value) => {
      const existing = await get(account);
      if (existing !== null) return existing;
      await set(account, value);
      const stored = await get(account);
      if (stored === null) throw new SecretsError('INTERNAL', `The keychain did not keep the new entry "${account}". Check that it is unlocked and writable.`);
      return stored;
    },
  };
}

/** An in-process keychain for unit tests; `entries` exposes what was stored. */
export function createMemoryKeychain(initial: Record<string, string> = {}): Keychain & { entries: Map<string, string> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, value) => {
      entries.set(account, value);
    },
    delete: async (account) => entries.delete(account),
    createIfAbsent: async (account, value) => {
      const existing = entries.get(account);
      if (existing !== undefined) return existing;
      entries.set(account, value);
      return value;
    },
  };
}
