// Inverted lists (IVF) for unscoped vector search: the store's chunks clustered by k-means on
// their float vectors (kmeans.ts), each chunk filed in its nearest list with an int8 copy of its
// vector (tables: migration 0019). A query compares itself with the centroids, reads only its
// nearest lists (one contiguous key range each), ranks their codes by cosine in SQLite and
// re-scores the best few hundred from chunk_floats. Org-scoped search does not come here: it
// ranks the org's own codes (org_codes, migration 0020).
//
// Building lists is minutes of CPU at 1M vectors, and it runs in whichever process embedded (the
// app's main process, the MCP server, the CLI). The CPU part (the k-means training and each
// vector's list and int8 code) runs on a worker thread (kmeans-client.ts); the store stays on the
// caller's connection (SQLCipher handles are not shared across threads), which reads vectors,
// hands their floats over and writes the answers, yielding whenever a turn has taken TURN_MS.
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { floatsOf, int8Code } from '../store/vector-code';
import type { CommitHooks } from '../store/checkpointer';
import { fileInList, nearestLists, seeded, trainedLists, unit, type TrainedLists } from './kmeans';
import { KmeansCancelled, KmeansWorkerError, startKmeansWorker, type KmeansWorker } from './kmeans-client';

type Db = Database.Database;

/**
 * Vectors a store needs before it gets lists. Below this the bit scan over chunk_signs reads
 * ≤ ~1 MB and finds the exact neighbours (recall@10 99 % at ×100 on 100k); lists would add a
 * training pass for nothing.
 */
export const LISTS_FROM_VECTORS = 20_000;
/** Lists are retrained (and every vector re-filed) when the vectors have doubled since. */
const RETRAIN_GROWTH = 2;
/**
 * Lists read per query, and candidates per wanted result re-scored from chunk_floats when the
 * caller names no oversample (int8 codes rank almost as the floats do, so few are needed).
 * Measured with bench/embeddings.bench.ts (64-topic clustered synthetic 384-d vectors,
 * SQLCipher, 4 KiB pages, cache 64 MB, k = 10, 2 shared cores at load ~3–4, 2026-12-03, three
 * runs; p95 moves more with the load than with the setting):
 *
 *   1M vectors, 1,000 lists     probes 8        16        24        32
 *     top 100 re-scored  p95      95–129    59–136    80–219    94–195 ms
 *     top 600 re-scored  p95      86–146    94–128   115–147   144–234 ms
 *     recall@10                   96–99 %   100 %     100 %     100 %
 *   100k vectors, 316 lists: p95 9–58 ms, recall@10 100 % at every setting above.
 *   (The bit scan over every vector: 1M p95 223–2,174 ms, recall@10 25–62 %.)
 *
 * Cost grows with the lists read (each ~1,000 entries of ~400 bytes at 1M) and with the
 * re-scored candidates (one random chunk_floats page each). Real text embeddings cluster less
 * crisply than the bench's 64 topics: 16 probes is twice what the bench needed for 99 %.
 */
export const DEFAULT_PROBES = 16;
export const LISTS_OVERSAMPLE = 10;
/** List ids are generation × GENERATION_SPAN + index. */
const GENERATION_SPAN = 65_536;
const MAX_LISTS = 4_096;
/** Training rows per list (faiss suggests 30–256), at least MIN_SAMPLE. */
const SAMPLE_PER_LIST = 40;
const MIN_SAMPLE = 10_000;
const ITERATIONS = 10;
/**
 * Vectors filed together during a (re)training: read, filed by the worker, then written sorted by
 * list, the last transaction moving the cursor past them. Written in list order, a transaction of
 * FILE_SLICE entries touches a few pages of a few lists (~50 entries a list at 100k); in rowid
 * order each entry dirtied a page of its own (100k filed in 256-entry transactions: ~10 s of
 * writes, 50–90 ms each).
 */
