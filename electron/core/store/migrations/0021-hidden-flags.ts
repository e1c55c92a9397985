import type { Migration } from '../migration';

/**
 * records_hidden (migration 0013) lists archived or deleted records, but held only (type,
 * itglue_id): a query over it still read each record's archived/deleted_at columns from the
 * wide row, behind the body's overflow pages. Counting a 30-day expiry window's hidden sources
 * read ~3,000 such rows at 1M records (~170 ms in a fresh process). With the flags in the index
 * those reads never leave it.
 */
export const hiddenFlags: Migration = {
  version: 21,
  name: 'hidden-flags',
  up(db) {
    db.exec(`
      DROP INDEX records_hidden;
      CREATE INDEX records_hidden ON records(type, itglue_id, archived, deleted_at) WHERE archived = 1 OR deleted_at IS NOT NULL;
    `);
  },
};
