import type { Migration } from '../migration';

// "What expires in the next 30 days" counts warranties and domains in the window and loads only
// the page it shows (store/read/expirations). At 1M records a 30-day window holds ~40k
// warranties: with archived, org, name and record in the index the count, the page's dates and
// the day's rows to order by name come from the index alone, instead of 40k table rows (5–8 s
// before). Each new index starts with the old one's column, so the old ones go.
// Search re-checks each keyword match's type, org, archived and deleted flags; in the table row
// the last two sit behind the body and attributes (overflow pages), so a common word's 10k+
// matches cost seconds at 1M. records_flags holds exactly those columns by rowid.
export const expiryIndexes: Migration = {
  version: 12,
  name: 'expiry-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX configurations_warranty_live ON configurations(warranty_expires_at, archived, org_id, name, record_rowid) WHERE warranty_expires_at IS NOT NULL;
      DROP INDEX configurations_warranty;
      CREATE INDEX domains_expires_org ON domains(expires_on, org_id, name, record_rowid) WHERE expires_on IS NOT NULL;
      DROP INDEX domains_expires;
      CREATE INDEX records_flags ON records(rowid, type, org_id, archived, deleted_at);
    `);
  },
};
