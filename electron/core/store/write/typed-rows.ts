// Rows of the typed tables (configurations, interfaces, passwords …) beside each record. The
// statements depend on the columns a mapper fills, so they are built on first use and cached.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqlValue, TypedTable } from '../mappers/types';

/** Whether `row` has exactly these own keys, in this order. */
function hasKeys(row: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in row) if (k !== keys[i++]) return false;
  return i === keys.length;
}

function safeColumns(table: TypedTable, columns: readonly string[]): void {
  // Column names come from our own mappers, never from IT Glue; checked anyway.
  if (!columns.every((c) => /^[a-z_0-9]+$/.test(c))) throw new Error(`bad column in ${table}`);
}

export function typedRows(db: Database.Database) {
  const upserts = new Map<string, Database.Statement<SqlValue[]>>();
  // A mapper builds every row of its table with the same keys in the same order, so the last
  // statement per table nearly always fits: checked key by key, which spares building and
  // hashing a cache key for every record.
  const lastUpsert = new Map<TypedTable, { columns: readonly string[]; stmt: Database.Statement<SqlValue[]> }>();
  const selects = new Map<TypedTable, Database.Statement<[number], Record<string, SqlValue>>>();
  const updates = new Map<string, Database.Statement<SqlValue[]>>();

  /** Inserts or replaces the typed row of a record. */
  function upsert(table: TypedTable, row: Record<string, SqlValue>, recordRowid: number): void {
    let last = lastUpsert.get(table);
    if (!last || !hasKeys(row, last.columns)) {
      const columns = Object.keys(row);
      const key = `${table}:${columns.join(',')}`;
      let stmt = upserts.get(key);
      if (!stmt) {
        safeColumns(table, columns);
        const all = ['record_rowid', ...columns];
        const sets = all.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
        stmt = db.prepare<SqlValue[]>(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT (id) DO UPDATE SET ${sets.join(', ')}`);
        upserts.set(key, stmt);
      }
      last = { columns, stmt };
      lastUpsert.set(table, last);
    }
    const values: SqlValue[] = [recordRowid];
    for (const c of last.columns) values.push(row[c] ?? null);
    last.stmt.run(...values);
  }

  /**
   * The typed row of a record that already existed: only the columns whose values differ are
   * written, so the lookup indexes over unchanged columns (hostname, IP, MAC, serial, org …)
   * are not rewritten on every content change.
   */
  function rewrite(table: TypedTable, row: { id: number } & Record<string, SqlValue>, recordRowid: number): void {
    let select = selects.get(table);
    if (!select) {
      select = db.prepare<[number], Record<string, SqlValue>>(`SELECT * FROM ${table} WHERE id = ?`);
      selects.set(table, select);
    }
    const current = select.get(row.id);
    if (!current) return upsert(table, row, recordRowid);
    const changed: string[] = [];
    const values: SqlValue[] = [];
    if (current.record_rowid !== recordRowid) {
      changed.push('record_rowid');
      values.push(recordRowid);
    }
    for (const [c, v] of Object.entries(row)) {
      if (c === 'id') continue;
      const value = v ?? null;
      if (current[c] !== value) {
        changed.push(c);
        values.push(value);
      }
    }
    if (changed.length === 0) return;
    const key = `${table}:${changed.join(',')}`;
    let stmt = updates.get(key);
    if (!stmt) {
      safeColumns(table, changed);
      stmt = db.prepare<SqlValue[]>(`UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
      updates.set(key, stmt);
    }
    stmt.run(...values, row.id);
  }

  return { upsert, rewrite };
}
