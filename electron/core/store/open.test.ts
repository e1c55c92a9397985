import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors';
import { NEW_STORE_PAGE_SIZE, openStore, tryOpenStore } from './open';
import { tempStores } from './test-stores';
import { createWriter } from './writer';

const temp = tempStores();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function filesHash(file: string): string {
  const h = createHash('sha256');
  for (const suffix of ['', '-wal', '-shm']) h.update(existsSync(file + suffix) ? readFileSync(file + suffix) : Buffer.from('absent'));
  return h.digest('hex');
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return 'opened';
}

describe('openStore', () => {
  it('creates an encrypted WAL store with foreign keys and sqlite-vec, and reopens it', () => {
    const t = temp();
    const db = t.store.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare<[], { v: string }>('SELECT vec_version() AS v').get()?.v).toMatch(/^v0\.1/);
    expect(t.store.schemaVersion).toBeGreaterThanOrEqual(1);
    t.store.close();
    const again = t.reopen();
    expect(again.schemaVersion).toBe(t.store.schemaVersion);
    expect(readFileSync(t.file).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
  });

  it('creates new stores with 16 KiB pages and opens a store with 4 KiB pages as it is', () => {
    const t = temp();
    expect(t.store.db.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);
    t.store.close();
    expect(t.reopen().db.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);

    // A store created before the change: same cipher, SQLite's default page size.
    const dir = mkdtempSync(join(tmpdir(), 'glue-open-'));
    dirs.push(dir);
    const file = join(dir, 'old.db');
    const dbKey = randomBytes(32);
    const old = new Database(file);
    old.pragma("cipher='sqlcipher'");
    old.pragma(`key="x'${dbKey.toString('hex')}'"`);
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE kept (v TEXT) STRICT; INSERT INTO kept VALUES ('still here')");
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    old.close();
    const store = openStore({ file, dbKey, secretsKey: randomBytes(32) });
    try {
      expect(store.db.pragma('page_size', { simple: true })).toBe(4096);
      expect(store.db.prepare<[], { v: string }>('SELECT v FROM kept').get()?.v).toBe('still here');
      createWriter(store).setMeta('k', 'v');
    } finally {
      store.close();
    }
  });

  it('refuses a wrong key with STORE_WRONG_KEY and leaves the file byte-for-byte unchanged', () => {
    const t = temp();
    t.store.close();
    const before = filesHash(t.file);
    expect(codeOf(() => openStore({ file: t.file, dbKey: randomBytes(32), secretsKey: t.secretsKey }))).toBe('STORE_WRONG_KEY');
    expect(codeOf(() => openStore({ file: t.file, dbKey: randomBytes(32), secretsKey: t.secretsKey, readonly: true }))).toBe('STORE_WRONG_KEY');
    expect(filesHash(t.file)).toBe(before);
    const result = tryOpenStore({ file: t.file, dbKey: randomBytes(32), secretsKey: t.secretsKey });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/database key in the keychain does not open this store/i);
  });

  it('reports random bytes and a plain SQLite file as STORE_CORRUPT without touching them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glue-corrupt-'));
    dirs.push(dir);
    const random = join(dir, 'random.db');
    writeFileSync(random, randomBytes(16384));
    const plain = join(dir, 'plain.db');
    const p = new Database(plain);
    p.exec('CREATE TABLE t (x)');
    p.close();
    for (const file of [random, plain]) {
      const before = filesHash(file);
      expect(codeOf(() => openStore({ file, dbKey: randomBytes(32), secretsKey: randomBytes(32) }))).toBe('STORE_CORRUPT');
      expect(filesHash(file)).toBe(before);
    }
  });

  it('refuses a store from a newer app with STORE_TOO_NEW and does not migrate or touch it', () => {
    const t = temp();
    t.store.db.pragma('user_version = 999');
    t.store.close();
    const before = filesHash(t.file);
    const result = tryOpenStore({ file: t.file, dbKey: t.dbKey, secretsKey: t.secretsKey });
    expect(result.ok ? 'opened' : result.error.code).toBe('STORE_TOO_NEW');
    if (!result.ok) expect(result.error.message).toMatch(/update Glue Desk/i);
    expect(filesHash(t.file)).toBe(before);
  });

  it('does not create a file for a missing path in read-only mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glue-missing-'));
    dirs.push(dir);
    const file = join(dir, 'nope.db');
    expect(codeOf(() => openStore({ file, dbKey: randomBytes(32), secretsKey: randomBytes(32), readonly: true }))).toBe('NOT_SYNCED');
    expect(existsSync(file)).toBe(false);
  });

  it('reports STORE_LOCKED while another connection holds the database exclusively', () => {
    const t = temp();
    t.store.close();
    const holder = new Database(t.file);
    holder.pragma(`cipher='sqlcipher'`);
    holder.pragma(`key="x'${t.dbKey.toString('hex')}'"`);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec("BEGIN EXCLUSIVE; INSERT INTO meta (key, value) VALUES ('k', 'v')");
    try {
      expect(codeOf(() => openStore({ file: t.file, dbKey: t.dbKey, secretsKey: t.secretsKey, busyTimeoutMs: 50 }))).toBe('STORE_LOCKED');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('rejects keys that are not 32 bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glue-key-'));
    dirs.push(dir);
    expect(codeOf(() => openStore({ file: join(dir, 's.db'), dbKey: randomBytes(16), secretsKey: randomBytes(32) }))).toBe('INVALID_INPUT');
  });

  it('keeps password values, notes and the API key out of the file bytes (main file and WAL)', () => {
    const t = temp();
    const w = createWriter(t.store);
    const runId = w.startRun('full');
    const marker = (s: string): string => `${s}-${randomBytes(6).toString('hex')}`;
    const pw = marker('PWVALUEMARKER');
    const note = marker('NOTEMARKER');
    const apiKey = marker('ITG.APIKEYMARKER');
    w.applyPage({
      type: 'passwords',
      runId,
      resources: [{ id: '7', type: 'passwords', attributes: { name: 'Domain admin', username: 'admin', notes: note, password: pw, 'organization-id': 1 } }],
    });
    w.applyPage({
      type: 'configurations',
      runId,
      resources: [{ id: '8', type: 'configurations', attributes: { name: 'SRV-DC01', notes: note, 'organization-id': 1 } }],
    });
    w.setMeta('probe', apiKey);
    const grep = (): boolean[] => {
      const bytes = ['', '-wal'].map((s) => (existsSync(t.file + s) ? readFileSync(t.file + s) : Buffer.alloc(0)));
      return [pw, note, apiKey, 'SRV-DC01', 'Domain admin'].map((m) => bytes.some((b) => b.includes(m) || b.includes(Buffer.from(m, 'utf16le'))));
    };
    expect(grep()).toEqual([false, false, false, false, false]);
    t.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(grep()).toEqual([false, false, false, false, false]);
    // The sealed value is not the plaintext either, inside the decrypted database.
    const row = t.store.db.prepare<[], { ciphertext: Buffer }>('SELECT ciphertext FROM secrets').get();
    expect(row?.ciphertext.includes(pw)).toBe(false);
    expect(t.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM records WHERE attrs LIKE '%PWVALUEMARKER%' OR body LIKE '%NOTEMARKER%' AND type = 'passwords'`).get()?.n).toBe(0);
  });
});
