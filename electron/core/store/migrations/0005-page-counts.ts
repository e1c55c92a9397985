import type { Migration } from '../migration';

// The per-row record_counts insert trigger cost an upsert per record of first-sync ingest
// (docs/store-write-path.md).
// It now stays off while writer.applyPage holds its fts_deferred row (only inside its own
// transaction, so no other connection ever sees it off), and applyPage adds one delta per type
// and organization per page instead. Every other writer still goes through the trigger.
const SQL = `
DROP TRIGGER record_counts_insert;
CREATE TRIGGER record_counts_insert AFTER INSERT ON records
WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO record_counts (type, org_id, live, archived) VALUES (new.type, coalesce(new.org_id, 0), 1, new.archived <> 0)
    ON CONFLICT (type, org_id) DO UPDATE SET live = live + 1, archived = archived + (new.archived <> 0);
END;
`;

export const pageCounts: Migration = {
  version: 5,
  name: 'page-counts',
  up(db) {
    db.exec(SQL);
  },
};
