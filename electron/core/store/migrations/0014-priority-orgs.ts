import type { Migration } from '../migration';

// The organizations a technician is working on (opened in the app, asked about, named to an MCP
// tool, pinned): the detail passes fetch their pending details first (store/priority-orgs.ts).
// A table, not a meta row, so a door's note is one small upsert that never rewrites another's.
export const priorityOrgs: Migration = {
  version: 14,
  name: 'priority-orgs',
  up(db) {
    db.exec(`
      CREATE TABLE priority_orgs (
        org_id   INTEGER PRIMARY KEY,
        reason   TEXT NOT NULL CHECK (reason IN ('opened', 'asked', 'pinned')),
        noted_at TEXT NOT NULL,
        pinned   INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
  },
};
