import { describe, expect, it } from 'vitest';
import { config, org } from '../fixtures.test-data';
import { createReader } from '../reader';
import { actualCounts, keptCounts, tempStores } from '../test-stores';
import { createWriter } from '../writer';

const tempStore = tempStores();


describe('migration 0004-record-counts', () => {
  it('counts the records of a version-3 store, then keeps the counts through writes, archiving and sweeps', () => {
    const t = tempStore({ targetVersion: 3 });
    const insert = t.store.db.prepare<[string, string, number | null, number, string | null]>(
      "INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, deleted_at, content_hash) VALUES (?, ?, ?, 'n', 'b', '{}', ?, ?, 'h')",
    );
    insert.run('configurations', '1', 7, 0, null);
    insert.run('configurations', '2', 7, 1, null);
    insert.run('configurations', '3', 7, 0, '2026-01-01T00:00:00Z');
    insert.run('passwords', '4', 8, 0, null);
    insert.run('flexible-asset-types', '5', null, 0, null);
    t.store.close();

    const s = t.reopen({ targetVersion: 4 });
    expect(s.schemaVersion).toBe(4);
    expect(keptCounts(s.db)).toEqual([
      { type: 'configurations', org_id: 7, live: 2, archived: 1 },
      { type: 'flexible-asset-types', org_id: 0, live: 1, archived: 0 },
      { type: 'passwords', org_id: 8, live: 1, archived: 0 },
    ]);
    const r = createReader(s);
    expect(r.counts()).toMatchObject({ configurations: 2, passwords: 1, 'flexible-asset-types': 1, documents: 0 });

    // The writer of today expects the latest schema (writable stores are always migrated).
    s.close();
    const latest = t.reopen({ targetVersion: undefined });
    const w = createWriter(latest);
    const runId = w.startRun('full');
    w.applyPage({ type: 'organizations', resources: [org(7, 'Acme'), org(8, 'Globex')], runId });
    w.applyPage({ type: 'configurations', resources: [config(10, 7, 'SRV-A'), config(11, 8, 'SRV-B'), config(12, 8, 'SRV-C', { archived: true })], runId });
    // Moves to another org and gets archived: both buckets follow.
    w.applyPage({ type: 'configurations', resources: [config(10, 8, 'SRV-A', { archived: true })], runId });
    expect(w.markDeletedExcept('configurations', '8', ['10', '12'], runId)).toBe(1);
    latest.db.prepare("DELETE FROM records WHERE type = 'passwords'").run();
    expect(keptCounts(latest.db)).toEqual(actualCounts(latest.db));
    expect(createReader(latest).listOrganizations().find((o) => o.id === 8)?.counts).toEqual({ configurations: 2 });
    expect(createReader(latest).listOrganizations().find((o) => o.id === 7)?.counts).toEqual({ configurations: 2 });
  });
});
