import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';

const tempStore = tempStores();

describe('migration 0010-audit-outcome', () => {
  it("keeps a version-8 store's audit rows as reveals and accepts only known outcomes after", () => {
    const t = tempStore({ targetVersion: 8 });
    t.store.db.prepare("INSERT INTO audit (at, door, action, password_id, org_id, name) VALUES ('2026-12-01T00:00:00Z', 'app', 'reveal', 5, 1, 'Domain Admin')").run();
    t.store.close();

    const s = t.reopen({ targetVersion: 10 });
    expect(s.schemaVersion).toBe(10);
    expect(s.db.prepare('SELECT password_id, outcome FROM audit').all()).toEqual([{ password_id: 5, outcome: 'revealed' }]);
    s.db.prepare("INSERT INTO audit (at, door, action, password_id, org_id, name, outcome) VALUES ('2026-12-02T00:00:00Z', 'mcp', 'mcp_value', 5, 1, 'Domain Admin', 'declined')").run();
    expect(() => s.db.prepare("INSERT INTO audit (at, door, action, password_id, org_id, name, outcome) VALUES ('x', 'mcp', 'mcp_value', 5, 1, 'n', 'maybe')").run()).toThrow(/CHECK/);
  });
});
