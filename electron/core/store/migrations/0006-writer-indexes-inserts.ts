import type { Migration } from '../migration';

// Rows enter `records` only through the store writer (writer.applyPage), which adds them to the
// FTS index and to record_counts itself, once per batch of pages. The two AFTER INSERT triggers
// that did the same for any writer were already off inside applyPage (fts_deferred), yet their
// mere presence cost every insert: a statement with triggers may write several rows, so SQLite
// opens a statement journal for it, checks the chunks foreign key as a parent, and gives FTS5 a
// savepoint that flushes its pending terms; docs/store-write-path.md has what that cost.
// The update and delete triggers stay (the sweep and any other UPDATE or DELETE rely on them),
// now adding signed deltas: their decrement used to be an UPDATE, lost when the writer had not
// yet added the count of a row it inserted earlier in the same batch (a resource listed twice,
// moved to another organization in between).
const DELTA = 'ON CONFLICT (type, org_id) DO UPDATE SET live = live + excluded.live, archived = archived + excluded.archived';
const SQL = `
DROP TRIGGER records_fts_insert;
DROP TRIGGER record_counts_insert;

DROP TRIGGER record_counts_delete;
CREATE TRIGGER record_counts_delete AFTER DELETE ON records WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO record_counts (type, org_id, live, archived) VALUES (old.type, coalesce(old.org_id, 0), -1, -(old.archived <> 0)) ${DELTA};
END;

DROP TRIGGER record_counts_update;
CREATE TRIGGER record_counts_update AFTER UPDATE OF type, org_id, archived, deleted_at ON records
WHEN old.type IS NOT new.type OR old.org_id IS NOT new.org_id OR old.archived IS NOT new.archived OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
  INSERT INTO record_counts (type, org_id, live, archived) SELECT old.type, coalesce(old.org_id, 0), -1, -(old.archived <> 0) WHERE old.deleted_at IS NULL ${DELTA};
  INSERT INTO record_counts (type, org_id, live, archived) SELECT new.type, coalesce(new.org_id, 0), 1, new.archived <> 0 WHERE new.deleted_at IS NULL ${DELTA};
END;
`;

export const writerIndexesInserts: Migration = {
  version: 6,
  name: 'writer-indexes-inserts',
  up(db) {
    db.exec(SQL);
  },
};
