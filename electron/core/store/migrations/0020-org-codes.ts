import { z } from 'zod';
import type { Migration } from '../migration';
import { floatsOf, int8Code } from '../vector-code';

const row = z.object({ rowid: z.number(), org_id: z.number(), embedding: z.instanceof(Buffer) });

/**
 * Organization-scoped search by meaning reads the org's int8 codes, not sqlite-vec's partitions.
 *
 * vec0 kept each org's float vectors in ~1.5 MB blobs of 1,024; every insert rewrote into one
 * through its chain of overflow pages, and with thousands of orgs those chains no longer stayed
 * cached: filling a million vectors slowed below ~40 a second. org_codes is WITHOUT ROWID keyed
 * (org_id, chunk_rowid), so an org's codes are one contiguous range of pages (384 bytes each, a
 * quarter of its floats) and an insert is one b-tree insert; a scoped query ranks that range by
 * cosine in SQLite and re-scores the best few from chunk_floats (search/vectors.ts).
 *
 * chunk_bits (vec0 bit vectors) is dropped too: unscoped search has read chunk_signs and the
 * inverted lists since migrations 0003 and 0019, so nothing read it any more. Chunks without an
 * org (none are reachable by a scoped query) get no code.
 *
 * chunks_org counts an org's chunks cheaply: a client holding more of them than a query's
 * nearest inverted lists do is searched through those lists instead (search/vectors.ts).
 *
 * Kept in step with chunks: the vector writer inserts the code beside the chunk's other copies;
 * the trigger removes it with the chunk.
 */
export const orgCodes: Migration = {
  version: 20,
  name: 'org-codes',
  up(db) {
    db.exec(`
      CREATE TABLE org_codes (
        org_id      INTEGER NOT NULL,
        chunk_rowid INTEGER NOT NULL,
        code        BLOB NOT NULL,
        PRIMARY KEY (org_id, chunk_rowid)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX chunks_org ON chunks(org_id) WHERE org_id IS NOT NULL;

      CREATE TRIGGER chunks_delete_org_codes AFTER DELETE ON chunks WHEN old.org_id IS NOT NULL BEGIN
        DELETE FROM org_codes WHERE org_id = old.org_id AND chunk_rowid = old.rowid;
      END;
    `);
    const ins = db.prepare('INSERT INTO org_codes (org_id, chunk_rowid, code) VALUES (?, ?, ?)');
    // In pages: a statement cannot write while another still iterates.
    const page = db.prepare('SELECT c.rowid, c.org_id, f.embedding FROM chunks c JOIN chunk_floats f ON f.chunk_rowid = c.rowid WHERE c.rowid > ? AND c.org_id IS NOT NULL ORDER BY c.rowid LIMIT 4096');
    for (let after = 0; ; ) {
      const rows = page.all(after).map((raw) => row.parse(raw));
      if (rows.length === 0) break;
      for (const r of rows) ins.run(r.org_id, r.rowid, int8Code(floatsOf(r.embedding)));
      after = rows[rows.length - 1]!.rowid;
    }
    db.exec(`
      DROP TRIGGER chunks_delete_vectors;
      DROP TABLE chunk_vectors;
      DROP TABLE chunk_bits;
    `);
  },
};
