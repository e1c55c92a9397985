// The writer's fixed statements, prepared once per writer. Typed-table statements are built
// per column set in typed-rows.ts; the FTS and count upkeep lives in index-batch.ts.
import type Database from 'better-sqlite3-multiple-ciphers';

export interface ExistingRow {
  rowid: number;
  org_id: number | null;
  name: string;
  body: string;
  content_hash: string;
  deleted_at: string | null;
}

export interface CheckpointRow {
  resource: string;
  scope: string;
  cursor: string | null;
  last_updated_at: string | null;
  run_id: string | null;
  completed_at: string | null;
}

export function writeStatements(db: Database.Database) {
  return {
    selectRecord: db.prepare<[string, string], ExistingRow>('SELECT rowid, org_id, name, body, content_hash, deleted_at FROM records WHERE type = ? AND itglue_id = ?'),
    touchRecord: db.prepare<[string, number]>('UPDATE records SET last_seen_run = ? WHERE rowid = ?'),
    // New rows are plain INSERTs; changed rows are UPDATEs that leave org_id (and so the
    // records_org_type index entry) alone unless it moved. An upsert names every column in its
    // SET list, and SQLite rewrites each index over a SET column even when the value is equal.
    // No RETURNING: it buffers the statement's output in a temp table (docs/store-write-path.md);
    // lastInsertRowid is the row this statement inserted. DO NOTHING on a known resource
    // (changes = 0) lets a first sync insert without looking the resource up first.
    insertRecord: db.prepare<[string, string, number | null, string, string, string, string | null, string | null, number, string, string]>(
      `INSERT INTO records (type, itglue_id, org_id, name, body, attrs, url, updated_at, archived, content_hash, last_seen_run)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (type, itglue_id) DO NOTHING`,
    ),
    typeHasRows: db.prepare<[string], { found: number }>('SELECT EXISTS (SELECT 1 FROM records WHERE type = ?) AS found'),
    updateRecord: db.prepare<[string, string, string, string | null, string | null, number, string, string, number]>(
      `UPDATE records SET name = ?, body = ?, attrs = ?, url = ?, updated_at = ?, archived = ?, content_hash = ?, last_seen_run = ?, deleted_at = NULL
       WHERE rowid = ?`,
    ),
    moveRecord: db.prepare<[number | null, number]>('UPDATE records SET org_id = ? WHERE rowid = ?'),
    orgOfConfiguration: db.prepare<[number], { org_id: number | null }>('SELECT org_id FROM configurations WHERE id = ?'),
    orgOfDocument: db.prepare<[number], { org_id: number | null }>('SELECT org_id FROM documents WHERE id = ?'),
    fieldKinds: db.prepare<[number], { name_key: string | null; kind: string | null }>('SELECT name_key, kind FROM flexible_asset_fields WHERE type_id = ?'),
    deleteAttrRelations: db.prepare<[string, string]>("DELETE FROM relations WHERE from_type = ? AND from_id = ? AND source = 'attrs'"),
    deleteDetailRelations: db.prepare<[string, string]>("DELETE FROM relations WHERE from_type = ? AND from_id = ? AND source = 'detail'"),
    insertRelation: db.prepare<[string, string, string, string, string, string | null, string]>(
      'INSERT OR IGNORE INTO relations (from_type, from_id, to_type, to_id, kind, notes, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    clearSkipped: db.prepare<[string, string]>('DELETE FROM skipped WHERE type = ? AND itglue_id = ?'),
    upsertSkipped: db.prepare<[string, string, string, string | null, string]>(
      `INSERT INTO skipped (type, itglue_id, reason, run_id, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (type, itglue_id) DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id, at = excluded.at`,
    ),
    skippedTypes: db.prepare<[], { type: string }>('SELECT DISTINCT type FROM skipped'),
    upsertSecret: db.prepare<[number, Buffer, Buffer, Buffer, string]>(
      `INSERT INTO secrets (password_id, iv, tag, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (password_id) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
    ),
    refreshHasValue: db.prepare<[number]>('UPDATE passwords SET has_value = EXISTS (SELECT 1 FROM secrets WHERE password_id = passwords.id) WHERE id = ?'),
    upsertCheckpoint: db.prepare<[string, string, string | null, string | null, string | null, string | null]>(
      `INSERT INTO sync_state (resource, scope, cursor, last_updated_at, run_id, completed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (resource, scope) DO UPDATE SET cursor = excluded.cursor, last_updated_at = excluded.last_updated_at,
         run_id = excluded.run_id, completed_at = excluded.completed_at`,
    ),
    selectCheckpoint: db.prepare<[string, string], CheckpointRow>('SELECT * FROM sync_state WHERE resource = ? AND scope = ?'),
    startRun: db.prepare<[string, string, string]>("INSERT INTO sync_runs (id, kind, started_at, status) VALUES (?, ?, ?, 'running')"),
    finishRun: db.prepare<[string, string, number, string, string]>('UPDATE sync_runs SET finished_at = ?, status = ?, requests = ?, warnings = ? WHERE id = ?'),
    setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
}

export type WriteStatements = ReturnType<typeof writeStatements>;
