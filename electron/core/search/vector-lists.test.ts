import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmbedder } from './embedder';
import { fileInList, seeded, unit } from './kmeans';
import { int8Code } from '../store/vector-code';
import { fixtureModelsDir } from './test-models';
import { activeLists, LISTS_FROM_VECTORS, listCountFor, listNeighbours, listWriter, maintainLists } from './vector-lists';
import { updateEmbeddings, vectorSearch, type EmbedProgress, type UpdateOptions } from './vectors';
import { withCheckpointer } from '../store/checkpointer';
import { tempStores } from '../store/test-stores';
import { testDbs, upsertRecord, type SeedRecord, type TestDb } from './vectors-test-db';

const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
afterAll(() => embedder.close());

const testDb = testDbs();
const makeStore = tempStores();

const WORDS = ['firewall', 'printer', 'backup', 'vpn', 'switch', 'router', 'exchange', 'domain', 'laptop', 'camera', 'ups', 'nas', 'wifi', 'dns', 'dhcp', 'ssl', 'tape', 'scanner', 'badge', 'phone'];

function records(from: number, n: number): SeedRecord[] {
  let s = 11 + from;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const words = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
    return { type: 'configurations', itglueId: `c${i}`, orgId: 1 + (i % 3), name: `device-${i}`, body: `${words} notes ${i}` };
  });
}

/** Lists from 60 vectors on, 6 of them: small enough for the fixture model, several lists still. */
const SMALL: UpdateOptions = { batchSize: 32, listsFrom: 60, lists: 6 };

async function update(db: TestDb['db'], opts: UpdateOptions = SMALL) {
  const r = await updateEmbeddings(db, embedder, opts);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const n = (db: TestDb['db'], sql: string, ...args: unknown[]) => z.object({ n: z.number() }).parse(db.prepare(sql).get(...args)).n;
const generationsOf = (db: TestDb['db']) =>
  db.prepare('SELECT generation, state, lists FROM ivf_generations ORDER BY generation').all().map((r) => z.object({ generation: z.number(), state: z.string(), lists: z.number() }).parse(r));

/** Every chunk is in exactly one list of the active generation, and nothing else is. */
function expectEveryChunkFiledOnce(db: TestDb['db']) {
  expect(n(db, 'SELECT count(*) AS n FROM ivf_entries')).toBe(n(db, 'SELECT count(*) AS n FROM chunks'));
  expect(n(db, 'SELECT count(*) AS n FROM chunks c WHERE (SELECT count(*) FROM ivf_entries e WHERE e.chunk_rowid = c.rowid) <> 1')).toBe(0);
}

/** Exact nearest records (best chunk per record) by a full scan of the float copies. */
function exactNearest(db: TestDb['db'], q: Float32Array, k: number): { record: number; d: number }[] {
  const best = new Map<number, number>();
  for (const raw of db.prepare('SELECT c.record_rowid, f.embedding FROM chunks c JOIN chunk_floats f ON f.chunk_rowid = c.rowid JOIN records r ON r.rowid = c.record_rowid WHERE r.deleted_at IS NULL').all()) {
    const row = z.object({ record_rowid: z.number(), embedding: z.instanceof(Buffer) }).parse(raw);
    const v = new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength));
    let dq = 0;
    let nv = 0;
    let nq = 0;
    v.forEach((x, i) => {
      dq += x * q[i]!;
      nv += x * x;
      nq += q[i]! * q[i]!;
    });
    const d = 1 - dq / Math.sqrt(nv * nq);
    best.set(row.record_rowid, Math.min(d, best.get(row.record_rowid) ?? Infinity));
  }
  return [...best.entries()]
    .map(([record, d]) => ({ record, d }))
    .sort((a, b) => a.d - b.d || a.record - b.record)
    .slice(0, k);
}