const FILE_BATCH = 16_384;
/** Vectors handed to the worker at once (the next batch is read while it files one). */
const WORKER_BATCH = 2_048;
/** Rows read, or entries written, per statement run or transaction while filing. */
const FILE_SLICE = 256;
/**
 * The longest the caller's thread works on the store before it yields (the app's IPC, the MCP
 * server's tool calls wait at most about this long behind a pass).
 */
const TURN_MS = 10;
const SWEEP_BATCH = 8_192;

export function listCountFor(vectors: number): number {
  return Math.max(1, Math.min(MAX_LISTS, Math.round(Math.sqrt(Math.max(1, vectors)))));
}

const generationRow = z.object({
  generation: z.number(),
  model_id: z.string(),
  dim: z.number(),
  state: z.enum(['building', 'active']),
  vectors: z.number(),
  lists: z.number(),
  cursor: z.number(),
});
type Generation = z.infer<typeof generationRow>;
const centroidRow = z.object({ id: z.number(), group_id: z.number().optional(), centroid: z.instanceof(Buffer) });
const floatsRow = z.object({ chunk_rowid: z.number(), embedding: z.instanceof(Buffer) });
const fillRow = floatsRow.extend({ text_hash: z.string().nullable() });
const countRow = z.object({ n: z.number() });
const neighbourRow = z.object({ chunk: z.number(), record_rowid: z.number(), seq: z.number(), distance: z.number() });
export type ListNeighbour = z.infer<typeof neighbourRow>;

function generations(db: Db): Generation[] {
  return db
    .prepare('SELECT generation, model_id, dim, state, vectors, lists, cursor FROM ivf_generations ORDER BY generation')
    .all()
    .map((r) => generationRow.parse(r));
}

// Centroids of a generation never change once written (generation numbers are never reused),
// so each connection reads them once.
const loaded = new WeakMap<Db, Map<number, TrainedLists>>();

function listsOf(db: Db, g: Generation): TrainedLists {
  let byGen = loaded.get(db);
  if (!byGen) {
    byGen = new Map();
    loaded.set(db, byGen);
  }
  const hit = byGen.get(g.generation);
  if (hit) return hit;
  const lo = g.generation * GENERATION_SPAN;
  const hi = lo + GENERATION_SPAN - 1;
  const groupRows = db.prepare('SELECT group_id AS id, centroid FROM ivf_groups WHERE group_id BETWEEN ? AND ? ORDER BY group_id').all(lo, hi).map((r) => centroidRow.parse(r));
  const listRows = db.prepare('SELECT list_id AS id, group_id, centroid FROM ivf_lists WHERE list_id BETWEEN ? AND ? ORDER BY list_id').all(lo, hi).map((r) => centroidRow.parse(r));
  const check = (rows: { id: number; centroid: Buffer }[], what: string) =>
    rows.forEach((r, i) => {
      if (r.id !== lo + i || r.centroid.byteLength !== g.dim * 4) throw new Error(`vector lists: ${what} ${r.id} of generation ${g.generation} is malformed`);
    });
  check(groupRows, 'group');
  check(listRows, 'list');
  if (listRows.length === 0 || listRows.length !== g.lists) throw new Error(`vector lists: generation ${g.generation} has ${listRows.length} lists, expected ${g.lists}`);
  const groups = new Float32Array(groupRows.length * g.dim);
  groupRows.forEach((r, i) => groups.set(floatsOf(r.centroid), i * g.dim));
  const lists = new Float32Array(listRows.length * g.dim);
  listRows.forEach((r, i) => lists.set(floatsOf(r.centroid), i * g.dim));
  const t = trainedLists(g.dim, groups, lists, Int32Array.from(listRows, (r) => (r.group_id ?? -1) - lo));
  byGen.set(g.generation, t);
  return t;
}

export interface ActiveLists {
  generation: number;
  base: number;
  /** Vectors the lists were trained on: with their count, how many one list holds on average. */
  vectors: number;
  lists: TrainedLists;
}

