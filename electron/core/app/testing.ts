// Test helper (not used by production code): a profile folder holding the seeded demo store,
// its keys in a passphrase vault, so createGlueApi opens it exactly as the app would.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountFor } from '../secrets/key-manager';
import { createPassphraseVault } from '../secrets/passphrase-vault';
import { seedDemoStore, type SeededStore, type SeedOptions } from '../testing/seed-demo';
import { openGlueApp, type GlueApp } from './index';
import type { GlueApiOptions } from './options';

export const TEST_PASSPHRASE = 'glue-desk-test-passphrase';

/** An API call's value, or a thrown error naming the code and message (for tests that expect success). */
export const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { code?: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code ?? 'ERROR'}: ${r.error.message}`);
  return r.value;
};

export interface SeededProfile {
  dataDir: string;
  profile: string;
  profileDir: string;
  seeded: Omit<SeededStore, 'store' | 'close'>;
  /** Options that open this profile; add a clipboard, today… as needed. */
  options: GlueApiOptions;
  open(extra?: Partial<GlueApiOptions>): Promise<GlueApp>;
  close(): void;
}

/** A data dir with `profiles/<profile>/store.db` seeded with the demo tenant (no credentials). */
export async function seedProfile(opts: SeedOptions & { profile?: string } = {}): Promise<SeededProfile> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glue-app-'));
  const profile = opts.profile ?? 'test';
  const profileDir = join(dataDir, 'profiles', profile);
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const { profile: _p, ...seedOpts } = opts;
  const seeded = seedDemoStore(profileDir, seedOpts);
  seeded.close();
  const vault = createPassphraseVault({ file: join(profileDir, 'keys.enc'), passphrase: TEST_PASSPHRASE });
  await vault.set(accountFor(profile, 'db-key'), seeded.dbKey.toString('hex'));
  await vault.set(accountFor(profile, 'secrets-key'), seeded.secretsKey.toString('hex'));
  const options: GlueApiOptions = { door: 'app', dataDir, profile, env: { GLUE_MODEL_DIR: join(dataDir, 'models') }, passphrase: TEST_PASSPHRASE, connectAlternates: [] };
  const apps: GlueApp[] = [];
  return {
    dataDir,
    profile,
    profileDir,
    seeded: { dataset: seeded.dataset, file: seeded.file, dbKey: seeded.dbKey, secretsKey: seeded.secretsKey },
    options,
    async open(extra = {}) {
      const app = await openGlueApp({ ...options, ...extra });
      if (!app.ok) throw new Error(`test profile did not open: ${app.error.message}`);
      apps.push(app.value);
      return app.value;
    },
    close() {
      for (const a of apps.splice(0)) void a.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