describe('inverted lists for unscoped vector search', () => {
  it('embeds and files with the WAL copied back on a worker thread: the same lists, SQLite\'s own checkpoint back afterwards', async () => {
    const plain = makeStore().store;
    const background = makeStore().store;
    for (const s of [plain, background]) records(0, 120).forEach((r) => upsertRecord(s.db, r));
    const autocheckpoint = (db: TestDb['db']) => db.pragma('wal_autocheckpoint', { simple: true });
    await update(plain.db);
    const during: unknown[] = [];
    const r = await withCheckpointer(background, (checkpoints) => update(background.db, { ...SMALL, checkpoints, onProgress: () => during.push(autocheckpoint(background.db)) }));
    expect(r).toMatchObject({ lists: 6, listsTrained: true });
    // From the pass's first commit on, none copied the WAL on this thread; afterwards SQLite does again.
    const first = during.indexOf(0);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(new Set(during.slice(first))).toEqual(new Set([0]));
    expect(autocheckpoint(background.db)).toBe(autocheckpoint(plain.db));
    expectEveryChunkFiledOnce(background.db);
    const entries = (db: TestDb['db']) => db.prepare('SELECT list_id, chunk_rowid, hex(code) FROM ivf_entries ORDER BY chunk_rowid').raw().all();
    expect(entries(background.db)).toEqual(entries(plain.db));
    // A pass with nothing to write starts no checkpointer (no thread, SQLite's checkpoint untouched).
    const idle = new Set<unknown>();
    await withCheckpointer(background, (checkpoints) => update(background.db, { ...SMALL, checkpoints, onProgress: () => idle.add(autocheckpoint(background.db)) }));
    expect(idle).toEqual(new Set([autocheckpoint(plain.db)]));
  });

  it('are trained once the store passes the threshold, with every chunk filed in one list', async () => {
    const t = testDb();
    records(0, 40).forEach((r) => upsertRecord(t.db, r));
    expect(await update(t.db)).toMatchObject({ lists: null, listsTrained: false });
    expect(n(t.db, 'SELECT count(*) AS n FROM ivf_entries')).toBe(0);

    records(40, 40).forEach((r) => upsertRecord(t.db, r));
    const progress: EmbedProgress[] = [];
    expect(await updateEmbeddings(t.db, embedder, { ...SMALL, onProgress: (p) => progress.push(p) })).toMatchObject({ ok: true, value: { lists: 6, listsTrained: true } });
    expect(generationsOf(t.db)).toEqual([expect.objectContaining({ state: 'active', lists: 6 })]);
    expectEveryChunkFiledOnce(t.db);
    // Filing reports its own progress after the embedding's.
    expect(progress.at(-1)?.lists).toEqual({ done: 80, total: 80 });
    // Entries are spread over the lists, not all in one.
    expect(n(t.db, 'SELECT count(DISTINCT list_id) AS n FROM ivf_entries')).toBeGreaterThan(2);

    // A pass with nothing new neither retrains nor refiles.
    expect(await update(t.db)).toMatchObject({ embeddedRecords: 0, lists: 6, listsTrained: false });
    expect(generationsOf(t.db)).toHaveLength(1);
  });

  it('answer unscoped queries with the exact nearest records, reading only the lists', async () => {
    const t = testDb();
    records(0, 150).forEach((r) => upsertRecord(t.db, r));
    await update(t.db);
    const meta = activeLists(t.db, embedder.info.id, 384);
    expect(meta?.lists.listCount).toBe(6);
    for (const text of ['firewall vpn', 'printer scanner badge', 'backup nas tape', 'device-17 dns dhcp', 'camera wifi switch router']) {
      const [q] = await embedder.embed([text]);
      // All lists probed: the int8 ranking and the float re-score give the exact top 5.
      const got = vectorSearch(t.db, q!, { k: 5, probes: 6 });
      const want = exactNearest(t.db, q!, 5);
      expect(got.map((h) => h.recordRowid)).toEqual(want.map((w) => w.record));
      expect(got.map((h) => h.distance)).toEqual(want.map((w) => expect.closeTo(w.d, 5)));
    }
    // A chunk missing from the lists is not found unscoped (the lists, not the bit scan, answered),
    // while the org-scoped search, which never reads the lists, still finds it.
    const [q] = await embedder.embed(['Configuration: device-42\nnotes 42']);
    const top = vectorSearch(t.db, q!, { k: 1, probes: 6 })[0]!;
    t.db.prepare('DELETE FROM ivf_entries WHERE chunk_rowid IN (SELECT rowid FROM chunks WHERE record_rowid = ?)').run(top.recordRowid);
    expect(vectorSearch(t.db, q!, { k: 5, probes: 6 }).map((h) => h.recordRowid)).not.toContain(top.recordRowid);
    const org = z.number().parse(t.db.prepare('SELECT org_id FROM records WHERE rowid = ?').pluck().get(top.recordRowid));
    expect(vectorSearch(t.db, q!, { k: 1, orgId: org })[0]?.recordRowid).toBe(top.recordRowid);
  });

  it("answer a large client's scoped queries from the lists, with that client's records only", async () => {
    const t = testDb();
    // Org 1 holds 120 of 150 chunks: more than 4 probed lists hold (4 × 150 / 6 = 100).
    const ids = records(0, 150).map((r, i) => upsertRecord(t.db, { ...r, orgId: i < 120 ? 1 : 2 }));
    await update(t.db);
    const orgOf = (rowid: number) => z.number().parse(t.db.prepare('SELECT org_id FROM records WHERE rowid = ?').pluck().get(rowid));
    for (const i of [3, 57, 111]) {
      const body = z.string().parse(t.db.prepare('SELECT body FROM records WHERE rowid = ?').pluck().get(ids[i]));
      const [q] = await embedder.embed([`Configuration: device-${i}\n${body}`]);
      const hits = vectorSearch(t.db, q!, { k: 8, orgId: 1, probes: 4 });
      expect(hits).toHaveLength(8);
      expect(hits.every((h) => orgOf(h.recordRowid) === 1)).toBe(true);
      expect(new Set(hits.map((h) => h.recordRowid)).size).toBe(8);
      expect(hits[0]?.recordRowid).toBe(ids[i]);
      // The small client is still read from its own codes: exact.
      const small = vectorSearch(t.db, q!, { k: 5, orgId: 2, probes: 4 });
      expect(small.map((h) => h.recordRowid)).toEqual(exactNearest(t.db, q!, 150).filter((w) => orgOf(w.record) === 2).slice(0, 5).map((w) => w.record));
    }
  });

  it('read more lists when the nearest ones hold fewer than k records', async () => {
    const t = testDb();
    records(0, 100).forEach((r) => upsertRecord(t.db, r));
    await update(t.db);
    const [q] = await embedder.embed(['firewall']);
    const hits = vectorSearch(t.db, q!, { k: 100, probes: 1 });
    expect(hits).toHaveLength(100);
    expect(new Set(hits.map((h) => h.recordRowid)).size).toBe(100);
  });

  it('move an updated record\'s chunks to their new lists and drop a deleted record\'s, in the same pass', async () => {
    const t = testDb();
    const ids = records(0, 90).map((r) => upsertRecord(t.db, r));
    await update(t.db);
    const chunksOf = (record: number) => t.db.prepare('SELECT rowid FROM chunks WHERE record_rowid = ?').pluck().all(record).map((x) => z.number().parse(x));
    const [before] = chunksOf(ids[5]!);
    upsertRecord(t.db, { type: 'configurations', itglueId: 'c5', orgId: 3, name: 'device-5', body: 'tape rotation offsite vault courier schedule' });
    upsertRecord(t.db, { type: 'configurations', itglueId: 'c6', orgId: 1, name: 'device-6', body: 'gone', deleted: true });
    const gone = chunksOf(ids[6]!);
    expect(await update(t.db)).toMatchObject({ embeddedRecords: 1, removedRecords: 1, listsTrained: false });
    expect(n(t.db, 'SELECT count(*) AS n FROM ivf_entries WHERE chunk_rowid = ?', before)).toBe(0);
    for (const c of gone) expect(n(t.db, 'SELECT count(*) AS n FROM ivf_entries WHERE chunk_rowid = ?', c)).toBe(0);
    expectEveryChunkFiledOnce(t.db);
    // The updated record is found by its new words, through the lists.
    const [q] = await embedder.embed(['Configuration: device-5\ntape rotation offsite vault courier schedule']);
    expect(vectorSearch(t.db, q!, { k: 1, probes: 6 })[0]?.recordRowid).toBe(ids[5]);
    expect(vectorSearch(t.db, q!, { k: 90, probes: 6 }).map((h) => h.recordRowid)).not.toContain(ids[6]);
  });

  it('are retrained when the vectors have doubled; the old lists answer until the new ones hold every vector', async () => {
    const t = testDb();
    records(0, 70).forEach((r) => upsertRecord(t.db, r));
    await update(t.db);
    const [first] = generationsOf(t.db);
    records(70, 80).forEach((r) => upsertRecord(t.db, r));
    const [q] = await embedder.embed(['backup nas tape']);
    const seen: number[] = [];
    const r = await updateEmbeddings(t.db, embedder, {
      ...SMALL,
      onProgress: (p) => {
        // While the new lists fill, unscoped search still answers from the old ones.
        if (p.lists && p.lists.done < p.lists.total) seen.push(vectorSearch(t.db, q!, { k: 3 }).length);
      },
    });
    expect(r).toMatchObject({ ok: true, value: { listsTrained: true, lists: 6 } });
    const gens = generationsOf(t.db);
    expect(gens).toHaveLength(1);
    expect(gens[0]!.generation).toBeGreaterThan(first!.generation);
    expectEveryChunkFiledOnce(t.db);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => x === 3)).toBe(true);
  });

  it('resume filing after a cancelled pass, and serve the bit scan until the first lists are complete', async () => {
    const t = testDb();
    records(0, 200).forEach((r) => upsertRecord(t.db, r));
    await update(t.db, { batchSize: 64 });
    expect(generationsOf(t.db)).toEqual([]);
    const model = { modelId: embedder.info.id, dim: 384 };
    const ac = new AbortController();
    const r = await maintainLists(t.db, model, { minVectors: 60, lists: 6, fileBatch: 50, signal: ac.signal, onProgress: (p) => p.done >= 100 && ac.abort() });
    expect(r).toEqual({ ok: false, cancelled: true });
    expect(generationsOf(t.db)).toEqual([expect.objectContaining({ state: 'building' })]);
    const filed = n(t.db, 'SELECT count(*) AS n FROM ivf_entries');
    expect(filed).toBeGreaterThanOrEqual(100);
    expect(filed).toBeLessThan(200);
    // Half-filled lists never answer: the bit scan does, exactly on this small store.
    const [q] = await embedder.embed(['router switch']);
    expect(vectorSearch(t.db, q!, { k: 5 }).map((h) => h.recordRowid)).toEqual(exactNearest(t.db, q!, 5).map((w) => w.record));

    // The next pass files only the rest, with the same lists.
    const progress: number[] = [];
    expect(await maintainLists(t.db, model, { minVectors: 60, lists: 6, fileBatch: 50, onProgress: (p) => progress.push(p.done) })).toEqual({ ok: true, trained: false, filed: 200 - filed, lists: 6 });
    expect(progress[0]).toBe(filed);
    expect(generationsOf(t.db)).toEqual([expect.objectContaining({ state: 'active' })]);
    expectEveryChunkFiledOnce(t.db);
  });

  it('are dropped with the vectors on a model change and trained again for the new model', async () => {
    const t = testDb();
    records(0, 80).forEach((r) => upsertRecord(t.db, r));
    await update(t.db);
    const [old] = generationsOf(t.db);
    t.db.prepare("UPDATE embedding_meta SET model_id = 'Xenova/all-MiniLM-L6-v2'").run();
    t.db.prepare("UPDATE chunks SET model_id = 'Xenova/all-MiniLM-L6-v2'").run();
    t.db.prepare("UPDATE ivf_generations SET model_id = 'Xenova/all-MiniLM-L6-v2'").run();
    // Another model's lists never answer this model's queries.
    expect(activeLists(t.db, 'Xenova/all-MiniLM-L6-v2', 384)).not.toBeNull();
    expect(activeLists(t.db, embedder.info.id, 384)).toBeNull();
    const [q] = await embedder.embed(['firewall']);
    expect(await update(t.db)).toMatchObject({ rebuilt: true, listsTrained: true, lists: 6 });
    expect(generationsOf(t.db)).toEqual([expect.objectContaining({ state: 'active' })]);
    expect(generationsOf(t.db)[0]!.generation).toBeGreaterThan(old!.generation);
    expectEveryChunkFiledOnce(t.db);
    expect(vectorSearch(t.db, q!, { k: 3, probes: 6 }).map((h) => h.recordRowid)).toEqual(exactNearest(t.db, q!, 3).map((w) => w.record));
  });

  it('are not built below the threshold; such a store answers from the bit scan', async () => {
    const t = testDb();
    records(0, 50).forEach((r) => upsertRecord(t.db, r));
    expect(await update(t.db, { batchSize: 32 })).toMatchObject({ lists: null, listsTrained: false });
    expect(LISTS_FROM_VECTORS).toBeGreaterThan(50);
    expect(n(t.db, 'SELECT count(*) AS n FROM ivf_generations')).toBe(0);
    const [q] = await embedder.embed(['printer']);
    expect(vectorSearch(t.db, q!, { k: 4 }).map((h) => h.recordRowid)).toEqual(exactNearest(t.db, q!, 4).map((w) => w.record));
  });

  it('number about the square root of the vectors', () => {
    expect(listCountFor(20_000)).toBe(141);
    expect(listCountFor(1_000_000)).toBe(1000);
    expect(listCountFor(100_000_000)).toBe(4096);
  });
});

