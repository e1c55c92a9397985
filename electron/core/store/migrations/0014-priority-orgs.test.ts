import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

describe('migration 0014-priority-orgs', () => {
  it("adds an empty priority_orgs table to a version-12 store and keeps its records", () => {
    const t = tempStore({ targetVersion: 12 });
    t.store.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('organizations', '7', 7, 'Acme', 'b', '{}', 'h')").run();
    t.store.close();
    const s = t.reopen({ targetVersion: 14 });
    expect(s.schemaVersion).toBe(14);
    expect(s.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
    expect(s.db.prepare('SELECT count(*) AS n FROM priority_orgs').get()).toEqual({ n: 0 });
    // Only the reasons the doors note are accepted.
    expect(() => s.db.prepare("INSERT INTO priority_orgs (org_id, reason, noted_at) VALUES (7, 'guessed', '2026-01-01')").run()).toThrow(/CHECK/);
  });
});
