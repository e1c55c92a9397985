import { describe, expect, it } from 'vitest';
import { config, org } from '../fixtures.test-data';
import { actualCounts, keptCounts, oldStoreWriter, tempStores } from '../test-stores';

const tempStore = tempStores();


describe('migration 0005-page-counts', () => {
  it('keeps the counts of a version-4 store exact when pages count their inserts and other writers use the trigger', () => {
    const t = tempStore({ targetVersion: 4 });
    // Seeded with plain INSERTs: today's writer expects the latest schema.
    const insert = t.store.db.prepare<[string, number, number]>(
      "INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES ('configurations', ?, ?, 'n', 'b', '{}', ?, 'h')",
    );
    insert.run('1', 7, 0);
    insert.run('2', 7, 1);
    t.store.close();

    const s = t.reopen({ targetVersion: 5 });
    expect(s.schemaVersion).toBe(5);
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    const w = oldStoreWriter(s);
    const runId = w.startRun('full');
    w.applyPage({ type: 'organizations', resources: [org(7, 'Acme'), org(8, 'Globex')], runId });
    // One page with a resource twice: first in org 7, then moved to org 8 and archived. The
    // update trigger adjusts the insert this page counts itself.
    w.applyPage({
      type: 'configurations',
      resources: [config(10, 7, 'SRV-A'), config(11, 8, 'SRV-B'), config(10, 8, 'SRV-A', { archived: true }), config(12, 8, 'SRV-C', { archived: true })],
      runId,
    });
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    // A writer other than applyPage: the trigger still counts.
    s.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, archived, content_hash) VALUES ('contacts', '99', 8, 'n', 'b', '{}', 0, 'h')").run();
    expect(w.markDeletedExcept('configurations', '7', ['1'], runId)).toBe(1);
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    expect(keptCounts(s.db)).toContainEqual({ type: 'configurations', org_id: 8, live: 3, archived: 2 });
  });
});
