// Records whose details a door fetched on demand (sync/on-demand.ts; migration 0015). The
// on-demand write notes the record here in its own transaction; a running detail pass skips
// records noted during its run, and another process does not fetch the same version again.
import type Database from 'better-sqlite3-multiple-ciphers';

/** Notes older than this are dropped: their runs are long over. */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

export function noteDetailsFetched(db: Database.Database, kind: string, id: number, runId: string, updatedAt: string | null, now: Date = new Date()): void {
  db.prepare<[string, number, string, string | null, string]>(
    `INSERT INTO on_demand_details (kind, id, run_id, updated_at, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(kind, id) DO UPDATE SET run_id = excluded.run_id, updated_at = excluded.updated_at, fetched_at = excluded.fetched_at`,
  ).run(kind, id, runId, updatedAt, now.toISOString());
  db.prepare<[string]>('DELETE FROM on_demand_details WHERE fetched_at < ?').run(new Date(now.getTime() - KEEP_MS).toISOString());
}

/** Whether this version of the record (its updated-at) had its details fetched on demand. */
export function detailsFetchedFor(db: Database.Database, kind: string, id: number, updatedAt: string | null): boolean {
  return db.prepare<[string, number, string | null], { n: number }>('SELECT 1 AS n FROM on_demand_details WHERE kind = ? AND id = ? AND updated_at IS ?').get(kind, id, updatedAt) !== undefined;
}

/** For a detail pass: a lookup of the records fetched on demand during `runId` (one indexed probe per record). */
export function fetchedDuringRun(db: Database.Database, kind: string, runId: string): (id: number) => boolean {
  const stmt = db.prepare<[string, number, string], { n: number }>('SELECT 1 AS n FROM on_demand_details WHERE kind = ? AND id = ? AND run_id = ?');
  return (id) => stmt.get(kind, id, runId) !== undefined;
}