/** The lists that answer queries for this model, or null (no lists yet, or another model's). */
export function activeLists(db: Db, modelId: string, dim: number): ActiveLists | null {
  const row = db.prepare("SELECT generation, model_id, dim, state, vectors, lists, cursor FROM ivf_generations WHERE state = 'active'").get();
  if (row === undefined) return null;
  const g = generationRow.parse(row);
  if (g.model_id !== modelId || g.dim !== dim) return null;
  const lists = listsOf(db, g);
  // Lists older than the active ones are gone from the store (a retraining replaced them).
  for (const old of loaded.get(db)?.keys() ?? []) if (old < g.generation) loaded.get(db)?.delete(old);
  return { generation: g.generation, base: g.generation * GENERATION_SPAN, vectors: g.vectors, lists };
}

/**
 * Files each new chunk in every generation of lists (the active one, and one being built so it
 * misses nothing written while it fills). Does nothing while the store has no lists.
 */
export function listWriter(db: Db, modelId: string, dim: number): (chunkRowid: bigint, vector: Float32Array) => void {
  const targets = generations(db)
    .filter((g) => g.model_id === modelId && g.dim === dim)
    .map((g) => ({ base: g.generation * GENERATION_SPAN, lists: listsOf(db, g) }));
  if (targets.length === 0) return () => undefined;
  const ins = db.prepare('INSERT OR REPLACE INTO ivf_entries (list_id, chunk_rowid, code) VALUES (?, ?, ?)');
  return (chunkRowid, vector) => {
    const u = unit(vector);
    const code = int8Code(u);
    for (const t of targets) ins.run(t.base + fileInList(t.lists, u), chunkRowid, code);
  };
}

/** Removes every list (a model change: vectors of two models never share an index). */
export function dropLists(db: Db): void {
  db.exec('DELETE FROM ivf_entries; DELETE FROM ivf_lists; DELETE FROM ivf_groups; DELETE FROM ivf_generations;');
}

/**
 * The `want` chunks of the `probes` lists nearest to `query` whose codes are nearest to it,
 * with their exact cosine distance from chunk_floats: one statement, as the bit scan's. With
 * `orgId`, only that org's chunks are candidates.
 */
export function listNeighbours(db: Db, active: ActiveLists, query: Float32Array, want: number, probes: number, orgId?: number): ListNeighbour[] {
  const u = unit(query);
  const ids = nearestLists(active.lists, u, probes).map((l) => active.base + l);
  // Membership from chunks_org (org, rowid): a large org's part of that index is a few dozen
  // pages, where its org_codes range (codes inline) is thousands.
  const inOrg = orgId === undefined ? '' : 'AND EXISTS (SELECT 1 FROM chunks c INDEXED BY chunks_org WHERE c.org_id = ? AND c.rowid = ivf_entries.chunk_rowid)';
  const stmt = db.prepare(
    `WITH coarse AS MATERIALIZED (
       SELECT chunk_rowid AS rowid FROM ivf_entries
       WHERE list_id IN (SELECT value FROM json_each(?)) ${inOrg}
       ORDER BY vec_distance_cosine(vec_int8(code), vec_int8(?)), chunk_rowid LIMIT ?)
     SELECT coarse.rowid AS chunk, c.record_rowid, c.seq, vec_distance_cosine(f.embedding, ?) AS distance
     FROM coarse JOIN chunk_floats f ON f.chunk_rowid = coarse.rowid JOIN chunks c ON c.rowid = coarse.rowid`,
  );
  const q = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
  const params = orgId === undefined ? [JSON.stringify(ids), int8Code(u), want, q] : [JSON.stringify(ids), orgId, int8Code(u), want, q];
  return stmt.all(...params).map((r) => neighbourRow.parse(r));
}

export interface ListsProgress {
  /** Vectors filed into the lists being built, of `total`. */
  done: number;
  total: number;
}

