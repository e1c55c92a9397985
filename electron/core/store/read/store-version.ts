// Values read once per store version: tenant-wide lists (asset types and fields, configuration
// types) and index statistics change only when the store does. The key changes with this
// connection's writes to the content (total_changes, less its own notes) and with any other
// connection's commits (data_version).
import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from './rows';

const notContent = new WeakMap<Database.Database, number>();

/**
 * Rows this connection wrote that no cached value is read from (the technician's org notes,
 * store/priority-orgs.ts): they leave the key as it was. Every org-scoped question notes its org,
 * and counting that write dropped every cache with it: at 1M records the org list and its match
 * index were rebuilt on the next question (tens of ms).
 */
export function wroteOutsideContent(db: Database.Database, rows: number): void {
  if (rows > 0) notContent.set(db, (notContent.get(db) ?? 0) + rows);
}

/** A key that changes whenever the store's content does. */
export function storeVersionKey(db: Database.Database): string {
  const v = prepared<[], { dv: number; tc: number }>(db, 'SELECT (SELECT data_version FROM pragma_data_version) AS dv, total_changes() AS tc').get();
  return v ? `${v.dv}:${v.tc - (notContent.get(db) ?? 0)}` : '';
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