const DIM = 384;
const SYNTHETIC = { modelId: 'test/synthetic', dim: DIM };

/** `count` chunks with clustered unit vectors (as the bench's), written straight to the tables the lists read. */
function addSyntheticVectors(db: TestDb['db'], from: number, count: number): Float32Array[] {
  const rnd = seeded(1000 + from);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const topics = Array.from({ length: 16 }, (_, i) => {
    const r = seeded(7 + i);
    return Float32Array.from({ length: DIM }, () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r()));
  });
  const insRec = db.prepare("INSERT INTO records (rowid, type, itglue_id, org_id, name, body, attrs, content_hash) VALUES (?, 'configurations', ?, 1, ?, '', '{}', 'h')");
  const insChunk = db.prepare("INSERT INTO chunks (rowid, record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, ?, 0, 1, ?, 's', ?)");
  const insFloats = db.prepare('INSERT INTO chunk_floats (chunk_rowid, embedding) VALUES (?, ?)');
  const out: Float32Array[] = [];
  db.transaction(() => {
    for (let id = from; id < from + count; id++) {
      const t = topics[Math.floor(rnd() * topics.length)]!;
      const v = unit(Float32Array.from({ length: DIM }, (_, j) => t[j]! + 0.8 * gauss()));
      out.push(v);
      insRec.run(id, `s${id}`, `cfg-${id}`);
      insChunk.run(id, id, `t${id}`, SYNTHETIC.modelId);
      insFloats.run(id, Buffer.from(v.buffer));
    }
  })();
  return out;
}

