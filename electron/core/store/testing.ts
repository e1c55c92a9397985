import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenStoreOptions, type Store } from './open';

/** A real SQLCipher store in a fresh temp dir, for tests in any module. */
export interface TempStore {
  store: Store;
  dir: string;
  file: string;
  dbKey: Buffer;
  secretsKey: Buffer;
  reopen(options?: Partial<OpenStoreOptions>): Store;
  cleanup(): void;
}

export function createTempStore(options: Partial<OpenStoreOptions> = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'glue-store-'));
  const file = join(dir, 'store.db');
  const dbKey = options.dbKey ?? randomBytes(32);
  const secretsKey = options.secretsKey ?? randomBytes(32);
  const opened: Store[] = [];
  const openOne = (extra: Partial<OpenStoreOptions> = {}): Store => {
    const s = openStore({ file, dbKey, secretsKey, ...options, ...extra });
    opened.push(s);
    return s;
  };
  const store = openOne();
  return {
    store,
    dir,
    file,
    dbKey,
    secretsKey,
    reopen: openOne,
    cleanup: () => {
      for (const s of opened) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