export interface MaintainOptions {
  signal?: AbortSignal;
  onProgress?: (p: ListsProgress) => void;
  /** Vectors before a store gets lists (tests lower it). */
  minVectors?: number;
  /** Lists to train (tests and the bench set it; default ~sqrt of the vectors). */
  lists?: number;
  /** Vectors filed together, the cursor moving once past them (tests lower it; FILE_BATCH). */
  fileBatch?: number;
  /** Tests: the worker script that trains and files, instead of kmeans-worker. */
  workerUrl?: URL;
  /** A background checkpointer's hooks for the filing's commits (vectors.ts UpdateOptions). */
  checkpoints?: CommitHooks;
}

export type MaintainResult =
  | { ok: true; trained: boolean; filed: number; lists: number | null }
  | { ok: false; cancelled: true }
  /** The worker that trains and files failed: nothing half-done answers, the previous lists (if any) still do. */
  | { ok: false; cancelled: false; message: string };

class Cancelled extends Error {}

/** How a pass shares the caller's thread: pause() yields (and throws once cancelled), due() says a turn is long enough. */
interface Pace {
  pause(): Promise<void>;
  due(): boolean;
}

/**
 * Brings the lists in line with the vectors, after an embedding pass: trains the first lists
 * once the store holds `minVectors` vectors, retrains when they have doubled, files every vector
 * of a new training in batches (short transactions; queries keep using the previous lists until
 * the new ones hold every vector) and sweeps the entries of replaced lists. A cancelled pass
 * keeps its progress: the next one resumes filing where it stopped.
 */
export async function maintainLists(db: Db, model: { modelId: string; dim: number }, opts: MaintainOptions = {}): Promise<MaintainResult> {
  let turn = performance.now();
  const pace: Pace = {
    pause: async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turn = performance.now();
      if (opts.signal?.aborted) throw new Cancelled();
    },
    due: () => performance.now() - turn >= TURN_MS,
  };
  // The CPU work runs on a worker thread, started when a pass has some (most passes only check).
  let worker: KmeansWorker | null = null;
  const cpu = (): KmeansWorker => (worker ??= startKmeansWorker({ signal: opts.signal, ...(opts.workerUrl ? { url: opts.workerUrl } : {}) }));
  try {
    if (generations(db).some((g) => g.model_id !== model.modelId || g.dim !== model.dim)) db.transaction(() => dropLists(db)).immediate();
    let trained = false;
    let building = generations(db).find((g) => g.state === 'building');
    let counted: number | null = null;
    if (!building) {
      const active = generations(db).find((g) => g.state === 'active');
      const need = Math.max(opts.minVectors ?? LISTS_FROM_VECTORS, active ? active.vectors * RETRAIN_GROWTH : 0);
      // There are never more chunks than their rowids span: a short span settles the usual pass
      // (nothing to train) without counting (~0.1 s of this thread at 1M).
      const n = chunkSpan(db) >= need ? vectorCount(db) : 0;
      if (n >= need && n > 0) {
        building = await train(db, model, n, opts.lists ?? listCountFor(n), pace, cpu());
        trained = true;
        counted = n;
      }
    }
    const filed = building ? await fill(db, building, opts, pace, cpu(), counted) : 0;
    await sweep(db, pace);
    const active = generations(db).find((g) => g.state === 'active');
    return { ok: true, trained, filed, lists: active?.lists ?? null };
  } catch (e) {
    if (e instanceof Cancelled || e instanceof KmeansCancelled) return { ok: false, cancelled: true };
    if (e instanceof KmeansWorkerError) return { ok: false, cancelled: false, message: e.message };
    throw e;
  } finally {
    await (worker as KmeansWorker | null)?.close();
  }
}

/**
 * Vectors in the store: one per chunk. Counted on chunks, whose (record_rowid, seq) index is a
 * few bytes a row (~20 MB at 1M); chunk_floats has no index, and counting it reads 1.5 GB.
 */
