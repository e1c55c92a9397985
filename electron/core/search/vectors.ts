import type Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';
import { floatsOf, int8Code } from '../store/vector-code';
import type { CommitHooks } from '../store/checkpointer';
import { chunkRecord, type Chunk } from './chunker';
import { EmbedError, type Embedder } from './embedder';
import { activeLists, DEFAULT_PROBES, dropLists, listNeighbours, listWriter, LISTS_OVERSAMPLE, maintainLists, type ListsProgress } from './vector-lists';

type Db = Database.Database;

/** Bumped when chunking changes, so every record is re-chunked and re-embedded once. */
const CHUNKER_VERSION = 'c1';
/** Candidates a query may widen to. */
const MAX_K = 4096;
/**
 * Bit-scan candidates per wanted result for unscoped search in a store without lists,
 * re-scored with their float vectors. On the bench's clustered 384-d set at 100k
 * (bench/embeddings.bench.ts) recall@10 against the exact scan was 52 % at ×10, 76 % at ×30,
 * 90 % at ×60 and 99 % at ×100. With lists, candidates are ranked by int8 codes, far closer to
 * the exact order than sign bits: LISTS_OVERSAMPLE (vector-lists.ts).
 */
export const DEFAULT_OVERSAMPLE = 60;

export interface EmbedProgress {
  /** Records embedded so far in this run, of `total` that needed it. */
  done: number;
  total: number;
  chunks: number;
  chunksPerSecond: number;
  /** While the inverted lists for unscoped search are (re)built after the embedding: vectors filed so far. */
  lists?: ListsProgress;
}

export interface UpdateOptions {
  onProgress?: (p: EmbedProgress) => void;
  signal?: AbortSignal;
  /** Chunks per embed call and per write transaction. */
  batchSize?: number;
  /** Vectors before the store gets inverted lists (vector-lists.ts; tests lower it). */
  listsFrom?: number;
  /** Lists to train (tests; default ~sqrt of the vectors). */
  lists?: number;
  /**
   * A background checkpointer's hooks (store/checkpointer.ts) for the pass's commits: with
   * SQLite's automatic checkpoint, the commit that crossed its threshold also copied the WAL on
   * this thread, holding it ~250–350 ms at a time while the lists of a 1M-vector store filed.
   */
  checkpoints?: CommitHooks;
}

export interface UpdateStats {
  modelId: string;
  /** True when stored vectors came from another model and were all dropped first. */
  rebuilt: boolean;
  /** Records whose chunks were (re)written. */
  embeddedRecords: number;
  /** Chunks that went through the model. */
  embeddedChunks: number;
  /** Chunks of changed records whose text was unchanged: their stored vector was kept. */
  reusedChunks: number;
  removedRecords: number;
  /** Inverted lists answering unscoped search after this pass (null: the store has too few vectors), and whether this pass trained them. */
  lists: number | null;
  listsTrained: boolean;
}

const metaRow = z.object({ model_id: z.string(), dim: z.number() });
const workRow = z.object({
  rowid: z.number(),
  type: z.string(),
  org_id: z.number().nullable(),
  name: z.string(),
  content_hash: z.string(),
  org_name: z.string().nullable(),
});
type WorkRow = z.infer<typeof workRow>;
const hashRow = z.object({ record_rowid: z.number(), source_hash: z.string() });
const bodyRow = z.object({ body: z.string(), content_hash: z.string(), deleted_at: z.string().nullable() });
const countRow = z.object({ n: z.number() });
const storedRow = z.object({ text_hash: z.string(), embedding: z.instanceof(Buffer) });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const blob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

function sourceHash(r: WorkRow, modelId: string): string {
  return sha256(`${CHUNKER_VERSION}\u0000${modelId}\u0000${r.content_hash}\u0000${r.org_id ?? ''}\u0000${r.org_name ?? ''}`);
}

export function embeddingMeta(db: Db): { modelId: string; dim: number } | null {
  const row = db.prepare('SELECT model_id, dim FROM embedding_meta WHERE id = 1').get();
  if (row === undefined) return null;
  const m = metaRow.parse(row);
  return { modelId: m.model_id, dim: m.dim };
}

