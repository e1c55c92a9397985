import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

const planOf = (db: { prepare(sql: string): { all(...p: unknown[]): unknown[] } }, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 0013-expiration-paging', () => {
  it("names a version-12 store's listed expirations and reads a window, one org's window and hidden sources from indexes", () => {
    const t = tempStore({ targetVersion: 12 });
    const db12 = t.store.db;
    const addRecord = db12.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES (?, ?, 7, ?, 'b', '{}', ?, 'h')");
    const device = addRecord.run('configurations', '10', 'SRV10', 1).lastInsertRowid;
    const entry = addRecord.run('expirations', '210', 'SRV10', 0).lastInsertRowid;
    db12.prepare("INSERT INTO expirations (id, record_rowid, org_id, resource_type, resource_id, expires_on) VALUES (210, ?, 7, 'configurations', 10, '2026-02-01')").run(entry);
    t.store.close();

    const s = t.reopen({ targetVersion: 13 });
    expect(s.schemaVersion).toBe(13);
    expect(s.db.prepare('SELECT name FROM expirations WHERE id = 210').get()).toEqual({ name: 'SRV10' });
    const window = 'SELECT name FROM expirations x WHERE x.expires_on >= ? AND x.expires_on < ? ORDER BY x.expires_on';
    expect(planOf(s.db, window, '2026-01-01', '2026-03-01')).toMatch(/COVERING INDEX expirations_window/);
    expect(planOf(s.db, `${window.replace('ORDER BY', 'AND x.org_id = ? ORDER BY')}`, '2026-01-01', '2026-03-01', 7)).toMatch(/COVERING INDEX expirations_org_window/);
    const hidden = 'SELECT rowid FROM records h INDEXED BY records_hidden WHERE h.type = ? AND h.itglue_id = ? AND (h.archived = 1 OR h.deleted_at IS NOT NULL)';
    expect(s.db.prepare(hidden).all('configurations', '10')).toEqual([{ rowid: device }]);
    const names = "SELECT rowid FROM records r WHERE r.type = 'configurations' AND r.deleted_at IS NULL AND r.archived = 0 AND lower(r.name) LIKE '%rv1%' ORDER BY lower(r.name) LIMIT 51";
    expect(s.db.prepare(names).all()).toEqual([]);
    expect(planOf(s.db, names)).toMatch(/USING (COVERING )?INDEX records_type_name/);
    expect(s.db.prepare('SELECT id FROM expirations INDEXED BY expirations_resource WHERE resource_type = ? AND resource_id = ?').all('configurations', 10)).toEqual([{ id: 210 }]);
  });
});
