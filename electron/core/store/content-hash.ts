import { createHash } from 'node:crypto';
import type { Store } from './open';
import { open } from './secret-box';
import { secretsKeyOf } from './store-keys';
import { TYPED_TABLES } from './mappers/types';

// Columns that record when or in which run something was synced, not what was synced; a
// faulty-then-resumed sync and a clean one must hash the same.
const VOLATILE = new Set(['rowid', 'record_rowid', 'last_seen_run', 'content_hash']);

/**
 * sha256 over the synced content: live and deleted records (deletion as a flag, not its time),
 * typed tables, relations and a hash of each secret's plaintext, in a stable order.
 */
export function contentHash(store: Store): string {
  const db = store.db;
  const h = createHash('sha256');
  const feed = (label: string, rows: Record<string, unknown>[]): void => {
    h.update(`\n#${label}\n`);
    for (const row of rows) {
      const stable = Object.entries(row).filter(([k]) => !VOLATILE.has(k));
      h.update(JSON.stringify(stable, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      h.update('\n');
    }
  };
  feed(
    'records',
    db
      .prepare<[], Record<string, unknown>>(
        'SELECT type, itglue_id, org_id, name, body, attrs, url, updated_at, archived, deleted_at IS NOT NULL AS deleted FROM records ORDER BY type, itglue_id',
      )
      .all(),
  );
  for (const table of TYPED_TABLES) feed(table, db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY id`).all());
  feed('relations', db.prepare<[], Record<string, unknown>>('SELECT * FROM relations ORDER BY from_type, from_id, to_type, to_id, kind').all());
  const key = secretsKeyOf(store);
  const secrets = db
    .prepare<[], { password_id: number; iv: Buffer; tag: Buffer; ciphertext: Buffer }>('SELECT password_id, iv, tag, ciphertext FROM secrets ORDER BY password_id')
    .all()
    .map((s) => ({ password_id: s.password_id, value_sha256: createHash('sha256').update(open(key, s.password_id, s)).digest('hex') }));
  feed('secrets', secrets);
  return h.digest('hex');
}
