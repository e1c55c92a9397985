// "Priority orgs": the organizations a technician is working on right now. Every door notes one
// through `noteOrgInterest` (the app when an org is opened or a record of it shown, an answer
// scoped to an org, an MCP tool given an org, a pin); the sync's detail passes read
// `priorityOrgIds` while they run and fetch those orgs' pending details first.
import type Database from 'better-sqlite3-multiple-ciphers';
import { isBusy, sqliteCode, StoreError } from './errors';
import { wroteOutsideContent } from './read/store-version';

export type OrgInterest = 'opened' | 'asked' | 'pinned';

/** How long an opened or asked-about org stays ahead of the queue; a pin stays until unpinned. */
export const INTEREST_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * A repeated note within this time is not written again: every write moves the store's version,
 * which makes the per-version caches (org list, quick switcher) rebuild on the next read.
 */
const RENOTE_MS = 5 * 60_000;
/** Orgs kept ahead at once besides pins: the few a technician juggles, not every org browsed today. */
const MAX_RECENT = 8;

interface Row {
  org_id: number;
  reason: OrgInterest;
  noted_at: string;
  pinned: number;
}

/**
 * Runs one note write, best effort by design: a read-only or busy store (another process is
 * syncing) never fails the read or command that asked; false then, and the next note retries.
 */
function bestEffort(db: Database.Database, orgId: number, write: () => boolean): boolean {
  if (!Number.isSafeInteger(orgId) || orgId <= 0) throw new StoreError('INVALID_INPUT', `Organization id must be a positive integer (got ${String(orgId)}).`);
  if (db.readonly) return false;
  try {
    return write();
  } catch (e) {
    if (isBusy(e) || (sqliteCode(e) ?? '').startsWith('SQLITE_READONLY')) return false;
    throw e;
  }
}

/** Notes that the technician is working on `orgId`; false when not written (see bestEffort, or noted moments ago). */
export function noteOrgInterest(db: Database.Database, orgId: number, reason: OrgInterest, now: Date = new Date()): boolean {
  return bestEffort(db, orgId, () => {
    const row = db.prepare<[number], Row>('SELECT org_id, reason, noted_at, pinned FROM priority_orgs WHERE org_id = ?').get(orgId);
    const at = now.toISOString();
    if (reason !== 'pinned' && row && now.getTime() - Date.parse(row.noted_at) < RENOTE_MS) return false;
    const noted = db
      .prepare<[number, string, string, number]>(
        `INSERT INTO priority_orgs (org_id, reason, noted_at, pinned) VALUES (?, ?, ?, ?)
       ON CONFLICT(org_id) DO UPDATE SET reason = excluded.reason, noted_at = excluded.noted_at, pinned = max(pinned, excluded.pinned)`,
      )
      .run(orgId, reason, at, reason === 'pinned' ? 1 : 0);
    // Old notes go, so the table stays a handful of rows.
    const dropped = db.prepare<[string]>('DELETE FROM priority_orgs WHERE pinned = 0 AND noted_at < ?').run(new Date(now.getTime() - INTEREST_TTL_MS).toISOString());
    wroteOutsideContent(db, noted.changes + dropped.changes);
    return true;
  });
}

/**
 * Pins or unpins an org: what `glue pin [--remove]` and the app's pin button both do. An unpinned
 * org stays ahead as long as an ordinary note would. False when the store could not take it.
 */
export function setOrgPinned(db: Database.Database, orgId: number, pinned: boolean, now: Date = new Date()): boolean {
  if (pinned) return noteOrgInterest(db, orgId, 'pinned', now);
  return bestEffort(db, orgId, () => {
    wroteOutsideContent(db, db.prepare<[number]>('UPDATE priority_orgs SET pinned = 0 WHERE org_id = ?').run(orgId).changes);
    return true;
  });
}

/** Pinned org ids (the app marks them in its list). */
export function pinnedOrgIds(db: Database.Database): Set<number> {
  return new Set(db.prepare<[], { org_id: number }>('SELECT org_id FROM priority_orgs WHERE pinned = 1').all().map((r) => r.org_id));
}

/** Org ids whose details go first, most recently noted first; pins always, other notes while recent. */
export function priorityOrgIds(db: Database.Database, now: Date = new Date()): number[] {
  const since = new Date(now.getTime() - INTEREST_TTL_MS).toISOString();
  const rows = db.prepare<[string], Row>('SELECT org_id, reason, noted_at, pinned FROM priority_orgs WHERE pinned = 1 OR noted_at >= ? ORDER BY noted_at DESC, org_id').all(since);
  const out: number[] = [];
  let recent = 0;
  for (const r of rows) {
    if (r.pinned === 0 && ++recent > MAX_RECENT) continue;
    out.push(r.org_id);
  }
  return out;
}
