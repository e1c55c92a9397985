import { normalizeMac } from '../../identifiers/index';
import type { Migration } from '../migration';

// MACs in the macOS form with single-digit groups ("0:9:f:8c:42:10") were stored unkeyed
// (mac NULL): the old normaliser took only full two-digit groups, so exact lookups missed them
// while ask's parser read them. The normaliser now reads every notation the parser does; this
// keys the rows stored before, from the stored attributes, without waiting for IT Glue to
// change each record. Rows whose value is still no MAC stay NULL.
function rekey(db: Parameters<Migration['up']>[0], table: 'configurations' | 'interfaces'): void {
  const rows = db
    .prepare<[], { id: number; raw: unknown }>(
      `SELECT t.id, json_extract(r.attrs, '$."mac-address"') AS raw FROM ${table} t JOIN records r ON r.rowid = t.record_rowid
        WHERE t.mac IS NULL AND json_extract(r.attrs, '$."mac-address"') IS NOT NULL`,
    )
    .all();
  const update = db.prepare<[string, number]>(`UPDATE ${table} SET mac = ? WHERE id = ?`);
  for (const row of rows) {
    const mac = typeof row.raw === 'string' ? normalizeMac(row.raw) : null;
    if (mac) update.run(mac, row.id);
  }
}

export const shortMacs: Migration = {
  version: 8,
  name: 'short-macs',
  up(db) {
    rekey(db, 'configurations');
    rekey(db, 'interfaces');
  },
};
