// Figures for embeddings and vector search. Prints, never asserts on timing.
//   npm run bench -- bench/embeddings.bench.ts
// BENCH_VECTORS (default 100000) sets the size of the full index, written through the store's
// vector writer (floats, signs, each org's codes; then inverted lists), over BENCH_ORGS orgs
// (default 3000, sizes Zipf-skewed as a real tenant's: a few large clients, many small ones).
// BENCH_COARSE_VECTORS (default 1000000) sets the size of the unscoped path's own tables alone
// (chunk_signs + chunk_floats, then the inverted lists built from them), measured against an
// exact scan done in memory. BENCH_COARSE_VECTORS=100000 is a quick run (~1 min); 1M takes
// ~10 min. `-t 'vector KNN'` runs the full index alone.
import { it } from 'vitest';
import { z } from 'zod';
import { createEmbedder } from '../electron/core/search/embedder';
import { fixtureModelsDir } from '../electron/core/search/test-models';
import { DEFAULT_PROBES, listCountFor, LISTS_OVERSAMPLE, maintainLists } from '../electron/core/search/vector-lists';
import { DEFAULT_OVERSAMPLE, updateEmbeddings, vectorSearch, vectorWriter } from '../electron/core/search/vectors';
import { openTestDb, upsertRecord } from '../electron/core/search/vectors-test-db';
import { withCheckpointer } from '../electron/core/store/checkpointer';
import { createTempStore } from '../electron/core/store/testing';

const N = Number(process.env.BENCH_VECTORS ?? 100_000);
const COARSE_N = Number(process.env.BENCH_COARSE_VECTORS ?? 1_000_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 3000);
const DIM = 384;

/**
 * The longest the caller's event loop went without running a 5 ms timer (the app's IPC and the
 * MCP server's tool calls wait that long), reset by take().
 */
