// A real profile (passphrase vault, SQLCipher store in a temp dir) synced from the fake IT Glue
// server over HTTP, for the guard's tests: revocation, expiry and the doors that refuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../shared/result';
import { startFakeItGlue, type FakeItGlue, type FakeKey, type FakeOptions } from '../itglue/fake/server';
import { accountFor } from '../secrets/key-manager';
import { createPassphraseVault, VAULT_FILE_NAME } from '../secrets/passphrase-vault';
import { openProfile, type OpenedProfile, type ProfileInput } from '../sync/service';
import { runSync } from '../sync/run-sync';
import type { SyncSummary } from '../sync/types';
import { smallDemoTenant } from '../sync/test-helpers';
import type { TrustedClock } from './access';

export const GUARD_KEY = 'ITG.guard-test.key-that-worked';
export const PASSPHRASE = 'guard test passphrase';

export interface GuardRig {
  fake: FakeItGlue;
  /** The fake's accepted keys: delete one to revoke it mid-life. */
  keys: Record<string, FakeKey>;
  dataDir: string;
  profileDir: string;
  env: Record<string, string>;
  open(purpose?: 'read' | 'sync', clock?: TrustedClock, apiKey?: string): Promise<Result<OpenedProfile>>;
  /** Opens for a sync, syncs, closes. */
  sync(opts?: { apiKey?: string; fetchImpl?: typeof fetch; clock?: TrustedClock }): Promise<Result<SyncSummary>>;
  /** The password-value key as the keychain holds it (null once destroyed). */
  secretsKeyEntry(): Promise<string | null>;
  close(): Promise<void>;
}

export async function createGuardRig(fakeOptions: FakeOptions = {}): Promise<GuardRig> {
  const keys: Record<string, FakeKey> = { [GUARD_KEY]: { passwordAccess: true } };
  const fake = await startFakeItGlue({ dataset: smallDemoTenant(2), keys, ...fakeOptions });
  const dataDir = mkdtempSync(join(tmpdir(), 'glue-guard-'));
  const env = { GLUE_PASSPHRASE: PASSPHRASE, ITGLUE_BASE_URL: fake.url, ITGLUE_API_KEY: GUARD_KEY };
  const profileDir = join(dataDir, 'profiles', 'default');
  const open = (purpose: 'read' | 'sync' = 'read', clock?: TrustedClock, apiKey = GUARD_KEY) =>
    openProfile({ dataDir, env: { ...env, ITGLUE_API_KEY: apiKey }, purpose, clock } satisfies ProfileInput);
  return {
    fake,
    keys,
    dataDir,
    profileDir,
    env,
    open,
    async sync(opts = {}) {
      const p = await open('sync', opts.clock, opts.apiKey);
      if (!p.ok) return p;
      try {
        // An outage ends the test's sync at once instead of pausing (itglue/breaker.ts).
        const client = await p.value.createClient({ backoffBaseMs: 1, retries: 2, fetchImpl: opts.fetchImpl, breaker: { giveUpAfterMs: 0, cooldownMs: 1 } });
        if (!client.ok) return client;
        return await runSync({ store: p.value.store, client: client.value, revocationConfirmDelayMs: 0, guardClock: opts.clock });
      } finally {
        p.value.close();
      }
    },
    secretsKeyEntry: () => createPassphraseVault({ file: join(profileDir, VAULT_FILE_NAME), passphrase: PASSPHRASE }).get(accountFor('default', 'secrets-key')),
    async close() {
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
