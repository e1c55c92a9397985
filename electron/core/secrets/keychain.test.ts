import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_UNAVAILABLE_MESSAGE, KeychainUnavailableError } from './errors';
import { createMemoryKeychain, createOsKeychain, type Keychain } from './keychain';

async function roundTrip(keychain: Keychain, account: string): Promise<void> {
  expect(await keychain.get(account)).toBeNull();
  await keychain.set(account, 'first');
  await keychain.set(account, 'second value with spaces ✓');
  expect(await keychain.get(account)).toBe('second value with spaces ✓');
  expect(await keychain.delete(account)).toBe(true);
  expect(await keychain.get(account)).toBeNull();
  expect(await keychain.delete(account)).toBe(false);
}

describe('memory keychain', () => {
  it('stores, overwrites, reads and deletes values', async () => {
    await roundTrip(createMemoryKeychain(), 'demo/db-key');
  });
});

describe('OS keychain', () => {
  // A service name of its own, so the test never reads or deletes a user's real entries.
  const service = `Glue Desk test ${process.pid}-${randomBytes(4).toString('hex')}`;

  it('round-trips through a real Secret Service when one is reachable, otherwise fails with the passphrase hint', async () => {
    const keychain = createOsKeychain(service);
    let unavailable: unknown = null;
    try {
      await keychain.set('probe', 'x');
      await keychain.delete('probe');
    } catch (e) {
      unavailable = e;
    }
    if (unavailable === null) {
      console.info('[os-keychain] branch: REAL Secret Service round trip');
      await roundTrip(keychain, 'default/db-key');
      // Another handle to the same service sees the same entry: it really is in the OS store.
      await keychain.set('default/itglue-api-key', 'k-123');
      expect(await createOsKeychain(service).get('default/itglue-api-key')).toBe('k-123');
      expect(await createOsKeychain(`${service} other`).get('default/itglue-api-key')).toBeNull();
      expect(await keychain.delete('default/itglue-api-key')).toBe(true);
    } else {
      console.info('[os-keychain] branch: NO Secret Service reachable, asserting KeychainUnavailableError');
      expect(process.env.CI, 'CI must run the suite with an unlocked gnome-keyring (see .ci/run)').toBeFalsy();
      expect(unavailable).toBeInstanceOf(KeychainUnavailableError);
      expect(unavailable).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: KEYCHAIN_UNAVAILABLE_MESSAGE });
    }
  });
});