function stallMeter() {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  return {
    take(): number {
      const now = performance.now();
      const w = Math.max(worst, now - last);
      worst = 0;
      last = now;
      return w;
    },
    stop: () => clearInterval(timer),
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Org of the i-th vector: org o drawn with weight 1/o^0.9 (deterministic in i). */
function orgPicker(): (i: number) => number {
  const cdf: number[] = [];
  let acc = 0;
  for (let o = 1; o <= ORGS; o++) cdf.push((acc += 1 / o ** 0.9));
  return (i) => {
    const r = (((i * 2654435761) >>> 0) / 2 ** 32) * acc;
    let lo = 0;
    let hi = ORGS - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (cdf[m]! < r) lo = m + 1;
      else hi = m;
    }
    return lo + 1;
  };
}

/** Clustered unit vectors (topics + noise), closer to real embeddings than uniform noise. */
function vectorMaker(seed: number) {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const topics = Array.from({ length: 64 }, () => Float32Array.from({ length: DIM }, gauss));
  return () => {
    const t = topics[Math.floor(rnd() * topics.length)]!;
    const v = Float32Array.from({ length: DIM }, (_, i) => t[i]! + 0.8 * gauss());
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
}

it('embedding throughput with the fixture model', async () => {
  const t = openTestDb();
  const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
  try {
    const words = 'firewall vpn backup printer switch router exchange domain laptop camera ups nas wifi dns dhcp ssl certificate license warranty'.split(' ');
    for (let i = 0; i < 600; i++) {
      const body = Array.from({ length: 40 + (i % 200) }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' ');
      upsertRecord(t.db, { type: 'documents', itglueId: String(i), orgId: 1 + (i % 20), name: `Doc ${i}`, body });
    }
    const t0 = performance.now();
    const r = await updateEmbeddings(t.db, embedder, { batchSize: 32 });
    const s = (performance.now() - t0) / 1000;
    if (!r.ok) throw new Error(r.error.message);
    console.log(
      `\nembeddings (FIXTURE model ${embedder.info.id}): ${r.value.embeddedRecords} records, ${r.value.embeddedChunks} chunks in ${s.toFixed(1)} s = ${(r.value.embeddedChunks / s).toFixed(0)} chunks/s` +
        `\n  NOTE: the fixture is a tiny non-semantic graph; this is NOT the real MiniLM throughput (6 transformer layers; measure it with the real model installed).`,
    );
  } finally {
    await embedder.close();
    t.close();
  }
});

it(`vector KNN on ${N} synthetic vectors in a SQLCipher store`, async () => {
  const t = openTestDb();
  const { db } = t;
  try {
    db.pragma('cache_size = -65536'); // 64 MB: the store's own budget, far below the 400 MB a float scan would want
    db.prepare("INSERT INTO embedding_meta (id, model_id, dim) VALUES (1, 'bench/synthetic', 384)").run();
    const next = vectorMaker(42);
    const orgOf = orgPicker();
    const insRec = db.prepare("INSERT INTO records (rowid, type, itglue_id, org_id, name, body, attrs, content_hash) VALUES (?, 'configurations', ?, ?, ?, '', '{}', 'h')");
    const insChunk = db.prepare("INSERT INTO chunks (rowid, record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, ?, 0, ?, 't', 's', 'bench/synthetic')");
    const writeVector = vectorWriter(db);
    const samples: Float32Array[] = [];
    const t0 = performance.now();
    const BATCH = 5000;
    for (let start = 1; start <= N; start += BATCH) {
      db.transaction(() => {
        for (let id = start; id < Math.min(start + BATCH, N + 1); id++) {
          const org = orgOf(id);
          const v = next();
          if (id % Math.floor(N / 60) === 0 && samples.length < 60) samples.push(v);
          const b = Buffer.from(v.buffer);
          insRec.run(id, String(id), org, `cfg-${id}`);
          insChunk.run(id, id, org);
          writeVector(BigInt(id), BigInt(org), b);
        }
      })();
    }
    const loadS = (performance.now() - t0) / 1000;

    // Queries near stored vectors (as a real question is near the text that answers it), so
    // recall against the exact scan means something; fresh random vectors have no true neighbours.
    const queries = samples.map((v, i) => {
      const w = v.map((x, j) => x + 0.02 * Math.sin(i * 31 + j * 7));
      const n = Math.hypot(...w);
      return w.map((x) => x / n);
    });
    const time = (f: () => unknown) => {
      const a = performance.now();
      f();
      return performance.now() - a;
    };
    const ids = (rows: unknown[]) => new Set(rows.map((r) => z.object({ rowid: z.number() }).parse(r).rowid));
    vectorSearch(db, queries[0]!, { k: 10 }); // warm the statement cache and pages once

    // Scoped: orgs of about 300 and 3,000 vectors and the largest, each against an exact scan of
    // that org's floats (one chunk per record here, so chunk and record rowids agree).
    const sizes = db.prepare('SELECT org_id AS org, count(*) AS n FROM chunks GROUP BY org_id ORDER BY n DESC').all().map((r) => z.object({ org: z.number(), n: z.number() }).parse(r));
    const near = (n: number) => sizes.reduce((best, x) => (Math.abs(x.n - n) < Math.abs(best.n - n) ? x : best));
    const exactInOrg = db.prepare('SELECT c.rowid FROM chunks c JOIN chunk_floats f ON f.chunk_rowid = c.rowid WHERE c.org_id = ? ORDER BY vec_distance_cosine(f.embedding, ?) LIMIT 10');
    const scopedOrgs = [...new Map([near(300), near(3000), sizes[0]!].map((o) => [o.org, o])).values()];
    const orgTruth = new Map(scopedOrgs.map(({ org }) => [org, queries.map((q) => ids(exactInOrg.all(org, Buffer.from(q.buffer))))]));
    const scopedLines = (how: string) =>
      scopedOrgs.map(({ org, n }) => {
        let hit = 0;
        const times = queries.map((q, i) => {
          const truth = orgTruth.get(org)![i]!;
          const a = performance.now();
          const got = vectorSearch(db, q, { k: 10, orgId: org });
          const ms = performance.now() - a;
          hit += got.filter((h) => truth.has(h.recordRowid)).length / Math.max(1, truth.size);
          return ms;
        });
        return `  scoped, an org of ${String(n).padStart(6)} vectors (${how}): p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  recall@10 ${((hit / queries.length) * 100).toFixed(0)}%`;
      });
    const coarseOnly = db.prepare('SELECT chunk_rowid FROM chunk_signs ORDER BY vec_distance_hamming(vec_bit(bits), vec_quantize_binary(?)), chunk_rowid LIMIT ?');

    // Ground truth for recall: an exact full float scan (slow, so for 20 queries).
    const exact = db.prepare('SELECT chunk_rowid AS rowid FROM chunk_floats ORDER BY vec_distance_cosine(embedding, ?) LIMIT 10');
    const full: number[] = [];
    const truth = queries.slice(0, 20).map((q) => {
      const a = performance.now();
      const found = ids(exact.all(Buffer.from(q.buffer)));
      full.push(performance.now() - a);
      return found;
    });

    const lines: string[] = [];
    for (const oversample of [...new Set([10, 30, DEFAULT_OVERSAMPLE, 100])].sort((a, b) => a - b)) {
      const unscoped = queries.map((q) => time(() => vectorSearch(db, q, { k: 10, oversample })));
      const coarse = queries.map((q) => time(() => coarseOnly.all(Buffer.from(q.buffer), 10 * oversample)));
      let hit = 0;
      truth.forEach((found, i) => {
        for (const h of vectorSearch(db, queries[i]!, { k: 10, oversample })) if (found.has(h.recordRowid)) hit++;
      });
      const mark = oversample === DEFAULT_OVERSAMPLE ? ' (default)' : '';
      lines.push(
        `  unscoped, bit top ${String(10 * oversample).padStart(4)} + rescore${mark.padEnd(10)}: p50 ${pct(unscoped, 50).toFixed(1).padStart(5)} ms  p95 ${pct(unscoped, 95).toFixed(1).padStart(5)} ms  ` +
          `recall@10 vs exact ${((hit / (truth.length * 10)) * 100).toFixed(0).padStart(3)}%  (bit scan alone p50 ${pct(coarse, 50).toFixed(1)} ms)`,
      );
    }
    console.log(
      `\nvector index, ${N} vectors (chunk_floats, chunk_signs, org_codes) in ${sizes.length} orgs, SQLCipher, cache 64 MB (written in ${loadS.toFixed(0)} s, ${(N / loadS).toFixed(0)} vectors/s)\n` +
        scopedLines('its codes, best 100 re-scored').join('\n') +
        '\n' +
        lines.join('\n') +
        `\n  exact full float scan (reference):        p50 ${pct(full, 50).toFixed(0)} ms`,
    );

    // The same store once it has inverted lists: org-scoped search never reads them.
    const l0 = performance.now();
    const built = await maintainLists(db, { modelId: 'bench/synthetic', dim: DIM }, { minVectors: 1 });
    if (!built.ok) throw new Error('list build cancelled');
    const listS = (performance.now() - l0) / 1000;
    const listed = queries.map((q) => time(() => vectorSearch(db, q, { k: 10 })));
    let hit = 0;
    truth.forEach((found, i) => {
      for (const h of vectorSearch(db, queries[i]!, { k: 10 })) if (found.has(h.recordRowid)) hit++;
    });
    console.log(
      `  with ${built.lists} inverted lists (trained and filed in ${listS.toFixed(0)} s): unscoped (defaults) p50 ${pct(listed, 50).toFixed(1)} ms  p95 ${pct(listed, 95).toFixed(1)} ms  recall@10 vs exact ${((hit / (truth.length * 10)) * 100).toFixed(0)}%\n` +
        scopedLines('codes, or the lists for an org larger than 16 lists hold').join('\n'),
    );
  } finally {
    t.close();
  }
}, 3_600_000);

it(`unscoped vector search on ${COARSE_N} synthetic vectors: bit scan, then inverted lists, + float rescore, recall@10 against an exact scan`, async () => {
  // A real store: the lists are filed with its background checkpointer, as an embedding pass does.
  const t = createTempStore();
  const { db } = t.store;
  try {
    db.pragma('cache_size = -65536');
    db.prepare("INSERT INTO embedding_meta (id, model_id, dim) VALUES (1, 'bench/synthetic', 384)").run();
    const next = vectorMaker(7);
    const all = new Float32Array(COARSE_N * DIM);
    const insRec = db.prepare("INSERT INTO records (rowid, type, itglue_id, org_id, name, body, attrs, content_hash) VALUES (?, 'configurations', ?, ?, ?, '', '{}', 'h')");
    const insChunk = db.prepare("INSERT INTO chunks (rowid, record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, ?, 0, ?, 't', 's', 'bench/synthetic')");
    const insFloats = db.prepare('INSERT INTO chunk_floats (chunk_rowid, embedding) VALUES (?, ?)');
    const insSigns = db.prepare('INSERT INTO chunk_signs (chunk_rowid, bits) VALUES (?, vec_quantize_binary(?))');
    const t0 = performance.now();
    const BATCH = 10_000;
    for (let start = 1; start <= COARSE_N; start += BATCH) {
      db.transaction(() => {
        for (let id = start; id < Math.min(start + BATCH, COARSE_N + 1); id++) {
          const v = next();
          all.set(v, (id - 1) * DIM);
          const b = Buffer.from(v.buffer);
          insRec.run(id, String(id), 1 + (id % ORGS), `cfg-${id}`);
          insChunk.run(id, id, 1 + (id % ORGS));
          insFloats.run(id, b);
          insSigns.run(id, b);
        }
      })();
    }
    const loadS = (performance.now() - t0) / 1000;
    const queries = Array.from({ length: 40 }, (_, i) => {
      const at = Math.floor(((i + 0.5) * COARSE_N) / 40) * DIM;
      const w = all.slice(at, at + DIM).map((x, j) => x + 0.02 * Math.sin(i * 31 + j * 7));
      const n = Math.hypot(...w);
      return w.map((x) => x / n);
    });
    // Exact top 10 by cosine over every vector, in memory (the vectors are unit length).
    const exactTop = (q: Float32Array): Set<number> => {
      const best: { id: number; s: number }[] = [];
      for (let id = 0; id < COARSE_N; id++) {
        let dot = 0;
        const o = id * DIM;
        for (let j = 0; j < DIM; j++) dot += (q[j] as number) * (all[o + j] as number);
        if (best.length < 10 || dot > (best[best.length - 1] as { s: number }).s) {
          best.push({ id: id + 1, s: dot });
          best.sort((a, b) => b.s - a.s);
          if (best.length > 10) best.pop();
        }
      }
      return new Set(best.map((b) => b.id));
    };
    const truth = queries.slice(0, 20).map(exactTop);
    const time = (f: () => unknown) => {
      const a = performance.now();
      f();
      return performance.now() - a;
    };
    vectorSearch(db, queries[0]!, { k: 10 });
    const lines: string[] = [];
    for (const oversample of [...new Set([10, 30, DEFAULT_OVERSAMPLE, 100])].sort((a, b) => a - b)) {
      const xs = queries.map((q) => time(() => vectorSearch(db, q, { k: 10, oversample })));
      let hit = 0;
      truth.forEach((ids, i) => {
        for (const h of vectorSearch(db, queries[i]!, { k: 10, oversample })) if (ids.has(h.recordRowid)) hit++;
      });
      const mark = oversample === DEFAULT_OVERSAMPLE ? ' (default)' : '';
      lines.push(`  bit top ${String(10 * oversample).padStart(4)} + rescore${mark.padEnd(10)}: p50 ${pct(xs, 50).toFixed(0).padStart(4)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(4)} ms  recall@10 vs exact ${((hit / (truth.length * 10)) * 100).toFixed(0).padStart(3)}%`);
    }
    // The same store with inverted lists (what an embedding pass builds past LISTS_FROM_VECTORS).
    const bytes = () => z.number().parse(db.pragma('page_count', { simple: true })) * z.number().parse(db.pragma('page_size', { simple: true }));
    const sizeBefore = bytes();
    const t1 = performance.now();
    let trainedAt = 0;
    let trainStall = 0;
    const stalls = stallMeter();
    const built = await withCheckpointer(t.store, (checkpoints) =>
      maintainLists(db, { modelId: 'bench/synthetic', dim: DIM }, {
        minVectors: 1,
        checkpoints,
        onProgress: () => {
          if (trainedAt) return;
          trainedAt = performance.now();
          trainStall = stalls.take();
        },
      }),
    );
    const fileStall = stalls.take();
    stalls.stop();
    const buildS = (performance.now() - t1) / 1000;
    if (!built.ok) throw new Error('list build cancelled');
    lines.push(
      `  inverted lists: ${built.lists} lists (~sqrt N = ${listCountFor(COARSE_N)}): trained in ${((trainedAt - t1) / 1000).toFixed(1)} s, ${built.filed} vectors filed in ${((performance.now() - trainedAt) / 1000).toFixed(1)} s (${buildS.toFixed(0)} s in all); the file grew ${((bytes() - sizeBefore) / 2 ** 20).toFixed(0)} MB (was ${(sizeBefore / 2 ** 20).toFixed(0)} MB)`,
      `  caller's event loop while the lists were built: longest stall ${trainStall.toFixed(0)} ms training (sample read included), ${fileStall.toFixed(0)} ms filing`,
    );
    const probeSet = [...new Set([8, DEFAULT_PROBES, 24, 32])].sort((a, b) => a - b);
    for (const oversample of [...new Set([LISTS_OVERSAMPLE, 30, DEFAULT_OVERSAMPLE])].sort((a, b) => a - b)) {
      for (const probes of probeSet) {
        vectorSearch(db, queries[0]!, { k: 10, oversample, probes });
        const xs = queries.map((q) => time(() => vectorSearch(db, q, { k: 10, oversample, probes })));
        let hit = 0;
        truth.forEach((ids, i) => {
          for (const h of vectorSearch(db, queries[i]!, { k: 10, oversample, probes })) if (ids.has(h.recordRowid)) hit++;
        });
        const mark = oversample === LISTS_OVERSAMPLE && probes === DEFAULT_PROBES ? ' (default)' : '';
        lines.push(
          `  lists: ${String(probes).padStart(2)} probed, int8 top ${String(10 * oversample).padStart(4)} + rescore${mark.padEnd(10)}: p50 ${pct(xs, 50).toFixed(0).padStart(4)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(4)} ms  recall@10 vs exact ${((hit / (truth.length * 10)) * 100).toFixed(0).padStart(3)}%`,
        );
      }
    }
    console.log(`\nunscoped vector search, ${COARSE_N} vectors (chunk_signs + chunk_floats only), SQLCipher, cache 64 MB (load ${loadS.toFixed(0)} s)\n${lines.join('\n')}`);
  } finally {
    t.cleanup();
  }
}, 3_600_000);
