import type { Migration } from '../migration';

// Every decision about a password value is audited (issue #19), not only the reveals: an MCP
// request the user declined or cancelled in the approval prompt, or one withheld because
// values over MCP are off, is a row too, with its outcome. Rows written before were reveals.
export const auditOutcome: Migration = {
  version: 10,
  name: 'audit-outcome',
  up(db) {
    db.exec("ALTER TABLE audit ADD COLUMN outcome TEXT NOT NULL DEFAULT 'revealed' CHECK (outcome IN ('revealed', 'declined', 'cancelled', 'withheld'))");
  },
};
