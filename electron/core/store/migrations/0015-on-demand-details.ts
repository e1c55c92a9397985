import type { Migration } from '../migration';

// Details a door fetched for one record on demand (sync/on-demand.ts), per detail pass kind: the
// run that was active then (a running pass skips records fetched during its own run) and the
// record's updated-at then (another process does not fetch the same version again). A handful
// of rows: records a technician opened while their details were pending.
export const onDemandDetails: Migration = {
  version: 15,
  name: 'on-demand-details',
  up(db) {
    db.exec(`
      CREATE TABLE on_demand_details (
        kind       TEXT NOT NULL,
        id         INTEGER NOT NULL,
        run_id     TEXT NOT NULL,
        updated_at TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
