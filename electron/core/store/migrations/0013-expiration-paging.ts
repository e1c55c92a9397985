import type { Migration } from '../migration';

// Reads that stay interactive at 1M records (issue #16). "What expires in the next 30 days" on
// an account with IT Glue's own expirations list: at 1M records a 30-day window holds ~40k entries, and reading them all with their records
// and each source record's flags took 3–4 s. The list is now paged from its indexes:
// - expirations carries its entry's name, so a page's days are ordered by name from the index;
// - one index per door: the window tenant-wide, and the window inside one org;
// - (resource_type, resource_id) finds the entries of a hidden source record, or of a
//   certificate asset, without a scan;
// - records_type_name orders a type's records by name with the flags a list filters on, so a
//   tenant-wide list filter ("server" in configurations) walks names in list order and stops
//   at its page instead of reading every record's body (~1 s at 1M records);
// - records_hidden lists only archived or deleted records (a small partial index), so "is this
//   entry's source hidden?" is one small index probe instead of a wide table row.
export const expirationPaging: Migration = {
  version: 13,
  name: 'expiration-paging',
  up(db) {
    db.exec(`
      ALTER TABLE expirations ADD COLUMN name TEXT;
      UPDATE expirations SET name = (SELECT r.name FROM records r WHERE r.rowid = expirations.record_rowid);
      CREATE INDEX expirations_window ON expirations(expires_on, resource_type, org_id, name, resource_id, record_rowid) WHERE expires_on IS NOT NULL;
      CREATE INDEX expirations_org_window ON expirations(org_id, expires_on, resource_type, name, resource_id, record_rowid) WHERE expires_on IS NOT NULL;
      CREATE INDEX expirations_resource ON expirations(resource_type, resource_id, expires_on);
      DROP INDEX expirations_expires;
      CREATE INDEX records_type_name ON records(type, lower(name), archived, deleted_at, org_id);
      CREATE INDEX records_hidden ON records(type, itglue_id) WHERE archived = 1 OR deleted_at IS NOT NULL;
    `);
  },
};
