import { describe, expect, it } from 'vitest';
import { config, org } from '../fixtures.test-data';
import type { TempStore } from '../testing';
import { actualCounts, keptCounts, oldStoreWriter, tempStores } from '../test-stores';

const tempStore = tempStores();

type Db = TempStore['store']['db'];
const triggers = (db: Db) => db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records' ORDER BY name").all().map((r) => r.name);
const found = (db: Db, words: string) => db.prepare<[string], { name: string }>('SELECT r.name FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH ? ORDER BY r.name').all(words).map((r) => r.name);

describe('migration 0006-writer-indexes-inserts', () => {
  it('drops the insert triggers; the writer still indexes and counts what a version-5 store held and what it adds, a batch at a time', () => {
    const t = tempStore({ targetVersion: 5 });
    const w5 = oldStoreWriter(t.store);
    const run5 = w5.startRun('full');
    w5.applyPage({ type: 'organizations', resources: [org(7, 'Acme')], runId: run5 });
    w5.applyPage({ type: 'configurations', resources: [config(10, 7, 'SRV-OLD')], runId: run5 });
    // A version-5 writer other than applyPage, counted and indexed by the triggers.
    t.store.db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('contacts', '99', 7, 'Pat Lee', 'helpdesk lead', '{}', 'h')").run();
    t.store.close();

    const s = t.reopen({ targetVersion: 6 });
    expect(s.schemaVersion).toBe(6);
    expect(triggers(s.db)).not.toContain('records_fts_insert');
    expect(triggers(s.db)).not.toContain('record_counts_insert');
    expect(triggers(s.db)).toContain('records_fts_update');
    expect(found(s.db, 'srv')).toEqual(['SRV-OLD']);
    expect(found(s.db, 'helpdesk')).toEqual(['Pat Lee']);

    const w = oldStoreWriter(s);
    const runId = w.startRun('full');
    // New rows, a row twice in one page (moved and archived), and a rename of an old row.
    w.applyPage({
      type: 'configurations',
      resources: [config(11, 7, 'SRV-NEW'), config(12, 7, 'SRV-TWICE'), config(12, 8, 'SRV-TWICE', { archived: true }), config(10, 7, 'SRV-RENAMED')],
      runId,
    });
    // The index holds exactly the live rows' text (throws SQLITE_CORRUPT_VTAB otherwise); with
    // soft-deleted rows in records, later, only its own structure can be checked.
    s.db.prepare("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)").run();
    expect(found(s.db, 'srv')).toEqual(['SRV-NEW', 'SRV-RENAMED', 'SRV-TWICE']);
    expect(found(s.db, 'old')).toEqual([]);
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    // A resource twice in one batch, moved in between to an organization never counted before:
    // the move's decrement lands on a count the batch adds only at its end.
    w.batch(() => {
      w.applyPage({ type: 'configurations', resources: [config(20, 30, 'SRV-MOVED')], runId });
      w.applyPage({ type: 'configurations', resources: [config(20, 31, 'SRV-MOVED', { archived: true })], runId });
    });
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    expect(w.markDeletedExcept('configurations', '7', ['10'], runId)).toBe(1);
    expect(found(s.db, 'srv')).toEqual(['SRV-MOVED', 'SRV-RENAMED', 'SRV-TWICE']);
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    s.db.prepare("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 0)").run();
    // Deleting a row outright leaves its counts and index entry too.
    s.db.prepare("DELETE FROM records WHERE type = 'configurations' AND itglue_id = '20'").run();
    expect(keptCounts(s.db)).toEqual(actualCounts(s.db));
    expect(found(s.db, 'moved')).toEqual([]);
  });
});
