import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';
import { initial } from './0001-initial';

const tempStore = tempStores();

describe('migration 0001-initial', () => {
  it('turns an empty store (version 0) into the records schema with FTS and typed tables', () => {
    const t = tempStore({ migrations: [initial], targetVersion: 0 });
    expect(t.store.schemaVersion).toBe(0);
    // Seed at N-1: a version-0 store has no tables of ours; an unrelated pragma survives.
    t.store.db.pragma('application_id = 4242');
    t.store.close();

    const s = t.reopen({ migrations: [initial], targetVersion: 1 });
    expect(s.schemaVersion).toBe(1);
    expect(s.db.pragma('application_id', { simple: true })).toBe(4242);
    const tables = s.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    for (const name of ['records', 'records_fts', 'relations', 'secrets', 'sync_state', 'sync_runs', 'skipped', 'audit', 'meta', 'organizations', 'configurations', 'interfaces', 'passwords', 'flexible_asset_types', 'flexible_asset_fields', 'flexible_assets', 'documents', 'document_sections', 'contacts', 'locations', 'domains']) {
      expect(tables).toContain(name);
    }
    const columns = s.db.prepare<[], { name: string; type: string; notnull: number }>("SELECT name, type, \"notnull\" FROM pragma_table_info('records')").all();
    expect(columns.map((c) => c.name)).toEqual(['rowid', 'type', 'itglue_id', 'org_id', 'name', 'body', 'attrs', 'url', 'updated_at', 'archived', 'deleted_at', 'content_hash', 'last_seen_run']);
    // STRICT: a wrong type is refused rather than stored.
    expect(() => s.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('organizations', '1', 'x', 'a', 'b', '{}', 'h')").run()).toThrow();
  });

  it('indexes name and body so IP phrases, hostnames, folded diacritics and appended aliases match; deletes leave the index', () => {
    // Version 1's insert triggers index every row (0006 leaves inserts to the writer).
    const t = tempStore({ targetVersion: 1 });
    const db = t.store.db;
    const insert = db.prepare<[string, string, string]>("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('configurations', ?, 1, ?, ?, '{}', 'h')");
    insert.run('1', 'SRV-DC01', 'SRV-DC01 10.20.0.5 Café server srvdc01 001a2b3c4d5e');
    insert.run('2', 'SRV-FS01', '10.20.0.50 file server');
    const match = (q: string): string[] =>
      db.prepare<[string], { name: string }>('SELECT r.name FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH ? ORDER BY r.name').all(q).map((r) => r.name);
    expect(match('"10.20.0.5"')).toEqual(['SRV-DC01']);
    expect(match('"srv-dc01"')).toEqual(['SRV-DC01']);
    expect(match('srvdc01')).toEqual(['SRV-DC01']);
    expect(match('cafe')).toEqual(['SRV-DC01']);
    expect(match('001a2b3c4d5e')).toEqual(['SRV-DC01']);
    expect(match('srv*')).toEqual(['SRV-DC01', 'SRV-FS01']);
    db.prepare("UPDATE records SET deleted_at = '2026-01-01T00:00:00Z' WHERE itglue_id = '1'").run();
    expect(match('srv*')).toEqual(['SRV-FS01']);
    db.prepare("UPDATE records SET deleted_at = NULL, body = 'renamed' WHERE itglue_id = '1'").run();
    expect(match('renamed')).toEqual(['SRV-DC01']);
    expect(match('cafe')).toEqual([]);
    db.prepare("DELETE FROM records WHERE itglue_id = '2'").run();
    expect(match('file')).toEqual([]);
    expect(db.prepare<[], { ok: string }>("SELECT 'ok' AS ok FROM records_fts WHERE records_fts MATCH 'renamed'").get()?.ok).toBe('ok');
    db.prepare("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('deletes typed rows with their record (by trigger, not a foreign key) and leaves other types alone', () => {
    // Version 1's insert triggers index every row (0006 leaves inserts to the writer).
    const t = tempStore({ targetVersion: 1 });
    const db = t.store.db;
    const { rowid } = db
      .prepare<[], { rowid: number }>("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('organizations', '5', 5, 'Acme', 'Acme', '{}', 'h') RETURNING rowid")
      .get() ?? { rowid: 0 };
    db.prepare("INSERT INTO organizations (id, record_rowid, name) VALUES (5, ?, 'Acme')").run(rowid);
    const other = db
      .prepare<[], { rowid: number }>("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('configurations', '5', 5, 'PC', 'PC', '{}', 'h') RETURNING rowid")
      .get() ?? { rowid: 0 };
    db.prepare("INSERT INTO configurations (id, record_rowid, name) VALUES (5, ?, 'PC')").run(other.rowid);
    db.prepare('DELETE FROM records WHERE rowid = ?').run(rowid);
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM organizations').get()?.n).toBe(0);
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM configurations').get()?.n).toBe(1);
  });

  it('uses the partial lookup indexes for equality and range lookups', () => {
    const t = tempStore();
    const plan = (sql: string): string => t.store.db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => r.detail).join('; ');
    expect(plan("SELECT id FROM configurations WHERE mac = '001a2b3c4d5e'")).toMatch(/configurations_mac/);
    expect(plan("SELECT id FROM configurations WHERE serial = 'X'")).toMatch(/configurations_serial/);
    expect(plan("SELECT id FROM configurations WHERE hostname_key = 'srvdc01'")).toMatch(/configurations_hostname_key/);
    expect(plan("SELECT id FROM configurations WHERE asset_tag = 'a' COLLATE NOCASE")).toMatch(/configurations_asset_tag/);
    expect(plan('SELECT id FROM configurations WHERE primary_ip_num BETWEEN 1 AND 9')).toMatch(/configurations_primary_ip_num/);
    expect(plan("SELECT id FROM configurations WHERE warranty_expires_at >= '2026' AND warranty_expires_at < '2027'")).toMatch(/configurations_warranty/);
    expect(plan('SELECT id FROM interfaces WHERE ip_num BETWEEN 1 AND 9')).toMatch(/interfaces_ip_num/);
    expect(plan("SELECT id FROM interfaces WHERE ip6 = '::1'")).toMatch(/interfaces_ip6/);
    expect(plan("SELECT id FROM interfaces WHERE mac = 'x'")).toMatch(/interfaces_mac/);
    expect(plan("SELECT id FROM domains WHERE expires_on >= '2026' AND expires_on < '2027'")).toMatch(/domains_expires/);
  });
});
