// Whole-store aggregates (counts per type, the organization list with its counts) take a few
// hundred ms on a 100k-record store and the app asks for them on every launch and view
// switch. They are kept until the records may have changed: another connection committed
// (SQLite's data_version moves) or this app's own sync wrote (it calls bump()).
import type Database from 'better-sqlite3-multiple-ciphers';

export interface StoreMemo {
  get<T>(key: string, db: Database.Database, compute: () => T): T;
  /** This process wrote records (its own writes do not move data_version). */
  bump(): void;
}

export function createStoreMemo(): StoreMemo {
  let own = 0;
  const cache = new WeakMap<Database.Database, Map<string, { version: string; value: unknown }>>();
  return {
    get<T>(key: string, db: Database.Database, compute: () => T): T {
      const version = `${String(db.pragma('data_version', { simple: true }))}:${own}`;
      const byKey = cache.get(db) ?? new Map<string, { version: string; value: unknown }>();
      cache.set(db, byKey);
      const hit = byKey.get(key);
      if (hit && hit.version === version) return hit.value as T;
      const value = compute();
      byKey.set(key, { version, value });
      return value;
    },
    bump: () => void own++,
  };
}