function vectorCount(db: Db): number {
  return countRow.parse(db.prepare('SELECT count(*) AS n FROM chunks').get()).n;
}

/** Highest chunk rowid − lowest + 1 (0 without chunks): two b-tree ends, an upper bound of vectorCount. */
function chunkSpan(db: Db): number {
  const span = db.prepare('SELECT (SELECT max(rowid) FROM chunks) - (SELECT min(rowid) FROM chunks) + 1 AS n').get();
  return z.object({ n: z.number().nullable() }).parse(span).n ?? 0;
}

/**
 * The lowest and highest chunk_floats rowid. Two subqueries: SQLite reads min() or max() from
 * the b-tree's end only when the query has no other aggregate; `SELECT min(x), max(x)` scans the
 * whole table (1.5 GB at 1M vectors, seconds of the caller's thread).
 */
function rowidRange(db: Db): unknown {
  return db.prepare('SELECT (SELECT min(chunk_rowid) FROM chunk_floats) AS lo, (SELECT max(chunk_rowid) FROM chunk_floats) AS hi').get();
}

async function train(db: Db, model: { modelId: string; dim: number }, n: number, listCount: number, pace: Pace, worker: KmeansWorker): Promise<Generation> {
  const { dim } = model;
  const rnd = seeded(n);
  const want = Math.min(n, Math.max(MIN_SAMPLE, listCount * SAMPLE_PER_LIST));
  const sample = new Float32Array(want * dim);
  let got = 0;
  const take = (b: Buffer) => {
    if (b.byteLength !== dim * 4) return;
    sample.set(unit(floatsOf(b)), got * dim);
    got++;
  };
  if (want === n) {
    for (const r of db.prepare('SELECT chunk_rowid, embedding FROM chunk_floats').iterate()) {
      if (got >= want) break;
      take(floatsRow.parse(r).embedding);
    }
  } else {
    // Random rowids in the table's range, each the next stored one: a few hundred ms at 1M.
    const range = z.object({ lo: z.number(), hi: z.number() }).parse(rowidRange(db));
    const next = db.prepare('SELECT chunk_rowid, embedding FROM chunk_floats WHERE chunk_rowid >= ? ORDER BY chunk_rowid LIMIT 1');
    const seen = new Set<number>();
    for (let tries = 0; got < want && tries < want * 4; tries++) {
      const raw = next.get(range.lo + Math.floor(rnd() * (range.hi - range.lo + 1)));
      if (raw === undefined) continue;
      const r = floatsRow.parse(raw);
      if (seen.has(r.chunk_rowid)) continue;
      seen.add(r.chunk_rowid);
      take(r.embedding);
      // Each lookup is a random page (~0.4 ms when not cached): yield by the clock, not by a count.
      if (pace.due()) await pace.pause();
    }
  }
  // The sample's buffer moves to the worker; the caller's loop is free until the lists come back.
  const t = await worker.train(sample.subarray(0, got * dim), got, dim, listCount, { iterations: ITERATIONS, rnd });
  return db.transaction(() => {
    const gen = Number(
      db.prepare("INSERT INTO ivf_generations (model_id, dim, state, vectors, lists, cursor) VALUES (?, ?, 'building', ?, ?, 0)").run(model.modelId, dim, n, t.listCount).lastInsertRowid,
    );
    const base = gen * GENERATION_SPAN;
    const blob = (a: Float32Array, i: number) => Buffer.from(a.buffer, a.byteOffset + i * dim * 4, dim * 4);
    const insGroup = db.prepare('INSERT INTO ivf_groups (group_id, centroid) VALUES (?, ?)');
    const insList = db.prepare('INSERT INTO ivf_lists (list_id, group_id, centroid) VALUES (?, ?, ?)');
    for (let g = 0; g < t.groupCount; g++) insGroup.run(base + g, blob(t.groups, g));
    for (let l = 0; l < t.listCount; l++) insList.run(base + l, base + t.groupOf[l]!, blob(t.lists, l));
    return generationRow.parse(db.prepare('SELECT generation, model_id, dim, state, vectors, lists, cursor FROM ivf_generations WHERE generation = ?').get(gen));
  }).immediate();
}

