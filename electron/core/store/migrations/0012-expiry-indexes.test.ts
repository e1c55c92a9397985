import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

const planOf = (db: { prepare(sql: string): { all(...p: unknown[]): unknown[] } }, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 0012-expiry-indexes', () => {
  it("keeps a version-8 store's warranties and domains and counts a window from the new indexes alone", () => {
    const t = tempStore({ targetVersion: 8 });
    const db8 = t.store.db;
    const addConfig = db8.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES ('configurations', ?, 7, ?, 'b', '{}', ?, 'h')");
    const typed = db8.prepare('INSERT INTO configurations (id, record_rowid, org_id, name, warranty_expires_at, archived) VALUES (?, ?, 7, ?, ?, ?)');
    for (const [id, at, archived] of [[10, '2026-02-01', 0], [11, '2026-02-03T00:00:00.000Z', 0], [12, '2026-02-02', 1], [13, '2027-01-01', 0]] as const) {
      const rowid = addConfig.run(String(id), `SRV${id}`, archived).lastInsertRowid;
      typed.run(id, rowid, `SRV${id}`, at, archived);
    }
    const rowid = db8.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('domains', '5', 7, 'acme.com', 'b', '{}', 'h')").run().lastInsertRowid;
    db8.prepare("INSERT INTO domains (id, record_rowid, org_id, name, expires_on) VALUES (5, ?, 7, 'acme.com', '2026-02-10')").run(rowid);
    t.store.close();

    const s = t.reopen({ targetVersion: 12 });
    expect(s.schemaVersion).toBe(12);
    // Tenant-wide (the costly form): counted from the index alone. Inside one org the planner may
    // start from the org's rows instead, which are few.
    const warranties = 'SELECT count(*) AS n FROM configurations x WHERE x.warranty_expires_at >= ? AND x.warranty_expires_at < ? AND x.archived = 0';
    expect(s.db.prepare(warranties).get('2026-02-01', '2026-03-01')).toEqual({ n: 2 });
    expect(planOf(s.db, warranties, '2026-02-01', '2026-03-01')).toMatch(/COVERING INDEX configurations_warranty_live/);
    expect(s.db.prepare(`${warranties} AND x.org_id = ?`).get('2026-02-01', '2026-03-01', 7)).toEqual({ n: 2 });
    const domains = 'SELECT count(*) AS n FROM domains x WHERE x.expires_on >= ? AND x.expires_on < ?';
    expect(s.db.prepare(domains).get('2026-02-01', '2026-03-01')).toEqual({ n: 1 });
    expect(planOf(s.db, domains, '2026-02-01', '2026-03-01')).toMatch(/COVERING INDEX domains_expires_org/);
    const names = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('configurations_warranty', 'domains_expires')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual([]);
    // Search re-checks a match's flags through records_flags, never the wide table row.
    const flags = 'SELECT type, org_id, archived, deleted_at FROM records INDEXED BY records_flags WHERE rowid = ?';
    expect(s.db.prepare(flags).get(rowid)).toEqual({ type: 'domains', org_id: 7, archived: 0, deleted_at: null });
    expect(planOf(s.db, flags, rowid)).toMatch(/COVERING INDEX records_flags/);
  });
});
