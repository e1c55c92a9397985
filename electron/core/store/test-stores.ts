// Test support (imports vitest; never import it from product code or benches).
import { afterEach } from 'vitest';
import type { OpenStoreOptions } from './open';
import { createTempStore, type TempStore } from './testing';

/** A maker of real SQLCipher temp stores, each removed after the test that made it. */
export function tempStores(): (options?: Partial<OpenStoreOptions>) => TempStore {
  const made: TempStore[] = [];
  afterEach(() => {
    for (const t of made.splice(0)) t.cleanup();
  });
  return (options) => {
    const t = createTempStore(options);
    made.push(t);
    return t;
  };
}

type Db = TempStore['store']['db'];
export interface CountRow {
  type: string;
  org_id: number;
  live: number;
  archived: number;
}

/** record_counts as kept (groups with live rows). */
export const keptCounts = (db: Db): CountRow[] =>
  db.prepare<[], CountRow>('SELECT type, org_id, live, archived FROM record_counts WHERE live > 0 ORDER BY type, org_id').all();

/** The same counts recomputed from records, to compare with keptCounts. */
export const actualCounts = (db: Db): CountRow[] =>
  db
    .prepare<[], CountRow>(
      'SELECT type, coalesce(org_id, 0) AS org_id, count(*) AS live, sum(archived) AS archived FROM records WHERE deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2',
    )
    .all();
