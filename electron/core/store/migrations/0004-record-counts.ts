import type { Migration } from '../migration';

// Launch and the organization list need live counts per type and org; a GROUP BY over 100k
// records took ~2 s cold (every records page decrypted). record_counts keeps them, maintained by
// triggers in the same transaction as every write to records (any writer, not only sync).
// org_id 0 stands for "no organization" (IT Glue ids are positive) so the key has no NULL.
// live = not deleted (archived included, as the old counts did); archived = live and archived.
const SQL = `
CREATE TABLE record_counts (
  type     TEXT NOT NULL,
  org_id   INTEGER NOT NULL,
  live     INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (type, org_id)
) STRICT, WITHOUT ROWID;

INSERT INTO record_counts (type, org_id, live, archived)
  SELECT type, coalesce(org_id, 0), count(*), sum(archived <> 0) FROM records WHERE deleted_at IS NULL GROUP BY type, coalesce(org_id, 0);

CREATE TRIGGER record_counts_insert AFTER INSERT ON records WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO record_counts (type, org_id, live, archived) VALUES (new.type, coalesce(new.org_id, 0), 1, new.archived <> 0)
    ON CONFLICT (type, org_id) DO UPDATE SET live = live + 1, archived = archived + (new.archived <> 0);
END;

CREATE TRIGGER record_counts_delete AFTER DELETE ON records WHEN old.deleted_at IS NULL BEGIN
  UPDATE record_counts SET live = live - 1, archived = archived - (old.archived <> 0) WHERE type = old.type AND org_id = coalesce(old.org_id, 0);
END;

CREATE TRIGGER record_counts_update AFTER UPDATE OF type, org_id, archived, deleted_at ON records
WHEN old.type IS NOT new.type OR old.org_id IS NOT new.org_id OR old.archived IS NOT new.archived OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
  UPDATE record_counts SET live = live - 1, archived = archived - (old.archived <> 0)
    WHERE old.deleted_at IS NULL AND type = old.type AND org_id = coalesce(old.org_id, 0);
  INSERT INTO record_counts (type, org_id, live, archived) SELECT new.type, coalesce(new.org_id, 0), 1, new.archived <> 0 WHERE new.deleted_at IS NULL
    ON CONFLICT (type, org_id) DO UPDATE SET live = live + 1, archived = archived + (new.archived <> 0);
END;
`;

export const recordCounts: Migration = {
  version: 4,
  name: 'record-counts',
  up(db) {
    db.exec(SQL);
  },
};
