import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

describe('migration 0015-on-demand-details', () => {
  it('adds an empty on_demand_details table to a version-14 store and keeps its records', () => {
    const t = tempStore({ targetVersion: 14 });
    t.store.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('configurations', '7', 1, 'FW01', 'b', '{}', 'h')").run();
    t.store.close();
    const s = t.reopen({ targetVersion: 15 });
    expect(s.schemaVersion).toBe(15);
    expect(s.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
    expect(s.db.prepare('SELECT count(*) AS n FROM on_demand_details').get()).toEqual({ n: 0 });
    // One row per record and pass kind.
    const add = s.db.prepare("INSERT INTO on_demand_details (kind, id, run_id, updated_at, fetched_at) VALUES ('configuration-related', 7, 'r', NULL, '2026-01-01')");
    add.run();
    expect(() => add.run()).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
