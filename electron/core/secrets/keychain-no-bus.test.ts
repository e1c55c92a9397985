import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_UNAVAILABLE_MESSAGE, KeychainUnavailableError } from './errors';
import { createOsKeychain } from './keychain';
import { loadKeys } from './key-manager';
import { DEMO_PASSPHRASE, resolveKeychain } from './resolve-keychain';

// This file is the headless server without a session bus: the D-Bus address points at nothing.
// It is its own test file (own process) because the keyring keeps a working D-Bus connection
// for the life of a process once it has one.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/glue-desk-test-bus';

const root = mkdtempSync(join(tmpdir(), 'glue-nobus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const service = `Glue Desk test ${process.pid}`;
const env = {};

describe('without a Secret Service (Linux, no D-Bus session)', () => {
  it('every OS keychain operation fails with the message that offers the passphrase mode', async () => {
    expect(process.platform).toBe('linux');
    const keychain = createOsKeychain(service);
    for (const attempt of [() => keychain.set('default/db-key', 'x'), () => keychain.get('default/db-key'), () => keychain.delete('default/db-key')]) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KeychainUnavailableError);
      expect(error).toMatchObject({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: 'No OS keychain (Secret Service) is available. Set the GLUE_PASSPHRASE environment variable to encrypt the keys of this profile with a passphrase instead.',
      });
    }
  });

  it('a real profile gets a clear error and nothing is written in plaintext or elsewhere', async () => {
    const profileDir = join(root, 'profiles', 'default');
    const resolved = await resolveKeychain({ env, profileDir, service });
    expect(resolved).toEqual({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: KEYCHAIN_UNAVAILABLE_MESSAGE } });
    expect(existsSync(join(profileDir, 'keys.enc'))).toBe(false);
  });

  it('a passphrase (GLUE_PASSPHRASE) makes a real profile work with the vault', async () => {
    const profileDir = join(root, 'profiles', 'work');
    const resolved = await resolveKeychain({ env: { GLUE_PASSPHRASE: 'correct horse' }, profileDir, service });
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(resolved.value.kind).toBe('passphrase');
    expect(resolved.value.notice).toBeNull();
  });

  it('the demo profile falls back to the published demo passphrase, says so, and keeps its keys', async () => {
    const profileDir = join(root, 'profiles', 'demo');
    mkdirSync(profileDir, { recursive: true });
    const first = await resolveKeychain({ env, profileDir, service });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.kind).toBe('demo-passphrase');
    expect(first.value.notice).toContain(DEMO_PASSPHRASE);
    expect(first.value.notice).toContain('demo');
    const keys = await loadKeys(first.value.keychain, 'demo');
    expect(keys.ok).toBe(true);
    expect(existsSync(join(profileDir, 'keys.enc'))).toBe(true);

    const again = await resolveKeychain({ env, profileDir, service });
    if (!again.ok) throw new Error(again.error.message);
    expect(await loadKeys(again.value.keychain, 'demo')).toEqual(keys);
  });
});
