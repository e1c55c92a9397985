// Test helper: a real SQLCipher file in a temp dir with sqlite-vec loaded and the store's
// migrations run, opened raw so these tests do not depend on how the store keys its files.
import Database from 'better-sqlite3-multiple-ciphers';
import { madePerTest } from '../store/test-stores';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import { z } from 'zod';
import { migrate } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations/index';

export interface TestDb {
  db: Database.Database;
  path: string;
  close(): void;
}

export function openTestDb(target?: number): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'glue-vec-'));
  const path = join(dir, 'store.db');
  const db = new Database(path);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  sqliteVec.load(db);
  migrate(db, MIGRATIONS, target);
  return {
    db,
    path,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A maker of test databases, each closed and removed after the test that opened it. */
export const testDbs = (): ((target?: number) => TestDb) => madePerTest((target?: number) => openTestDb(target), (t) => t.close());

export interface SeedRecord {
  type: string;
  itglueId: string;
  orgId: number | null;
  name: string;
  body: string;
  deleted?: boolean;
}

/**
 * Inserts or replaces a record the way the store's writer does (content_hash over name+body):
 * on a schema without insert triggers (migration 0006) a new row enters the FTS index and
 * record_counts here, as the writer's do; updates go through the update triggers.
 */
export function upsertRecord(db: Database.Database, r: SeedRecord): number {
  const hash = createHash('sha256').update(`${r.name}\n${r.body}`).digest('hex');
  const deletedAt = r.deleted ? '2026-01-01T00:00:00Z' : null;
  const existing = db.prepare<[string, string], { id: number }>('SELECT rowid AS id FROM records WHERE type = ? AND itglue_id = ?').get(r.type, r.itglueId);
  if (existing) {
    db.prepare('UPDATE records SET org_id = ?, name = ?, body = ?, content_hash = ?, deleted_at = ? WHERE rowid = ?').run(r.orgId, r.name, r.body, hash, deletedAt, existing.id);
    return existing.id;
  }
  const id = z.number().parse(
    Number(
      db
        .prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash, deleted_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)")
        .run(r.type, r.itglueId, r.orgId, r.name, r.body, hash, deletedAt).lastInsertRowid,
    ),
  );
  const insertTriggers = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name = 'records_fts_insert'").pluck().get();
  if (insertTriggers === 0 && deletedAt === null) {
    db.prepare('INSERT INTO records_fts (rowid, name, body) VALUES (?, ?, ?)').run(id, r.name, r.body);
    db.prepare(
      `INSERT INTO record_counts (type, org_id, live, archived) VALUES (?, coalesce(?, 0), 1, 0)
       ON CONFLICT (type, org_id) DO UPDATE SET live = live + 1`,
    ).run(r.type, r.orgId);
  }
  return id;
}

/**
 * A store before migration 0020 as its embedding pass left it: one document per record with one
 * chunk, its vector in every table that held it then (vec0's partitioned floats and bits
 * included). `orgOf(i)` places document i.
 */
export async function seedLegacyVectors(
  db: Database.Database,
  embedder: { info: { id: string }; embed(texts: string[]): Promise<Float32Array[]> },
  n: number,
  orgOf: (i: number) => number | null,
): Promise<void> {
  const words = ['firewall', 'printer', 'backup', 'vpn', 'switch', 'router', 'camera', 'wifi'];
  db.prepare('INSERT INTO embedding_meta (id, model_id, dim) VALUES (1, ?, 384)').run(embedder.info.id);
  for (let i = 0; i < n; i++) {
    const org = orgOf(i);
    const body = `${words[i % 8]} ${words[(i * 3) % 8]} ${words[(i * 5) % 8]} notes ${i}`;
    const record = upsertRecord(db, { type: 'documents', itglueId: String(i), orgId: org, name: `Doc ${i}`, body });
    const [v] = await embedder.embed([`Document: Doc ${i}\n${body}`]);
    const b = Buffer.from(v!.buffer, v!.byteOffset, v!.byteLength);
    const chunk = BigInt(db.prepare("INSERT INTO chunks (record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, 0, ?, 't', 's', ?)").run(record, org, embedder.info.id).lastInsertRowid);
    db.prepare('INSERT INTO chunk_vectors (rowid, org_id, embedding) VALUES (?, ?, ?)').run(chunk, org === null ? null : BigInt(org), b);
    db.prepare('INSERT INTO chunk_bits (rowid, embedding) VALUES (?, vec_quantize_binary(?))').run(chunk, b);
    db.prepare('INSERT INTO chunk_floats (chunk_rowid, embedding) VALUES (?, ?)').run(chunk, b);
    db.prepare('INSERT INTO chunk_signs (chunk_rowid, bits) VALUES (?, vec_quantize_binary(?))').run(chunk, b);
  }
}
