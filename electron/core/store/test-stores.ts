// Test support (imports vitest; never import it from product code or benches).
import { afterEach } from 'vitest';
import type { RecordType } from '../../../shared/domain';
import type { OpenStoreOptions, Store } from './open';
import { createTempStore, type TempStore } from './testing';
import { createWriter, type StoreWriter } from './writer';

/** `make`, with everything it made in a test disposed of after that test. */
export function madePerTest<A extends unknown[], T>(make: (...args: A) => T, dispose: (made: T) => void): (...args: A) => T {
  const made: T[] = [];
  afterEach(() => {
    for (const t of made.splice(0)) dispose(t);
  });
  return (...args) => {
    const t = make(...args);
    made.push(t);
    return t;
  };
}

/** A maker of real SQLCipher temp stores, each removed after the test that made it. */
export const tempStores = (): ((options?: Partial<OpenStoreOptions>) => TempStore) => madePerTest((options?: Partial<OpenStoreOptions>) => createTempStore(options), (t) => t.cleanup());

/** Writes these pages into the store in one full run, as a sync writes its listings. */
export function writePages(store: Store, pages: readonly { type: RecordType; resources: readonly unknown[] }[]): void {
  const w = createWriter(store);
  const runId = w.startRun('full');
  for (const page of pages) w.applyPage({ ...page, runId });
}

/** Typed columns added after the first schema that today's writer fills. */
const LATER_TYPED_COLUMNS = [{ table: 'configurations', column: 'url', sql: 'url TEXT' }] as const;

/**
 * Today's writer on a store left at an older version, which the migration tests use to lay down
 * realistic rows: the typed columns later migrations add are added empty first, since the
 * writer knows only today's schema. The store must not be migrated past them afterwards.
 */
export function oldStoreWriter(store: Store): StoreWriter {
  for (const { table, column, sql } of LATER_TYPED_COLUMNS) {
    const has = store.db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM pragma_table_info(?) WHERE name = ?').get(table, column);
    if (has?.n === 0) store.db.exec(`ALTER TABLE ${table} ADD COLUMN ${sql}`);
  }
  return createWriter(store);
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
