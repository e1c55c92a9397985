import type { Migration } from '../migration';

/**
 * The two vec0 tables of the first vector index (both dropped by migration 0020). Their rowid is
 * the chunk rowid.
 *  - chunk_vectors: float vectors, partitioned by org so a scoped query reads one org's pages.
 *  - chunk_bits: the same vectors binary-quantized. In an encrypted file a full float scan is
 *    bound by page decryption (~780 ms at 100k); the bit scan is ~10 ms, and its top k×10 are
 *    re-scored with the float vectors.
 */
const VECTOR_TABLES = `
  CREATE VIRTUAL TABLE chunk_vectors USING vec0(org_id integer partition key, embedding float[384] distance_metric=cosine);
  CREATE VIRTUAL TABLE chunk_bits USING vec0(embedding bit[384]);
`;

export const vectors: Migration = {
  version: 2,
  name: 'vectors',
  up(db) {
    // source_hash (beyond the brief's columns): hash of the record's content_hash, org and org
    // name at embedding time, so a renamed org or a moved record is re-chunked too (the org name
    // is part of every chunk's text). text_hash identifies the chunk text itself.
    db.exec(`
      CREATE TABLE chunks (
        rowid        INTEGER PRIMARY KEY,
        record_rowid INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        org_id       INTEGER,
        text_hash    TEXT NOT NULL,
        source_hash  TEXT NOT NULL,
        model_id     TEXT NOT NULL,
        UNIQUE(record_rowid, seq)
      ) STRICT;

      CREATE TABLE embedding_meta (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        model_id TEXT NOT NULL,
        dim      INTEGER NOT NULL
      ) STRICT;

      -- Virtual tables take no part in foreign keys: this keeps them in step with chunks, also
      -- when a records row is deleted and the cascade removes its chunks.
      CREATE TRIGGER chunks_delete_vectors AFTER DELETE ON chunks BEGIN
        DELETE FROM chunk_vectors WHERE rowid = old.rowid;
        DELETE FROM chunk_bits WHERE rowid = old.rowid;
      END;
    `);
    db.exec(VECTOR_TABLES);
  },
};
