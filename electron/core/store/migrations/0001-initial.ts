import type { Migration } from '../migration';

// Typed lookup tables hold derived data: every row points at its `records` row and goes with it.
// IT Glue ids are numeric strings; typed tables key on them as integers. No foreign key and no
// index on record_rowid: both cost every insert (docs/store-write-path.md) and only a records DELETE
// needs them, which records_delete_typed below handles by primary key. Lookup indexes are
// partial (IS NOT NULL): an `x = ?` or range term implies it, so the planner still uses them,
// and the many records without a MAC, serial, asset tag or warranty cost no index entry.
const TYPED = `
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  name TEXT NOT NULL,
  short_name TEXT,
  type_name TEXT,
  status_name TEXT,
  parent_id INTEGER
) STRICT;
CREATE INDEX organizations_name ON organizations(name COLLATE NOCASE);
CREATE INDEX organizations_short_name ON organizations(short_name COLLATE NOCASE);
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE configurations (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  hostname TEXT,
  hostname_key TEXT,
  primary_ip TEXT,
  primary_ip_num INTEGER,
  mac TEXT,
  serial TEXT,
  asset_tag TEXT,
  type_name TEXT,
  status_name TEXT,
  warranty_expires_at TEXT,
  archived INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX configurations_org ON configurations(org_id);
CREATE INDEX configurations_hostname_key ON configurations(hostname_key) WHERE hostname_key IS NOT NULL;
CREATE INDEX configurations_primary_ip_num ON configurations(primary_ip_num) WHERE primary_ip_num IS NOT NULL;
CREATE INDEX configurations_mac ON configurations(mac) WHERE mac IS NOT NULL;
CREATE INDEX configurations_serial ON configurations(serial) WHERE serial IS NOT NULL;
CREATE INDEX configurations_asset_tag ON configurations(asset_tag COLLATE NOCASE) WHERE asset_tag IS NOT NULL;
CREATE INDEX configurations_warranty ON configurations(warranty_expires_at) WHERE warranty_expires_at IS NOT NULL;

CREATE TABLE interfaces (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  configuration_id INTEGER,
  org_id INTEGER,
  name TEXT,
  ip TEXT,
  ip_num INTEGER,
  ip6 TEXT,
  mac TEXT,
  is_primary INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX interfaces_configuration ON interfaces(configuration_id);
CREATE INDEX interfaces_ip_num ON interfaces(ip_num) WHERE ip_num IS NOT NULL;
CREATE INDEX interfaces_ip6 ON interfaces(ip6) WHERE ip6 IS NOT NULL;
CREATE INDEX interfaces_mac ON interfaces(mac) WHERE mac IS NOT NULL;

CREATE TABLE passwords (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  username TEXT,
  url TEXT,
  category TEXT,
  resource_type TEXT,
  resource_id INTEGER,
  has_value INTEGER NOT NULL DEFAULT 0,
  restricted INTEGER NOT NULL DEFAULT 0,
  password_updated_at TEXT
) STRICT;
CREATE INDEX passwords_org ON passwords(org_id);
CREATE INDEX passwords_resource ON passwords(resource_type, resource_id);

CREATE TABLE flexible_asset_types (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT
) STRICT;

CREATE TABLE flexible_asset_fields (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  type_id INTEGER,
  name TEXT NOT NULL,
  name_key TEXT,
  kind TEXT,
  sort INTEGER
) STRICT;
CREATE INDEX flexible_asset_fields_type ON flexible_asset_fields(type_id, sort);

CREATE TABLE flexible_assets (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  type_id INTEGER
) STRICT;
CREATE INDEX flexible_assets_org ON flexible_assets(org_id, type_id);
CREATE INDEX flexible_assets_type ON flexible_assets(type_id);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL
) STRICT;
CREATE INDEX documents_org ON documents(org_id);

CREATE TABLE document_sections (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  document_id INTEGER,
  kind TEXT,
  sort INTEGER,
  content TEXT,
  rendered_content TEXT
) STRICT;
CREATE INDEX document_sections_document ON document_sections(document_id, sort);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  first_name TEXT,
  last_name TEXT,
  title TEXT,
  type_name TEXT,
  location_name TEXT,
  important INTEGER NOT NULL DEFAULT 0,
  emails TEXT NOT NULL DEFAULT '[]',
  phones TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX contacts_org ON contacts(org_id);

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  address TEXT,
  city TEXT,
  region TEXT,
  country TEXT,
  phone TEXT
) STRICT;
CREATE INDEX locations_org ON locations(org_id);

CREATE TABLE domains (
  id INTEGER PRIMARY KEY,
  record_rowid INTEGER NOT NULL,
  org_id INTEGER,
  name TEXT NOT NULL,
  registrar TEXT,
  expires_on TEXT
) STRICT;
CREATE INDEX domains_org ON domains(org_id);
CREATE INDEX domains_expires ON domains(expires_on) WHERE expires_on IS NOT NULL;

-- What ON DELETE CASCADE did, by primary key (the typed id is the record's itglue_id).
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
END;
`;

