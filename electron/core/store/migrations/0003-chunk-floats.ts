import type { Migration } from '../migration';

/**
 * A plain copy of each chunk's float vector, keyed by the chunk rowid, for re-scoring the
 * unscoped bit-scan candidates. vec0 keeps its float vectors in ~1.5 MB blobs of 1024 vectors;
 * reading one vector out of such a blob in the encrypted file walks its overflow pages
 * (~0.75 ms each), which made 100 re-scores cost ~75 ms. Here one vector (1,536 bytes) sits
 * inside one b-tree page, so a point lookup is one page read.
 *
 * chunk_signs holds the same vectors binary-quantized (48 bytes at 384-d) in a plain table for
 * the unscoped coarse scan: vec0's own bit KNN costs grow with k (measured at 100k: k=100 29 ms,
 * k=600 254 ms, k=1000 563 ms), while `ORDER BY vec_distance_hamming … LIMIT k` over this table
 * stays flat (28/33/36 ms, same load), and recall needs several hundred candidates.
 *
 * Kept in step with chunks: the writer inserts both next to the vec0 rows; the trigger removes
 * them with the chunk (also when a records row is deleted and the cascade removes its chunks).
 */
export const chunkFloats: Migration = {
  version: 3,
  name: 'chunk-floats',
  up(db) {
    db.exec(`
      CREATE TABLE chunk_floats (
        chunk_rowid INTEGER PRIMARY KEY,
        embedding   BLOB NOT NULL
      ) STRICT;

      CREATE TABLE chunk_signs (
        chunk_rowid INTEGER PRIMARY KEY,
        bits        BLOB NOT NULL
      ) STRICT;

      CREATE TRIGGER chunks_delete_floats AFTER DELETE ON chunks BEGIN
        DELETE FROM chunk_floats WHERE chunk_rowid = old.rowid;
        DELETE FROM chunk_signs WHERE chunk_rowid = old.rowid;
      END;

      INSERT INTO chunk_floats (chunk_rowid, embedding)
        SELECT v.rowid, v.embedding FROM chunk_vectors v JOIN chunks c ON c.rowid = v.rowid;
      INSERT INTO chunk_signs (chunk_rowid, bits)
        SELECT chunk_rowid, vec_quantize_binary(embedding) FROM chunk_floats;
    `);
  },
};
