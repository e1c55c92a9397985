// The large-tenant bench's store: a glue profile (GLUE_DATA_DIR + GLUE_PASSPHRASE) whose store
// holds the demo generator's tenant at `--scale N`, written through the store writer exactly as
// one full sync writes it (no HTTP: an hour of requests would measure the pacer, not the store).
// Built once and reused: the directory (outside the repo, BENCH_SCALE_DIR) keeps the profile and
// a `tenant.json` naming the scale, the day the dates are relative to and the build figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureProfileDirs, resolvePaths } from '../electron/core/config/paths';
import { loadKeys } from '../electron/core/secrets/key-manager';
import { createPassphraseVault, VAULT_FILE_NAME } from '../electron/core/secrets/passphrase-vault';
import { openStore, type Store } from '../electron/core/store/open';

export const SCALE_PASSPHRASE = 'glue-scale-bench';

export const tenantInfo = z.object({
  scale: z.number(),
  today: z.string(),
  records: z.number(),
  generateS: z.number(),
  writeS: z.number(),
  storeBytes: z.number(),
  peakRssMb: z.number(),
});
export type TenantInfo = z.infer<typeof tenantInfo>;

export interface ScaleProfile {
  dataDir: string;
  storeDb: string;
  env: Record<string, string>;
  open(): Promise<Store>;
  info(): TenantInfo | null;
  saveInfo(info: TenantInfo): void;
}

export async function scaleProfile(dataDir: string): Promise<ScaleProfile> {
  const r = resolvePaths({ env: { GLUE_DATA_DIR: dataDir } });
  if (!r.ok) throw new Error(r.error.message);
  const made = ensureProfileDirs(r.value, r.value.dataDirSource);
  if (!made.ok) throw new Error(made.error.message);
  const paths = made.value;
  const keychain = createPassphraseVault({ file: join(paths.profileDir, VAULT_FILE_NAME), passphrase: SCALE_PASSPHRASE });
  const keys = await loadKeys(keychain, paths.profile);
  if (!keys.ok) throw new Error(keys.error.message);
  const infoFile = join(dataDir, 'tenant.json');
  return {
    dataDir,
    storeDb: paths.storeDb,
    env: { PATH: process.env.PATH ?? '', GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: SCALE_PASSPHRASE, GLUE_NO_BUILD: '1' },
    open: async () => openStore({ file: paths.storeDb, dbKey: keys.value.dbKey, secretsKey: keys.value.secretsKey }),
    info: () => (existsSync(infoFile) ? tenantInfo.parse(JSON.parse(readFileSync(infoFile, 'utf8'))) : null),
    saveInfo: (info) => writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`),
  };
}
