import type { Migration } from '../migration';

/**
 * Inverted lists (IVF) for unscoped vector search at a million chunks. The bit scan over
 * chunk_signs reads every chunk and its recall falls with size (47 % recall@10 at 1M); here the
 * chunks are clustered into ~sqrt(N) lists by k-means on their float vectors, and a query reads
 * only its nearest lists (search/vector-lists.ts).
 *
 *  - ivf_generations: one row per set of lists. 'active' lists answer queries; 'building' lists
 *    are being filled (cursor = the chunk rowid through which every vector has been filed), so a
 *    retraining never leaves queries without lists and a cancelled pass resumes where it stopped.
 *    Lists are tied to the model whose vectors trained them. AUTOINCREMENT: a generation number
 *    (and so a list id) is never reused, so a cached set of centroids can never be stale.
 *  - ivf_groups / ivf_lists: the centroids (float32 blobs), two levels: a chunk is filed by its
 *    nearest groups first, then their lists. Ids are generation × 65536 + index.
 *  - ivf_entries: WITHOUT ROWID, keyed (list_id, chunk_rowid), so one list is one contiguous
 *    range of pages; `code` is the chunk's vector as int8 (scaled by its largest component), close
 *    enough to rank by cosine before the best few hundred are re-scored from chunk_floats.
 *
 * Kept in step with chunks: the vector writer files a new chunk in every generation; the trigger
 * removes a chunk's entries with it (also when a records row is deleted and the cascade removes
 * its chunks). Stores built before this migration get their lists on the next embedding pass.
 */
export const vectorLists: Migration = {
  version: 19,
  name: 'vector-lists',
  up(db) {
    db.exec(`
      CREATE TABLE ivf_generations (
        generation INTEGER PRIMARY KEY AUTOINCREMENT,
        model_id   TEXT NOT NULL,
        dim        INTEGER NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('building', 'active')),
        vectors    INTEGER NOT NULL,
        lists      INTEGER NOT NULL,
        cursor     INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE ivf_groups (
        group_id INTEGER PRIMARY KEY,
        centroid BLOB NOT NULL
      ) STRICT;

      CREATE TABLE ivf_lists (
        list_id  INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL,
        centroid BLOB NOT NULL
      ) STRICT;

      CREATE TABLE ivf_entries (
        list_id     INTEGER NOT NULL,
        chunk_rowid INTEGER NOT NULL,
        code        BLOB NOT NULL,
        PRIMARY KEY (list_id, chunk_rowid)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX ivf_entries_chunk ON ivf_entries (chunk_rowid);

      CREATE TRIGGER chunks_delete_ivf AFTER DELETE ON chunks BEGIN
        DELETE FROM ivf_entries WHERE chunk_rowid = old.rowid;
      END;
    `);
  },
};
