import { writeOrgDirectory } from '../read/org-directory';
import type { Migration } from '../migration';

/**
 * The live organizations and their name-matching index, kept ready for a cold question
 * (answers/org-directory.ts). `generation` counts changes to what the list holds (an
 * organization added, removed, renamed, or its record deleted or restored); the directory is
 * current while `built_generation` equals it. The triggers count changes by any writer, in the
 * statement that makes them, so a directory never outlives the names it was built from. None
 * fires on a records insert (migration 0006 keeps those trigger-free for ingest speed): an
 * organization joins the list when its organizations row is written, after its record.
 */
export const orgDirectory: Migration = {
  version: 22,
  name: 'org-directory',
  up(db) {
    db.exec(`
      CREATE TABLE org_directory (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        generation       INTEGER NOT NULL,
        built_generation INTEGER,
        version          INTEGER,
        blob             TEXT
      ) STRICT;
      INSERT INTO org_directory (id, generation) VALUES (1, 0);

      CREATE TRIGGER org_directory_org_insert AFTER INSERT ON organizations BEGIN
        UPDATE org_directory SET generation = generation + 1 WHERE id = 1;
      END;
      CREATE TRIGGER org_directory_org_delete AFTER DELETE ON organizations BEGIN
        UPDATE org_directory SET generation = generation + 1 WHERE id = 1;
      END;
      CREATE TRIGGER org_directory_org_update AFTER UPDATE OF id, record_rowid, name, short_name ON organizations
      WHEN old.id IS NOT new.id OR old.record_rowid IS NOT new.record_rowid OR old.name IS NOT new.name OR old.short_name IS NOT new.short_name BEGIN
        UPDATE org_directory SET generation = generation + 1 WHERE id = 1;
      END;
      CREATE TRIGGER org_directory_record_delete AFTER DELETE ON records WHEN old.type = 'organizations' BEGIN
        UPDATE org_directory SET generation = generation + 1 WHERE id = 1;
      END;
      CREATE TRIGGER org_directory_record_update AFTER UPDATE OF type, deleted_at ON records
      WHEN (old.type = 'organizations' OR new.type = 'organizations') AND (old.type IS NOT new.type OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)) BEGIN
        UPDATE org_directory SET generation = generation + 1 WHERE id = 1;
      END;
    `);
    writeOrgDirectory(db);
  },
};
