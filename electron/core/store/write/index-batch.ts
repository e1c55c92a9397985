// The FTS index and record_counts upkeep of a batch of applied pages (the sync's group commit).
// docs/store-write-path.md has the measurements behind each choice.
import type Database from 'better-sqlite3-multiple-ciphers';

export function indexBatch(db: Database.Database) {
  // Migrations 0001, 0006: the update triggers are off for the batch (inserts have none); at
  // its end the old text of rewritten rows leaves the index and every new or rewritten row
  // enters it with one INSERT … SELECT. Once, not per page or row: FTS5 writes its pending
  // terms as a new segment whenever a later statement opens a savepoint, and merging a segment
  // per page was a large share of ingest.
  const deferFts = db.prepare('INSERT OR IGNORE INTO fts_deferred (id) VALUES (1)');
  const resumeFts = db.prepare('DELETE FROM fts_deferred');
  const ftsDelete = db.prepare<[number, string, string]>("INSERT INTO records_fts(records_fts, rowid, name, body) VALUES ('delete', ?, ?, ?)");
  const ftsFill = db.prepare<[string]>(
    'INSERT INTO records_fts(rowid, name, body) SELECT rowid, name, body FROM records WHERE rowid IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL',
  );
  const addCounts = db.prepare<[string, number, number, number]>(
    `INSERT INTO record_counts (type, org_id, live, archived) VALUES (?, ?, ?, ?)
     ON CONFLICT (type, org_id) DO UPDATE SET live = live + excluded.live, archived = archived + excluded.archived`,
  );

  /** Rows of the current batch whose text must (re-)enter the index at its end. */
  const pending = new Set<number>();
  /**
   * The indexed text of rows the batch rewrites, taken out of the index at its end too: a
   * 'delete' queued in FTS5 would be written as a segment of its own by the next statement that
   * opens a savepoint (any UPDATE of records, which has triggers), one segment per record.
   */
  const stale: [rowid: number, name: string, body: string][] = [];
  /**
   * record_counts for rows this batch inserts (migrations 0005, 0006: inserts have no trigger),
   * added at its end; an update trigger on such a row meanwhile (a resource twice, moved or
   * archived) adds its own deltas, which sum with these. type → organization id (0 for none) →
   * counts, nested so no key string is built per record.
   */
  const inserted = new Map<string, Map<number, { live: number; archived: number }>>();

  return {
    pending,
    stale,

    countInserted(type: string, orgId: number | null, archived: boolean): void {
      let byOrg = inserted.get(type);
      if (!byOrg) inserted.set(type, (byOrg = new Map()));
      let c = byOrg.get(orgId ?? 0);
      if (!c) byOrg.set(orgId ?? 0, (c = { live: 0, archived: 0 }));
      c.live++;
      if (archived) c.archived++;
    },

    begin(): void {
      pending.clear();
      stale.length = 0;
      inserted.clear();
      deferFts.run();
    },

    /** The batch's index upkeep; the FTS changes last, so only the commit flushes them. */
    finish(): void {
      for (const [type, byOrg] of inserted) for (const [orgId, c] of byOrg) addCounts.run(type, orgId, c.live, c.archived);
      inserted.clear();
      resumeFts.run();
      for (const [rowid, name, body] of stale) ftsDelete.run(rowid, name, body);
      stale.length = 0;
      if (pending.size > 0) ftsFill.run(JSON.stringify([...pending]));
      pending.clear();
    },
  };
}