/**
 * Files every vector above the generation's cursor, then makes it the active one. Each batch's
 * floats go to the worker, which answers each vector's list and int8 code while the next batch is
 * read; a pool of batches is then written in list order, in short transactions.
 */
async function fill(db: Db, g: Generation, opts: MaintainOptions, pace: Pace, worker: KmeansWorker, counted: number | null): Promise<number> {
  await worker.use(listsOf(db, g));
  const base = g.generation * GENERATION_SPAN;
  const total = counted ?? vectorCount(db);
  // Where a resumed pass starts, estimated from the rowid range: counting rows up to the cursor
  // would read the table itself.
  const range = z.object({ lo: z.number().nullable(), hi: z.number().nullable() }).parse(rowidRange(db));
  let done = range.lo === null || range.hi === null || g.cursor < range.lo ? 0 : Math.round((total * Math.min(g.cursor - range.lo + 1, range.hi - range.lo + 1)) / (range.hi - range.lo + 1));
  const read = db.prepare(
    'SELECT f.chunk_rowid, f.embedding, c.text_hash FROM chunk_floats f LEFT JOIN chunks c ON c.rowid = f.chunk_rowid WHERE f.chunk_rowid > ? ORDER BY f.chunk_rowid LIMIT ?',
  );
  // Other writers run between a read and its write (the caller yields; other processes share the
  // file): a chunk deleted since it was read is not filed, nor one whose rowid now holds other
  // text (SQLite reuses the highest rowid once it is deleted), which listWriter filed already.
  const ins = db.prepare('INSERT OR REPLACE INTO ivf_entries (list_id, chunk_rowid, code) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM chunks WHERE rowid = ? AND text_hash = ?)');
  const setCursor = db.prepare('UPDATE ivf_generations SET cursor = ? WHERE generation = ?');
  const more = db.prepare('SELECT 1 FROM chunk_floats WHERE chunk_rowid > ? LIMIT 1');
  const write = db.transaction((entries: PoolEntry[], cursor: number | null) => {
    for (const e of entries) ins.run(base + e.list, e.chunk, e.code, e.chunk, e.textHash);
    if (cursor !== null) setCursor.run(cursor, g.generation);
  });
  const activate = db.transaction((cursor: number): boolean => {
    if (more.get(cursor) !== undefined) return false;
    for (const old of generations(db)) {
      if (old.generation === g.generation) continue;
      const lo = old.generation * GENERATION_SPAN;
      db.prepare('DELETE FROM ivf_lists WHERE list_id BETWEEN ? AND ?').run(lo, lo + GENERATION_SPAN - 1);
      db.prepare('DELETE FROM ivf_groups WHERE group_id BETWEEN ? AND ?').run(lo, lo + GENERATION_SPAN - 1);
      db.prepare('DELETE FROM ivf_generations WHERE generation = ?').run(old.generation);
    }
    db.prepare("UPDATE ivf_generations SET state = 'active' WHERE generation = ?").run(g.generation);
    return true;
  });
  const poolSize = Math.max(1, Math.trunc(opts.fileBatch ?? FILE_BATCH));
  const batchSize = Math.min(poolSize, WORKER_BATCH);
  const slice = Math.min(poolSize, FILE_SLICE);
  /**
   * The rows after `after` (up to a worker batch, read a slice at a time, yielding when a turn is
   * long): their count, the last rowid, and the well-formed ones' chunks and floats (one buffer,
   * to transfer).
   */
  const readBatch = async (after: number) => {
    const good: { chunk_rowid: number; embedding: Buffer; text_hash: string | null }[] = [];
    let rows = 0;
    let last = after;
    while (rows < batchSize) {
      if (pace.due()) await pace.pause();
      const got = read.all(last, Math.min(slice, batchSize - rows)).map((r) => fillRow.parse(r));
      // A row without its chunk (gone meanwhile) is passed over, as a malformed one is.
      for (const r of got) if (r.embedding.byteLength === g.dim * 4 && r.text_hash !== null) good.push(r);
      rows += got.length;
      last = got.at(-1)?.chunk_rowid ?? last;
      if (got.length < slice) break;
    }
    const vectors = new Float32Array(good.length * g.dim);
    const bytes = new Uint8Array(vectors.buffer);
    good.forEach((r, i) => bytes.set(r.embedding, i * g.dim * 4));
    return { rows, last, chunks: good.map((r) => r.chunk_rowid), textHashes: good.map((r) => r.text_hash ?? ''), vectors };
  };
  const prefetch = (after: number) => {
    const p = readBatch(after);
    // Once cancelled, a pass ends on the first failure; a read in flight must not fail unheard.
    p.catch(() => undefined);
    return p;
  };
  let cursor = g.cursor;
  let filed = 0;
  opts.onProgress?.({ done, total });
  let next = prefetch(cursor);
  for (;;) {
    // A pool: worker batches until poolSize rows, each read while the worker files the one before.
    const pool: PoolEntry[] = [];
    let rows = 0;
    let last = cursor;
    while (rows < poolSize) {
      const batch = await next;
      if (batch.rows === 0) break;
      const filing = worker.file(batch.vectors, batch.chunks.length);
      next = prefetch(batch.last);
      const f = await filing;
      batch.chunks.forEach((chunk, i) => pool.push({ chunk, textHash: batch.textHashes[i]!, list: f.lists[i]!, code: Buffer.from(f.codes.buffer, f.codes.byteOffset + i * g.dim, g.dim) }));
      rows += batch.rows;
      last = batch.last;
    }
    if (rows === 0) {
      if (activate.immediate(cursor)) return filed;
      next = prefetch(cursor); // vectors were added meanwhile
      continue;
    }
    // In (list, chunk) order: the pool is in chunk order, so grouping by list keeps each list's
    // chunks ascending (a comparison sort of 16k entries held the thread ~40 ms at 1M). Only the
    // last transaction moves the cursor; a pass cancelled in between files the pool again next
    // time (INSERT OR REPLACE: the same entries).
    const byList = new Map<number, PoolEntry[]>();
    for (const e of pool) {
      const l = byList.get(e.list);
      if (l) l.push(e);
      else byList.set(e.list, [e]);
    }
    const ordered = [...byList.keys()].sort((a, b) => a - b).flatMap((l) => byList.get(l) ?? []);
    for (let from = 0; from < ordered.length || from === 0; from += slice) {
      if (pace.due()) await pace.pause();
      await opts.checkpoints?.ready();
      const to = Math.min(from + slice, ordered.length);
      write.immediate(ordered.slice(from, to), to === ordered.length ? last : null);
      opts.checkpoints?.nudge();
    }
    cursor = last;
    filed += pool.length;
    done += rows;
    opts.onProgress?.({ done: Math.min(done, total), total: Math.max(total, done) });
    await pace.pause();
  }
}

/** A vector filed and waiting to be written: its chunk (and the text it was read for), its list and its int8 code. */
interface PoolEntry {
  chunk: number;
  textHash: string;
  list: number;
  code: Buffer;
}

/** Deletes, in short transactions, the entries of lists that no generation holds any more. */
async function sweep(db: Db, pace: Pace): Promise<void> {
  const first = generations(db)[0];
  const below = first ? first.generation * GENERATION_SPAN : Number.MAX_SAFE_INTEGER;
  const del = db.prepare('DELETE FROM ivf_entries WHERE (list_id, chunk_rowid) IN (SELECT list_id, chunk_rowid FROM ivf_entries WHERE list_id < ? LIMIT ?)');
  while (db.transaction(() => del.run(below, SWEEP_BATCH).changes).immediate() > 0) await pace.pause();
}
