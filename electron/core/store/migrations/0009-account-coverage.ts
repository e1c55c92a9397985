import type { Migration } from '../migration';

// The rest of an IT Glue account (issue #18): document folders (and each document's folder),
// checklists and their tasks, SSL certificates, IT Glue's own expirations list and attachment
// metadata. Typed tables as in 0001: no foreign keys, partial lookup indexes; the delete
// trigger that stands in for ON DELETE CASCADE is rebuilt to cover the new tables.
const SQL = `
ALTER TABLE documents ADD COLUMN folder_id INTEGER;
CREATE INDEX documents_folder ON documents(folder_id) WHERE folder_id IS NOT NULL;

CREATE TABLE document_folders (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  parent_id INTEGER,
  name TEXT NOT NULL
) STRICT;
CREATE INDEX document_folders_org ON document_folders(org_id);

CREATE TABLE checklists (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0,
  due_on TEXT
) STRICT;
CREATE INDEX checklists_org ON checklists(org_id);

CREATE TABLE checklist_tasks (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  checklist_id INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0,
  sort INTEGER
) STRICT;
CREATE INDEX checklist_tasks_checklist ON checklist_tasks(checklist_id, sort);

CREATE TABLE ssl_certificates (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  expires_on TEXT
) STRICT;
CREATE INDEX ssl_certificates_org ON ssl_certificates(org_id);
CREATE INDEX ssl_certificates_expires ON ssl_certificates(expires_on) WHERE expires_on IS NOT NULL;

CREATE TABLE expirations (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  resource_type TEXT,
  resource_id INTEGER,
  expires_on TEXT
) STRICT;
CREATE INDEX expirations_expires ON expirations(expires_on) WHERE expires_on IS NOT NULL;

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  resource_type TEXT,
  resource_id INTEGER,
  name TEXT NOT NULL,
  size INTEGER,
  created_by TEXT,
  created_at TEXT
) STRICT;
CREATE INDEX attachments_resource ON attachments(resource_type, resource_id);

DROP TRIGGER records_delete_typed;
CREATE TRIGGER records_delete_typed AFTER DELETE ON records BEGIN
  DELETE FROM organizations WHERE old.type = 'organizations' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM configurations WHERE old.type = 'configurations' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM interfaces WHERE old.type = 'configuration-interfaces' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM passwords WHERE old.type = 'passwords' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM flexible_asset_types WHERE old.type = 'flexible-asset-types' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM flexible_asset_fields WHERE old.type = 'flexible-asset-fields' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM flexible_assets WHERE old.type = 'flexible-assets' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM documents WHERE old.type = 'documents' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM document_sections WHERE old.type = 'document-sections' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM contacts WHERE old.type = 'contacts' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM locations WHERE old.type = 'locations' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM domains WHERE old.type = 'domains' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM document_folders WHERE old.type = 'document-folders' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM checklists WHERE old.type = 'checklists' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM checklist_tasks WHERE old.type = 'checklist-tasks' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM ssl_certificates WHERE old.type = 'ssl-certificates' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM expirations WHERE old.type = 'expirations' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
  DELETE FROM attachments WHERE old.type = 'attachments' AND id = CAST(old.itglue_id AS INTEGER) AND record_rowid = old.rowid;
END;
`;

export const accountCoverage: Migration = {
  version: 9,
  name: 'account-coverage',
  up(db) {
    db.exec(SQL);
  },
};
