import type { Migration } from '../migration';

// Exact lookups answer from the typed tables alone (issue #16). A configuration's link was the
// one field an IP, hostname or serial hit still read from its records row, and that row is wide
// (body and attributes sit before url, often on overflow pages): at 1M records joining the 50
// rows of a page to records was most of a lookup's time (p95 13–16 ms against a 10 ms goal).
// The configuration's typed row now carries its url, written with the rest of the row; a typed
// row exists only while its record is live (the deletion sweep drops it), so no records read is
// needed to check that either.
export const configurationUrls: Migration = {
  version: 17,
  name: 'configuration-urls',
  up(db) {
    db.exec(`
      ALTER TABLE configurations ADD COLUMN url TEXT;
      UPDATE configurations SET url = (SELECT r.url FROM records r WHERE r.rowid = configurations.record_rowid);
    `);
  },
};
