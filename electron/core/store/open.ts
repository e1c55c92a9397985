import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';
import { err, ok, type Result } from '../../../shared/result';
import { StoreError, isBusy, lockedError, sqliteCode } from './errors';
import { classifyFile } from './header';
import { damagedStore, isDamage } from './integrity';
import { checkSecretsKey } from './key-check';
import { latestVersion, migrate, schemaVersion } from './migrate';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations/index';
import { rememberDbKey, rememberSecretsKey } from './store-keys';

export interface OpenStoreOptions {
  file: string;
  /** 32 random bytes, used as a raw SQLCipher key (no KDF). */
  dbKey: Buffer;
  /** 32 random bytes for AES-256-GCM sealing of password values; separate from dbKey. */
  secretsKey: Buffer;
  readonly?: boolean;
  busyTimeoutMs?: number;
  /** Tests only: open at an older schema to exercise one migration. */
  migrations?: readonly Migration[];
  targetVersion?: number;
}

export interface Store {
  readonly db: Database.Database;
  readonly file: string;
  readonly readonly: boolean;
  readonly schemaVersion: number;
  close(): void;
}

/** Page size of stores created from now on (bytes); see openStore. */
export const NEW_STORE_PAGE_SIZE = 16_384;

/** WAL frames (one page each) that make up `bytes` in this store, which may have any page size. */
export function walFrames(db: Database.Database, bytes: number): number {
  const pageSize = db.pragma('page_size', { simple: true });
  return Math.max(1, Math.round(bytes / (typeof pageSize === 'number' && pageSize > 0 ? pageSize : 4096)));
}

const wrongKey = (): StoreError =>
  new StoreError(
    'STORE_WRONG_KEY',
    'The database key in the keychain does not open this store. Restore the keychain entry that created it, or move the store file aside and sync again; the file was left untouched.',
  );

const isNotWritable = (e: unknown): boolean => {
  const code = sqliteCode(e) ?? '';
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EROFS';
};

const notWritable = (file: string): StoreError =>
  new StoreError('FORBIDDEN', `The profile folder ${dirname(file)} is not writable, so the store there cannot be opened for writing. Fix its permissions, or choose a writable data folder with --data-dir or GLUE_DATA_DIR.`);

const corrupt = (detail: string): StoreError =>
  new StoreError(
    'STORE_CORRUPT',
    `The local store file is not a readable Glue Desk store (${detail}). It was left untouched: move it aside (or restore a backup) and sync again.`,
  );

/**
 * Opens (or, when writable and missing, creates) the encrypted store. Nothing is written to a
 * file until its key is proven and its schema version is known to be ours, so a file that fails
 * to open is never overwritten, truncated or migrated. Throws StoreError.
 */
export function openStore(options: OpenStoreOptions): Store {
  const { file, dbKey, secretsKey } = options;
  const readonly = options.readonly ?? false;
  if (dbKey.length !== 32 || secretsKey.length !== 32) {
    throw new StoreError('INVALID_INPUT', 'Store keys must be 32 bytes each; reset the keychain entry for Glue Desk.');
  }
  const kind = classifyFile(file);
  if (readonly && (kind === 'missing' || kind === 'empty')) {
    throw new StoreError('NOT_SYNCED', 'There is no local store yet. Open Glue Desk or run `glue sync` to create it.');
  }
  if (kind === 'plain-sqlite') throw corrupt('it is an unencrypted SQLite file');
  if (kind === 'unknown') throw corrupt('it is not an encrypted SQLite database');

  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (e) {
    if (isNotWritable(e)) throw notWritable(file);
    throw new StoreError('STORE_CORRUPT', `The local store file cannot be opened (${sqliteCode(e) ?? 'I/O error'}). Check the file's permissions and free disk space.`);
  }
  try {
    db.pragma(`cipher='sqlcipher'`);
    // The key is 64 hex digits from our own Buffer, never user text: safe to inline.
    db.pragma(`key="x'${dbKey.toString('hex')}'"`);
    // A new store gets 16 KiB pages; an existing one keeps the size in its header (SQLite reads
    // it from the bytes SQLCipher leaves in clear, see header.ts). Each page carries its own IV
    // and HMAC-SHA512, which this build computes in software, and a sync writes whole pages:
    // with 4 KiB pages the first-sync ingest bench ran ~8 % slower, a re-sync with nothing
    // changed ~10 % slower, and the store was 3 % larger. Lookups and cold reads measured the
    // same or faster (docs/sync.md).
    if (!readonly && (kind === 'missing' || kind === 'empty')) db.pragma(`page_size = ${NEW_STORE_PAGE_SIZE}`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if (isBusy(e)) throw lockedError();
      if (sqliteCode(e) === 'SQLITE_NOTADB' && kind === 'encrypted') throw wrongKey();
      throw corrupt(sqliteCode(e) ?? 'unreadable');
    }
    const migrations = options.migrations ?? MIGRATIONS;
    const latest = latestVersion(migrations);
    const current = schemaVersion(db);
    if (current > latest) {
      throw new StoreError(
        'STORE_TOO_NEW',
        `This store was written by a newer Glue Desk (schema ${current}, this app knows ${latest}). Update Glue Desk to open it; the file was left untouched.`,
      );
    }
    const target = options.targetVersion ?? latest;
    if (readonly && current < target) {
      throw new StoreError('NOT_SYNCED', 'The local store needs an upgrade. Open Glue Desk or run `glue sync` once, then try again.');
    }
    sqliteVec.load(db);
    db.pragma('foreign_keys = ON');
    // Every page that misses the cache is decrypted again; 64 MiB keeps indexes and the FTS
    // segments of a 100k-record tenant hot (ingest at 100k fell 2.5x with the 2 MiB default).
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A first sync may grow the WAL to a few hundred MB (store/checkpointer.ts); SQLite
      // truncates it to this size whenever it restarts the log, so the disk space comes back.
      db.pragma('journal_size_limit = 67108864');
      migrate(db, migrations, target);
    }
    if (target === latest) checkSecretsKey(db, secretsKey, !readonly);
    const store: Store = {
      db,
      file,
      readonly,
      schemaVersion: schemaVersion(db),
      close: () => {
        if (db.open) db.close();
      },
    };
    rememberSecretsKey(store, secretsKey);
    rememberDbKey(store, dbKey);
    return store;
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    if (isBusy(e)) throw lockedError();
    // A read-only folder or file is not damage: moving the store aside would not help.
    if (isNotWritable(e)) throw notWritable(file);
    if (isDamage(e)) throw damagedStore('a page read while opening it fails its checksum');
    throw new StoreError('INTERNAL', 'The local store could not be prepared; nothing was changed. Try again, and report it if it persists.');
  }
}

/** openStore for doors that speak Result. */
export function tryOpenStore(options: OpenStoreOptions): Result<Store> {
  try {
    return ok(openStore(options));
  } catch (e) {
    if (e instanceof StoreError) return err(e.code, e.message);
    return err('INTERNAL', 'The local store could not be opened.');
  }
}