/** A worker script that exits with code 3 at its first request. */
function crashingWorker(): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'glue-kmeans-')), 'crashing-worker.mjs');
  writeFileSync(file, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
  return pathToFileURL(file);
}

describe('inverted lists built on a worker thread', () => {
  it('stop training at once when cancelled: no lists are written and the thread stops using the CPU', async () => {
    const t = testDb();
    addSyntheticVectors(t.db, 1, 6000);
    const ac = new AbortController();
    const t0 = performance.now();
    // 1,000 lists from 6,000 vectors: ~2 s of training here, cancelled 200 ms in.
    setTimeout(() => ac.abort(), 200);
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 1000, signal: ac.signal })).toEqual({ ok: false, cancelled: true });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(generationsOf(t.db)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });

  it('report a worker that crashes while retraining; the lists in use keep answering', async () => {
    const t = testDb();
    const vectors = addSyntheticVectors(t.db, 1, 300);
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8 })).toMatchObject({ ok: true, trained: true, lists: 8 });
    const before = generationsOf(t.db);
    const entries = n(t.db, 'SELECT count(*) AS n FROM ivf_entries');
    addSyntheticVectors(t.db, 301, 300);
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8, workerUrl: crashingWorker() })).toEqual({
      ok: false,
      cancelled: false,
      message: 'The worker that builds the inverted lists for search by meaning stopped (exit code 3); the current lists keep answering.',
    });
    expect(generationsOf(t.db)).toEqual(before);
    expect(n(t.db, 'SELECT count(*) AS n FROM ivf_entries')).toBe(entries);
    const active = activeLists(t.db, SYNTHETIC.modelId, DIM);
    expect(active?.generation).toBe(before[0]!.generation);
    expect(listNeighbours(t.db, active!, vectors[17]!, 1, 8)[0]).toMatchObject({ chunk: 18, distance: expect.closeTo(0, 5) });
    // A working worker retrains on the next pass.
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8 })).toMatchObject({ ok: true, trained: true, filed: 600 });
  });

  it('report a worker that crashes while filing; the half-filled lists resume on the next pass', async () => {
    const t = testDb();
    addSyntheticVectors(t.db, 1, 400);
    const ac = new AbortController();
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8, fileBatch: 100, signal: ac.signal, onProgress: (p) => p.done >= 100 && ac.abort() })).toEqual({ ok: false, cancelled: true });
    const building = generationsOf(t.db);
    expect(building).toEqual([expect.objectContaining({ state: 'building' })]);
    const filed = n(t.db, 'SELECT count(*) AS n FROM ivf_entries');
    const r = await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8, fileBatch: 100, workerUrl: crashingWorker() });
    expect(r).toMatchObject({ ok: false, cancelled: false, message: expect.stringContaining('exit code 3') });
    expect(generationsOf(t.db)).toEqual(building);
    expect(n(t.db, 'SELECT count(*) AS n FROM ivf_entries')).toBe(filed);
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8 })).toEqual({ ok: true, trained: false, filed: 400 - filed, lists: 8 });
    expectEveryChunkFiledOnce(t.db);
  });

  it('do not file a vector over the chunk that took its rowid while the worker was filing it', async () => {
    const t = testDb();
    addSyntheticVectors(t.db, 1, 200);
    // Chunk 200 (the highest rowid) is rewritten after the first pool is written; the second
    // pool's rows were read before that, while the worker filed the first.
    const replacement = unit(Float32Array.from({ length: DIM }, (_, j) => (j % 5) - 2));
    let swapped = false;
    const onProgress = ({ done }: { done: number }) => {
      if (swapped || done < 100) return;
      swapped = true;
      t.db.prepare('DELETE FROM chunks WHERE rowid = 200').run();
      t.db.prepare("INSERT INTO chunks (rowid, record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (200, 200, 0, 1, 'rewritten', 's', ?)").run(SYNTHETIC.modelId);
      t.db.prepare('INSERT INTO chunk_floats (chunk_rowid, embedding) VALUES (200, ?)').run(Buffer.from(replacement.buffer));
      // What the vector writer does with a new chunk: file it in every generation, the one being built too.
      listWriter(t.db, SYNTHETIC.modelId, DIM)(200n, replacement);
    };
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 8, fileBatch: 100, onProgress })).toMatchObject({ ok: true, trained: true });
    expect(swapped).toBe(true);
    expectEveryChunkFiledOnce(t.db);
    const active = activeLists(t.db, SYNTHETIC.modelId, DIM)!;
    const entry = z.object({ list_id: z.number(), code: z.instanceof(Buffer) }).parse(t.db.prepare('SELECT list_id, code FROM ivf_entries WHERE chunk_rowid = 200').get());
    expect(entry.code.equals(int8Code(replacement))).toBe(true);
    expect(entry.list_id).toBe(active.base + fileInList(active.lists, replacement));
  });

  it('file every vector in the list and with the code the caller would compute itself', async () => {
    const t = testDb();
    const vectors = addSyntheticVectors(t.db, 1, 700);
    // Pools of 300 (the last one short), each written in list order.
    expect(await maintainLists(t.db, SYNTHETIC, { minVectors: 100, lists: 12, fileBatch: 300 })).toMatchObject({ ok: true, filed: 700, lists: 12 });
    expectEveryChunkFiledOnce(t.db);
    const active = activeLists(t.db, SYNTHETIC.modelId, DIM)!;
    const rows = t.db.prepare('SELECT list_id, chunk_rowid, code FROM ivf_entries ORDER BY chunk_rowid').all().map((r) => z.object({ list_id: z.number(), chunk_rowid: z.number(), code: z.instanceof(Buffer) }).parse(r));
    rows.forEach((r) => {
      const v = vectors[r.chunk_rowid - 1]!;
      expect(r.list_id).toBe(active.base + fileInList(active.lists, v));
      expect(r.code.equals(int8Code(v))).toBe(true);
    });
  });
});
