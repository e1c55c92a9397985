// Values read once per store version: tenant-wide lists (asset types and fields, configuration
// types) and index statistics change only when the store does. The key changes with this
// connection's writes (total_changes) and with any other connection's commits (data_version).
import type Database from 'better-sqlite3-multiple-ciphers';

const statements = new WeakMap<Database.Database, Database.Statement<[], { v: string }>>();

/** A key that changes whenever the store does. */
export function storeVersionKey(db: Database.Database): string {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = db.prepare("SELECT (SELECT data_version FROM pragma_data_version) || ':' || total_changes() AS v");
    statements.set(db, stmt);
  }
  return stmt.get()?.v ?? '';
}

/** One cache per (connection, name): `compute` runs again only after the store changed. */
export function perStoreVersion<T>(cache: WeakMap<Database.Database, { key: string; value: T }>, db: Database.Database, compute: () => T): T {
  const key = storeVersionKey(db);
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.value;
  const value = compute();
  cache.set(db, { key, value });
  return value;
}