/** Vectors of two models never share an index: on a model change everything is dropped. */
function ensureModel(db: Db, modelId: string, dim: number): boolean {
  const meta = embeddingMeta(db);
  if (meta && meta.modelId === modelId && meta.dim === dim) return false;
  db.transaction(() => {
    // Empty the vector tables and the lists first so the delete triggers on chunks find nothing to do.
    db.exec('DELETE FROM chunk_floats; DELETE FROM chunk_signs; DELETE FROM org_codes;');
    dropLists(db);
    db.prepare('DELETE FROM chunks').run();
    db.prepare('INSERT INTO embedding_meta (id, model_id, dim) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET model_id = excluded.model_id, dim = excluded.dim').run(modelId, dim);
  }).immediate();
  return meta !== null;
}

function removeGone(db: Db): number {
  return db.transaction(() => {
    const n = countRow.parse(
      db.prepare('SELECT count(DISTINCT record_rowid) AS n FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.rowid = c.record_rowid AND r.deleted_at IS NULL)').get(),
    ).n;
    db.prepare('DELETE FROM chunks WHERE record_rowid NOT IN (SELECT rowid FROM records WHERE deleted_at IS NULL)').run();
    return n;
  }).immediate();
}

function staleRecords(db: Db, modelId: string): { row: WorkRow; hash: string }[] {
  const stored = new Map<number, string>();
  for (const raw of db.prepare('SELECT record_rowid, source_hash FROM chunks WHERE seq = 0').all()) {
    const r = hashRow.parse(raw);
    stored.set(r.record_rowid, r.source_hash);
  }
  const out: { row: WorkRow; hash: string }[] = [];
  const rows = db
    .prepare(
      `SELECT r.rowid, r.type, r.org_id, r.name, r.content_hash, o.name AS org_name
       FROM records r
       LEFT JOIN records o ON o.type = 'organizations' AND o.itglue_id = CAST(r.org_id AS TEXT) AND o.deleted_at IS NULL
       WHERE r.deleted_at IS NULL
       ORDER BY r.rowid`,
    )
    .all();
  for (const raw of rows) {
    const row = workRow.parse(raw);
    const hash = sourceHash(row, modelId);
    if (stored.get(row.rowid) !== hash) out.push({ row, hash });
  }
  return out;
}

interface Pending {
  row: WorkRow;
  hash: string;
  contentHash: string;
  chunks: (Chunk & { textHash: string })[];
  /** Per chunk: the stored vector to keep, or null when the text is new and must be embedded. */
  kept: (Buffer | null)[];
}

/**
 * Brings the vectors in line with `records`: embeds records that are new or changed (content,
 * org, org name or model), removes vectors of deleted records. Inference runs outside any
 * transaction; each batch is written in one short transaction, so sync and search are never
 * blocked for long, and a cancelled run keeps what it finished.
 */
/**
 * Writes one chunk's vector to the tables that hold it (plain floats for re-scoring, signs for
 * the flat coarse scan, its org's int8 codes for scoped search, and its inverted list once the
 * store has lists), which must stay in step.
 */
export function vectorWriter(db: Db): (chunkRowid: bigint, orgId: bigint | null, vector: Float32Array | Buffer) => void {
  const meta = embeddingMeta(db);
  const fileVector = meta ? listWriter(db, meta.modelId, meta.dim) : null;
  const insFloats = db.prepare('INSERT INTO chunk_floats (chunk_rowid, embedding) VALUES (?, ?)');
  const insSigns = db.prepare('INSERT INTO chunk_signs (chunk_rowid, bits) VALUES (?, vec_quantize_binary(?))');
  const insCode = db.prepare('INSERT INTO org_codes (org_id, chunk_rowid, code) VALUES (?, ?, ?)');
  return (chunkRowid, orgId, vector) => {
    const floats = vector instanceof Float32Array ? vector : floatsOf(vector);
    insFloats.run(chunkRowid, vector);
    insSigns.run(chunkRowid, vector);
    if (orgId !== null) insCode.run(orgId, chunkRowid, int8Code(floats));
    if (fileVector) fileVector(chunkRowid, floats);
  };
}

