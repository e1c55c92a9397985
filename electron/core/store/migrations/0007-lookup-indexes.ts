import type { Migration } from '../migration';

// Search and answers read "the firewalls", "every switch" as configurations of that type, in one
// organization or across the tenant. Without an index the tenant-wide form scans every
// configuration (a quarter of a million at 1M records); with it, it reads only that type's rows.
// A domain named in a question ("where is acme.com registered") is looked up by name.
export const lookupIndexes: Migration = {
  version: 7,
  name: 'lookup-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX configurations_type ON configurations(type_name, org_id) WHERE type_name IS NOT NULL;
      CREATE INDEX domains_name ON domains(name COLLATE NOCASE);
    `);
  },
};
