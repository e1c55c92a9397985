import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

describe('migration 0007-lookup-indexes', () => {
  it('keeps a version-6 store\'s configurations and looks them up by type through the new index', () => {
    const t = tempStore({ targetVersion: 6 });
    const db6 = t.store.db;
    db6.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES ('configurations', '10', 7, 'FW01', 'b', '{}', 0, 'h')").run();
    db6.prepare("INSERT INTO configurations (id, record_rowid, org_id, name, type_name) VALUES (10, last_insert_rowid(), 7, 'FW01', 'Firewall')").run();
    t.store.close();

    const s = t.reopen({ targetVersion: 7 });
    expect(s.schemaVersion).toBe(7);
    const byType = "SELECT id FROM configurations WHERE type_name IN ('Firewall') AND org_id = 7";
    expect(s.db.prepare(byType).all()).toEqual([{ id: 10 }]);
    const plan = s.db.prepare(`EXPLAIN QUERY PLAN ${byType}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/configurations_type/);
    const domainPlan = s.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM domains WHERE name = 'acme.com' COLLATE NOCASE").all() as { detail: string }[];
    expect(domainPlan.map((p) => p.detail).join(' ')).toMatch(/domains_name/);
  });
});
