// Deletion sweep: the records of one type (and scope) that a full listing did not see are
// marked deleted, and their typed rows, relations and sealed values go with them.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../../shared/domain';
import { StoreError } from '../errors';
import { TYPED_TABLE_OF } from '../mappers/index';

export interface SweepOptions {
  /**
   * Records whose last_seen_run is this run id count as seen too, so a sync sweeping after
   * full listings passes no ids at all (a 100k-id set in JS cost megabytes of sync RSS).
   */
  seenInRun?: string;
}

/** The number of records marked deleted. Runs inside the caller's transaction. */
export function markDeletedExcept(db: Database.Database, type: RecordType, scope: string, seenIds: Iterable<string>, runId: string, at: string, options: SweepOptions): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS sweep_seen (id TEXT PRIMARY KEY) STRICT');
  db.exec('DELETE FROM temp.sweep_seen');
  const addSeen = db.prepare<[string]>('INSERT OR IGNORE INTO temp.sweep_seen (id) VALUES (?)');
  for (const id of seenIds) addSeen.run(id);
  let scopeSql = scope === '*' ? '' : 'AND org_id = ?';
  const params: (string | number)[] = [at, runId, type];
  if (scope !== '*') {
    if (!/^\d+$/.test(scope)) throw new StoreError('INVALID_INPUT', `Sweep scope must be an organization id or '*', got "${scope.slice(0, 40)}".`);
    params.push(Number(scope));
  }
  if (options.seenInRun !== undefined) {
    scopeSql += ' AND last_seen_run IS NOT ?';
    params.push(options.seenInRun);
  }
  const gone = db
    .prepare<(string | number)[], { rowid: number; itglue_id: string }>(
      `UPDATE records SET deleted_at = ?, last_seen_run = ? WHERE type = ? AND deleted_at IS NULL ${scopeSql}
       AND itglue_id NOT IN (SELECT id FROM temp.sweep_seen) RETURNING rowid, itglue_id`,
    )
    .all(...params);
  const table = TYPED_TABLE_OF[type];
  const dropTyped = db.prepare<[number, number]>(`DELETE FROM ${table} WHERE id = ? AND record_rowid = ?`);
  const dropSecret = db.prepare<[number]>('DELETE FROM secrets WHERE password_id = ?');
  const dropRelations = db.prepare<[string, string]>('DELETE FROM relations WHERE from_type = ? AND from_id = ?');
  for (const g of gone) {
    if (/^\d+$/.test(g.itglue_id)) dropTyped.run(Number(g.itglue_id), g.rowid);
    dropRelations.run(type, g.itglue_id);
    if (type === 'passwords' && /^\d+$/.test(g.itglue_id)) dropSecret.run(Number(g.itglue_id));
  }
  db.exec('DELETE FROM temp.sweep_seen');
  return gone.length;
}