export async function updateEmbeddings(db: Db, embedder: Embedder, opts: UpdateOptions = {}): Promise<Result<UpdateStats>> {
  const { id: modelId, dim, state } = embedder.info;
  if (state === 'missing') return err('NOT_FOUND', 'No embedding model installed. Run `glue model download`; keyword search works meanwhile.');
  const batchSize = Math.max(1, opts.batchSize ?? 64);
  const rebuilt = ensureModel(db, modelId, dim);
  const removedRecords = removeGone(db);
  const work = staleRecords(db, modelId);
  const stats: UpdateStats = { modelId, rebuilt, embeddedRecords: 0, embeddedChunks: 0, reusedChunks: 0, removedRecords, lists: null, listsTrained: false };
  const t0 = performance.now();
  const report = (lists?: ListsProgress) =>
    opts.onProgress?.({
      done: stats.embeddedRecords,
      total: work.length,
      chunks: stats.embeddedChunks,
      chunksPerSecond: stats.embeddedChunks / Math.max((performance.now() - t0) / 1000, 1e-3),
      ...(lists ? { lists } : {}),
    });
  report();

  const getBody = db.prepare('SELECT body, content_hash, deleted_at FROM records WHERE rowid = ?');
  const delChunks = db.prepare('DELETE FROM chunks WHERE record_rowid = ?');
  const insChunk = db.prepare('INSERT INTO chunks (record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, ?, ?, ?, ?, ?)');
  const writeVector = vectorWriter(db);
  // Vectors of the record's current chunks by text: an edit to one part of a long document
  // re-embeds only the chunks whose text changed.
  const stored = db.prepare('SELECT c.text_hash, f.embedding FROM chunks c JOIN chunk_floats f ON f.chunk_rowid = c.rowid WHERE c.record_rowid = ? AND c.model_id = ?');

  const write = db.transaction((batch: Pending[], vectors: Float32Array[]) => {
    let i = 0;
    for (const p of batch) {
      const vs = p.kept.map((k) => k ?? blob(vectors[i++]!));
      // A sync may have changed or deleted the record while we embedded: leave it to the next run.
      const now = getBody.get(p.row.rowid);
      const current = now === undefined ? null : bodyRow.parse(now);
      if (!current || current.deleted_at !== null || current.content_hash !== p.contentHash) continue;
      // Rewritten whole (the kept vectors were read above), so seq, org partition and the three
      // vector tables can never disagree.
      delChunks.run(p.row.rowid);
      const org = p.row.org_id === null ? null : BigInt(p.row.org_id);
      p.chunks.forEach((c, j) => {
        const id = BigInt(insChunk.run(p.row.rowid, c.seq, p.row.org_id, c.textHash, p.hash, modelId).lastInsertRowid);
        writeVector(id, org, vs[j]!);
      });
      const reused = p.kept.filter((k) => k !== null).length;
      stats.embeddedRecords++;
      stats.embeddedChunks += p.chunks.length - reused;
      stats.reusedChunks += reused;
    }
  });

  let batch: Pending[] = [];
  let batchChunks = 0;
  const flush = async (): Promise<Result<void>> => {
    if (batch.length === 0) return ok(undefined);
    const texts = batch.flatMap((p) => p.chunks.filter((_, j) => p.kept[j] === null).map((c) => c.text));
    let vectors: Float32Array[] = [];
    try {
      if (texts.length > 0) vectors = await embedder.embed(texts, opts.signal);
    } catch (e) {
      if (e instanceof EmbedError) return err(e.code, e.message);
      return err('INTERNAL', `Embedding failed: ${(e as Error).message}`);
    }
    if (vectors.length !== texts.length || vectors.some((v) => v.length !== dim)) return err('INTERNAL', `The model returned vectors of the wrong shape; expected ${texts.length}×${dim}.`);
    await opts.checkpoints?.ready();
    write.immediate(batch, vectors);
    opts.checkpoints?.nudge();
    batch = [];
    batchChunks = 0;
    report();
    return ok(undefined);
  };

  for (const { row, hash } of work) {
    if (opts.signal?.aborted) return err('CANCELLED', 'Embedding cancelled; finished batches are kept and the rest resumes next time.');
    const raw = getBody.get(row.rowid);
    if (raw === undefined) continue;
    const current = bodyRow.parse(raw);
    if (current.deleted_at !== null) continue;
    const chunks = chunkRecord({ type: row.type, name: row.name, body: current.body, orgName: row.org_name }).map((c) => ({ ...c, textHash: sha256(c.text) }));
    const have = new Map<string, Buffer>();
    for (const r of stored.all(row.rowid, modelId)) {
      const s = storedRow.parse(r);
      if (s.embedding.byteLength === dim * 4) have.set(s.text_hash, s.embedding);
    }
    const kept = chunks.map((c) => have.get(c.textHash) ?? null);
    batch.push({ row, hash, contentHash: current.content_hash, chunks, kept });
    batchChunks += kept.filter((k) => k === null).length;
    // Records whose chunks are all kept cost no inference but still a write: bound the transaction.
    if (batchChunks >= batchSize || batch.length >= batchSize * 4) {
      const r = await flush();
      if (!r.ok) return r;
    }
  }
  const r = await flush();
  if (!r.ok) return r;
  // Unscoped search reads the inverted lists once the store is large enough to have them.
  const lists = await maintainLists(db, { modelId, dim }, {
    signal: opts.signal,
    minVectors: opts.listsFrom,
    lists: opts.lists,
    onProgress: report,
    checkpoints: opts.checkpoints,
  });
  if (!lists.ok) return lists.cancelled ? err('CANCELLED', 'Embedding cancelled; finished batches are kept and the rest resumes next time.') : err('INTERNAL', lists.message);
  stats.lists = lists.lists;
  stats.listsTrained = lists.trained;
  return ok(stats);
}

