// What the store holds and what happened to it: counts, the last sync run, skipped records,
// size on disk, the audit log and meta values.
import { statSync } from 'node:fs';
import type { Door, RecordType } from '../../../../shared/domain';
import { RECORD_TYPES } from '../../../../shared/domain';
import { clampInt, isRecordType, type Db } from './rows';

export interface SyncRunView {
  id: string;
  kind: 'full' | 'incremental';
  startedAt: string;
  finishedAt: string | null;
  status: string;
  requests: number;
  warnings: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  door: Door;
  action: string;
  passwordId: number;
  orgId: number | null;
  name: string;
  /** revealed, or for an MCP request that was not granted: declined, cancelled, withheld. */
  outcome: string;
}

export function statusReads(db: Db, file: string) {
  return {
    /** Live records per type (archived included), every type present. */
    counts(): Record<RecordType, number> {
      const out = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Record<RecordType, number>;
      for (const row of db.prepare<[], { type: string; n: number }>('SELECT type, sum(live) AS n FROM record_counts GROUP BY type HAVING sum(live) > 0').all()) {
        if (isRecordType(row.type)) out[row.type] = row.n;
      }
      return out;
    },

    lastSync(): SyncRunView | null {
      const row = db
        .prepare<[], { id: string; kind: string; started_at: string; finished_at: string | null; status: string; requests: number; warnings: string }>(
          'SELECT * FROM sync_runs ORDER BY started_at DESC, rowid DESC LIMIT 1',
        )
        .get();
      if (!row) return null;
      const warnings: unknown = JSON.parse(row.warnings);
      return {
        id: row.id,
        kind: row.kind === 'incremental' ? 'incremental' : 'full',
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        status: row.status,
        requests: row.requests,
        warnings: Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [],
      };
    },

    skippedCount(): number {
      return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM skipped').get()?.n ?? 0;
    },

    /** The database file and its WAL, in bytes. */
    storeSizeBytes(): number {
      return ['', '-wal'].reduce((sum, suffix) => {
        try {
          return sum + statSync(file + suffix).size;
        } catch {
          return sum;
        }
      }, 0);
    },

    /** Newest first. */
    auditList(limit = 100): AuditEntry[] {
      return db
        .prepare<[number], { id: number; at: string; door: Door; action: string; password_id: number; org_id: number | null; name: string; outcome: string }>('SELECT * FROM audit ORDER BY id DESC LIMIT ?')
        .all(clampInt(limit, 1, 10_000))
        .map((a) => ({ id: a.id, at: a.at, door: a.door, action: a.action, passwordId: a.password_id, orgId: a.org_id, name: a.name, outcome: a.outcome }));
    },

    getMeta(key: string): string | null {
      return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;
    },
  };
}