const CORE = `
CREATE TABLE records (
  rowid        INTEGER PRIMARY KEY,
  type         TEXT NOT NULL,
  itglue_id    TEXT NOT NULL,
  org_id       INTEGER,
  name         TEXT NOT NULL,
  body         TEXT NOT NULL,
  attrs        TEXT NOT NULL,
  url          TEXT,
  updated_at   TEXT,
  archived     INTEGER NOT NULL DEFAULT 0,
  deleted_at   TEXT,
  content_hash TEXT NOT NULL,
  last_seen_run TEXT,
  UNIQUE(type, itglue_id)
) STRICT;
CREATE INDEX records_org_type ON records(org_id, type);

-- External content: the text lives once, in records. Triggers keep the index in step so any
-- writer (not only writer.ts) stays consistent, and an UPDATE that leaves name/body/deleted_at
-- unchanged never touches the index. Deleted rows leave the index but stay in records.
-- writer.applyPage fills the index itself, once per page (INSERT … SELECT): it puts a row in
-- fts_deferred for the length of its transaction, which turns the insert/update triggers off,
-- and removes it before commit, so no other connection ever sees the triggers off.
CREATE VIRTUAL TABLE records_fts USING fts5(
  name, body,
  content='records', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE fts_deferred (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;
CREATE TRIGGER records_fts_insert AFTER INSERT ON records
WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO records_fts(rowid, name, body) VALUES (new.rowid, new.name, new.body);
END;
CREATE TRIGGER records_fts_update AFTER UPDATE OF name, body, deleted_at ON records
WHEN (old.name IS NOT new.name OR old.body IS NOT new.body OR old.deleted_at IS NOT new.deleted_at) AND NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO records_fts(records_fts, rowid, name, body)
    SELECT 'delete', old.rowid, old.name, old.body WHERE old.deleted_at IS NULL;
  INSERT INTO records_fts(rowid, name, body)
    SELECT new.rowid, new.name, new.body WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER records_fts_delete AFTER DELETE ON records WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO records_fts(records_fts, rowid, name, body) VALUES ('delete', old.rowid, old.name, old.body);
END;

-- source: 'attrs' rows are derived from a record's attributes and rewritten with it by
-- applyPage; 'detail' rows come from related_items / connections via putRelations.
CREATE TABLE relations (
  from_type TEXT NOT NULL,
  from_id   TEXT NOT NULL,
  to_type   TEXT NOT NULL,
  to_id     TEXT NOT NULL,
  kind      TEXT NOT NULL,
  notes     TEXT,
  source    TEXT NOT NULL CHECK (source IN ('attrs', 'detail')),
  PRIMARY KEY (from_type, from_id, to_type, to_id, kind)
) STRICT;
CREATE INDEX relations_to ON relations(to_type, to_id);

CREATE TABLE secrets (
  password_id INTEGER PRIMARY KEY,
  iv          BLOB NOT NULL,
  tag         BLOB NOT NULL,
  ciphertext  BLOB NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE sync_state (
  resource        TEXT NOT NULL,
  scope           TEXT NOT NULL,
  cursor          TEXT,
  last_updated_at TEXT,
  run_id          TEXT,
  completed_at    TEXT,
  PRIMARY KEY (resource, scope)
) STRICT;

CREATE TABLE sync_runs (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL,
  requests    INTEGER NOT NULL DEFAULT 0,
  warnings    TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE skipped (
  type      TEXT NOT NULL,
  itglue_id TEXT NOT NULL,
  reason    TEXT NOT NULL,
  run_id    TEXT,
  at        TEXT NOT NULL,
  PRIMARY KEY (type, itglue_id)
) STRICT;

CREATE TABLE audit (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  door        TEXT NOT NULL CHECK (door IN ('app', 'mcp', 'cli')),
  action      TEXT NOT NULL CHECK (action IN ('reveal', 'copy_username', 'copy_password', 'mcp_value')),
  password_id INTEGER NOT NULL,
  org_id      INTEGER,
  name        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_at ON audit(at);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(CORE);
    db.exec(TYPED);
  },
};