export interface VectorHit {
  recordRowid: number;
  /** Cosine distance of the record's best chunk (0 = same direction, 2 = opposite). */
  distance: number;
  /** seq of that best chunk inside the record. */
  seq: number;
}

export interface VectorSearchOptions {
  k: number;
  /** Only this organization's records (reads that org's codes only). */
  orgId?: number;
  /** When given and the stored vectors are another model's, nothing is returned. */
  modelId?: string;
  /** Coarse candidates per wanted result for unscoped search. */
  oversample?: number;
  /** Inverted lists read by unscoped search when the store has them (DEFAULT_PROBES). */
  probes?: number;
}

const knnRow = z.object({ chunk: z.number(), record_rowid: z.number(), seq: z.number(), distance: z.number() });

function bestPerRecord(rows: { record_rowid: number; seq: number; distance: number; chunk: number }[], k: number): VectorHit[] {
  const best = new Map<number, VectorHit & { chunk: number }>();
  for (const r of rows) {
    const cur = best.get(r.record_rowid);
    if (!cur || r.distance < cur.distance || (r.distance === cur.distance && r.chunk < cur.chunk)) {
      best.set(r.record_rowid, { recordRowid: r.record_rowid, distance: r.distance, seq: r.seq, chunk: r.chunk });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.distance - b.distance || a.recordRowid - b.recordRowid)
    .slice(0, k)
    .map(({ recordRowid, distance, seq }) => ({ recordRowid, distance, seq }));
}

/** An org's chunks, counted up to `cap` (from chunks_org: a few bytes a chunk). */
function orgChunks(db: Db, orgId: number, cap: number): number {
  return countRow.parse(db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM chunks WHERE org_id = ? LIMIT ?)').get(orgId, cap)).n;
}

/**
 * Nearest records to `query` (best chunk per record, deleted records never returned), ordered
 * by distance then record rowid. Scoped: the int8 codes of the org's chunks pick k×oversample
 * chunks (all of them in an org that small: an exact KNN); a client holding more chunks than
 * the `probes` nearest lists do is read from those lists, its own chunks only. Unscoped: in a store with inverted
 * lists (vector-lists.ts), the int8 codes of the `probes` nearest lists do; without lists, a
 * hamming-distance scan of every bit vector does. Either way the candidates are re-scored with
 * their float copies in chunk_floats (a full float scan of an encrypted file is ~780 ms at 100k).
 */
export function vectorSearch(db: Db, query: Float32Array, opts: VectorSearchOptions): VectorHit[] {
  const k = Math.max(1, Math.min(Math.trunc(opts.k), MAX_K));
  const meta = embeddingMeta(db);
  if (!meta || (opts.modelId !== undefined && opts.modelId !== meta.modelId)) return [];
  if (query.length !== meta.dim) throw new Error(`query vector has ${query.length} dimensions; the index has ${meta.dim}`);
  const q = blob(query);

  // Records are checked for deletion only for the few that make the result, since reading
  // deleted_at may walk a long record's overflow pages.
  const live = db.prepare('SELECT deleted_at IS NULL AS live FROM records WHERE rowid = ?').pluck();
  const liveness = new Map<number, boolean>();
  const isLive = (record: number): boolean => {
    let v = liveness.get(record);
    if (v === undefined) {
      v = live.get(record) === 1;
      liveness.set(record, v);
    }
    return v;
  };
  /** The k nearest live records among re-scored candidates. */
  const liveHits = (rows: { record_rowid: number; seq: number; distance: number; chunk: number }[]): VectorHit[] => {
    const hits: VectorHit[] = [];
    for (const h of bestPerRecord(rows, rows.length)) {
      if (hits.length >= k) break;
      if (isLive(h.recordRowid)) hits.push(h);
    }
    return hits;
  };
  const lists = activeLists(db, meta.modelId, meta.dim);
  let probes = Math.max(1, Math.trunc(opts.probes ?? DEFAULT_PROBES));
  const org = opts.orgId === undefined ? undefined : Math.trunc(opts.orgId);
  // A scoped query reads the org's own codes, unless the org holds more chunks than the query's
  // nearest lists do: a large client's codes span more pages than those lists (README figures).
  const reach = lists ? Math.ceil((probes * lists.vectors) / lists.lists.listCount) : null;
  if (org !== undefined && (reach === null || orgChunks(db, org, reach + 1) <= reach)) {
    const stmt = db.prepare(
      `WITH coarse AS MATERIALIZED (
         SELECT chunk_rowid AS rowid FROM org_codes WHERE org_id = ?
         ORDER BY vec_distance_cosine(vec_int8(code), vec_int8(?)), chunk_rowid LIMIT ?)
       SELECT coarse.rowid AS chunk, c.record_rowid, c.seq, vec_distance_cosine(f.embedding, ?) AS distance
       FROM coarse JOIN chunk_floats f ON f.chunk_rowid = coarse.rowid JOIN chunks c ON c.rowid = coarse.rowid`,
    );
    const code = int8Code(query);
    // Several chunks of one record can fill the candidates: widen until k records or the org is exhausted.
    for (let want = Math.min(k * Math.max(1, Math.trunc(opts.oversample ?? LISTS_OVERSAMPLE)), MAX_K); ; want = Math.min(want * 4, MAX_K)) {
      const rows = stmt.all(org, code, want, q).map((r) => knnRow.parse(r));
      const hits = liveHits(rows);
      if (hits.length >= k || rows.length < want || want === MAX_K) return hits;
    }
  }
  const oversampled = Math.min(k * Math.max(1, Math.trunc(opts.oversample ?? (lists ? LISTS_OVERSAMPLE : DEFAULT_OVERSAMPLE))), MAX_K);
  if (lists) {
    // Long documents fill the candidates with their own chunks, and a query's nearest lists may
    // hold fewer than k records: widen the candidates, then the lists read, until k are found.
    for (let want = oversampled; ; ) {
      const rows = listNeighbours(db, lists, query, want, probes, org);
      const hits = liveHits(rows);
      if (hits.length >= k) return hits;
      if (rows.length < want) {
        if (probes >= lists.lists.listCount) return hits;
        probes = Math.min(probes * 4, lists.lists.listCount);
      } else {
        if (want === MAX_K) return hits;
        want = Math.min(want * 4, MAX_K);
      }
    }
  }
  // No lists (a small store, or lists not built yet). One statement: a hamming scan of
  // chunk_signs picks candidates (a bounded sort: its cost hardly grows with k, unlike vec0's
  // bit KNN), each is re-scored from chunk_floats (one b-tree page per vector, not vec0's large blobs).
  const candidates = db.prepare(
    `WITH coarse AS MATERIALIZED (
       SELECT chunk_rowid AS rowid FROM chunk_signs ORDER BY vec_distance_hamming(vec_bit(bits), vec_quantize_binary(?)), chunk_rowid LIMIT ?)
     SELECT coarse.rowid AS chunk, c.record_rowid, c.seq, vec_distance_cosine(f.embedding, ?) AS distance
     FROM coarse JOIN chunk_floats f ON f.chunk_rowid = coarse.rowid JOIN chunks c ON c.rowid = coarse.rowid`,
  );
  // Long documents fill the candidates with their own chunks: widen until k records are found.
  for (let want = oversampled; ; want = Math.min(want * 4, MAX_K)) {
    const rows = candidates.all(q, want, q).map((r) => knnRow.parse(r));
    const hits = liveHits(rows);
    if (hits.length >= k || rows.length < want || want === MAX_K) return hits;
  }
}
