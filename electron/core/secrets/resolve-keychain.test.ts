import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from './errors';
import { loadKeys } from './key-manager';
import { resolveKeychain } from './resolve-keychain';

const root = mkdtempSync(join(tmpdir(), 'glue-resolve-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const service = `Glue Desk test ${process.pid}-${randomBytes(4).toString('hex')}`;
const dir = (name: string) => {
  const d = join(root, 'profiles', name);
  mkdirSync(d, { recursive: true });
  return d;
};

describe('resolveKeychain', () => {
  it('uses the passphrase vault when a passphrase is given, the explicit one before GLUE_PASSPHRASE', async () => {
    const profileDir = dir('one');
    const fromEnv = await resolveKeychain({ env: { GLUE_PASSPHRASE: 'from env' }, profileDir, service });
    if (!fromEnv.ok) throw new Error(fromEnv.error.message);
    expect(fromEnv.value.kind).toBe('passphrase');
    expect(fromEnv.value.description).toContain(join(profileDir, 'keys.enc'));
    const keys = await loadKeys(fromEnv.value.keychain, 'one');
    expect(keys.ok).toBe(true);

    const explicit = await resolveKeychain({ env: { GLUE_PASSPHRASE: 'from env' }, profileDir, service, passphrase: 'typed' });
    if (!explicit.ok) throw new Error(explicit.error.message);
    expect(await loadKeys(explicit.value.keychain, 'one')).toMatchObject({ ok: false, error: { code: 'STORE_WRONG_KEY' } });
  });

  it('refuses to switch a passphrase-sealed profile to the OS keychain (that would mint keys the store cannot use)', async () => {
    const profileDir = dir('sealed');
    writeFileSync(join(profileDir, 'keys.enc'), '{}');
    const resolved = await resolveKeychain({ env: {}, profileDir, service });
    expect(resolved).toMatchObject({ ok: false, error: { code: 'STORE_LOCKED' } });
    if (!resolved.ok) expect(resolved.error.message).toContain('GLUE_PASSPHRASE');
  });

  it('picks the OS keychain when a Secret Service is reachable, else reports KEYCHAIN_UNAVAILABLE', async () => {
    const resolved = await resolveKeychain({ env: {}, profileDir: dir('default'), service });
    if (resolved.ok) {
      console.info('[resolve-keychain] branch: REAL OS keychain');
      expect(resolved.value).toMatchObject({ kind: 'os', description: 'OS keychain (Secret Service)', notice: null });
      const keys = await loadKeys(resolved.value.keychain, 'default');
      expect(keys.ok).toBe(true);
      expect(await loadKeys(resolved.value.keychain, 'default')).toEqual(keys);
      // An existing profile resolves without the write probe, to the same keys, and no probe
      // entry is left in the keychain either way.
      const again = await resolveKeychain({ env: {}, profileDir: dir('default'), service });
      if (!again.ok) throw new Error(again.error.message);
      expect(await loadKeys(again.value.keychain, 'default')).toEqual(keys);
      expect(await again.value.keychain.get('default/keychain-probe')).toBeNull();
      await resolved.value.keychain.delete('default/db-key');
      await resolved.value.keychain.delete('default/secrets-key');
    } else {
      console.info('[resolve-keychain] branch: NO Secret Service reachable');
      expect(process.env.CI, 'CI must run the suite with an unlocked gnome-keyring (see .ci/run)').toBeFalsy();
      expect(resolved.error).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', message: KEYCHAIN_UNAVAILABLE_MESSAGE });
    }
  });
});
