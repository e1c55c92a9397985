// Figures for search and answers on a 100k-record demo tenant written through the store writer
// (the path sync takes). Prints, never asserts on timing.
//   npm run bench -- bench/search.bench.ts
// BENCH_RECORDS (default 100000) sets the tenant size in stored records (the generator's scale
// also counts related items and fields, so it is raised until the records reach it);
// BENCH_SAMPLES (default 200) the queries per figure. BENCH_EMBED_LIMIT stops the embedding
// build after that many records (the fixture embeds ~40-120 chunks/s, so 100k takes 15-40 min):
// the build time is then extrapolated and hybrid latency runs over a partial vector index. Goals: exact lookup p95 ≤ 10 ms; ask/search p95 ≤ 100 ms with the query embedding.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { z } from 'zod';
import { ask, type AnswerContext } from '../electron/core/answers/engine';
import { retrieve } from '../electron/core/answers/retrieve';
import { generateDemoTenant } from '../electron/core/itglue/fake/generator';
import { createEmbedder } from '../electron/core/search/embedder';
import { createSearchContext, search, type SearchContext } from '../electron/core/search/search';
import { fixtureModelsDir } from '../electron/core/search/test-models';
import { updateEmbeddings } from '../electron/core/search/vectors';
import { DEMO_TODAY, seedDemoStore } from '../electron/core/testing/seed-demo';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const EMBED_LIMIT = Number(process.env.BENCH_EMBED_LIMIT ?? Infinity);

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function timed(inputs: readonly string[], f: (q: string) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const q of inputs) {
    const t = performance.now();
    await f(q);
    out.push(performance.now() - t);
  }
  return out;
}

const line = (label: string, xs: readonly number[], goal: number) => {
  const p95 = pct(xs, 95);
  return `  ${label.padEnd(46)} p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(0).padStart(4)} ms  ${p95 <= goal ? 'ok' : 'MISSED'} (goal p95 ≤ ${goal} ms)`;
};

/** Spreads `n` picks evenly over `xs` (deterministic). */
const count = z.object({ n: z.number() });

const spread = <T,>(xs: readonly T[], n: number): T[] => (xs.length === 0 ? [] : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!));

/**
 * Generates the tenant, writes it through the store writer and picks the sample questions. The
 * generated JSON is unreachable once this returns, so it does not weigh on the timed part's GC.
 */
function prepareTenant(dir: string) {
  let t = performance.now();
  // Records per generator unit is stable for a tenant shape: measure it on a small one.
  const recordKeys = ['organizations', 'configurations', 'configuration_interfaces', 'passwords', 'flexible_assets', 'flexible_asset_types', 'flexible_asset_fields', 'contacts', 'locations', 'domains', 'documents', 'document_sections'] as const;
  const recordsIn = (d: ReturnType<typeof generateDemoTenant>) => recordKeys.reduce((n, k) => n + (d[k]?.data.length ?? 0), 0);
  const probe = recordsIn(generateDemoTenant({ today: DEMO_TODAY, scale: 20_000 }));
  const dataset = generateDemoTenant({ today: DEMO_TODAY, scale: Math.ceil((RECORDS * 20_000 * 1.01) / probe) });
  const genS = (performance.now() - t) / 1000;
  t = performance.now();
  const { store } = seedDemoStore(dir, { dataset });
  const writeS = (performance.now() - t) / 1000;
  const db = store.db;
    const records = count.parse(db.prepare('SELECT count(*) AS n FROM records').get()).n;
  console.log(`\nsearch bench: ${records} records (generated in ${genS.toFixed(1)} s); written through the store writer incl. FTS5 in ${writeS.toFixed(1)} s = ${(records / writeS).toFixed(0)} records/s`);

  const attr = (key: string, k: string) => (dataset[key as 'configurations']?.data ?? []).map((r) => r.attributes[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  const ips = spread(attr('configurations', 'primary-ip'), SAMPLES);
  const hosts = spread(attr('configurations', 'hostname'), SAMPLES);
  const serials = spread(attr('configurations', 'serial-number'), SAMPLES);
  const macs = spread(attr('configuration_interfaces', 'mac-address'), SAMPLES);
  const orgNames = attr('organizations', 'name');
  const docNames = attr('documents', 'name');
  const pwNames = attr('passwords', 'name');
  const topics = ['backup schedule', 'vpn setup', 'printer toner', 'firewall rules', 'wifi password', 'onboarding a new user', 'domain renewal', 'server warranty'];
  const exactQs = [...ips.map((ip) => `what is ${ip}`), ...hosts.map((h) => `where is ${h}`), ...serials.map((s) => `serial ${s}`), ...macs.map((m) => `who has ${m}`)];
  // Distinct texts, so the query-embedding cache never answers for the embedder.
  const askQs = spread(orgNames, SAMPLES).map((o, i) => {
    switch (i % 4) {
      case 0:
        return `${topics[i % topics.length]} for ${o}`;
      case 1:
        return `password for ${pwNames[(i * 37) % pwNames.length]} at ${o}`;
      case 2:
        return `how do I ${docNames[(i * 13) % docNames.length]?.toLowerCase()} (${i})`;
      default:
        return `${topics[(i * 3) % topics.length]} ${i}`;
    }
  });
  const searchQs = askQs.map((q) => q.replace(/^how do I /, ''));
  return { store, records, writeS, exactQs, askQs, searchQs, ips };
}

it(`search and answers on a ${RECORDS}-record demo tenant`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glue-search-bench-'));
  const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
  try {
    const { store, records, writeS, exactQs, askQs, searchQs, ips } = prepareTenant(dir);
    const db = store.db;
    let t = performance.now();
    const orgIds = z.array(z.object({ id: z.number() })).parse(db.prepare('SELECT id FROM organizations ORDER BY id').all()).map((o) => o.id);

    const kw: SearchContext = createSearchContext(store, { cacheSize: 0 });
    const kwAsk: AnswerContext = { search: kw, today: new Date(`${DEMO_TODAY}T12:00:00Z`) };
    await ask(kwAsk, 'warm up'); // statements and the org list, once
    const rows: string[] = [];
    rows.push(line('exact lookup, reader.findByIp', await timed(ips, async (ip) => kw.reader.findByIp(ip)), 10));
    rows.push(line('exact lookup via ask() (IP/host/serial/MAC)', await timed(exactQs, (q) => ask(kwAsk, q)), 10));
    rows.push(line('search, keyword-only', await timed(searchQs, (q) => search(kw, { query: q, limit: 20 })), 100));
    rows.push(line('search, keyword-only, scoped to one org', await timed(searchQs.map((q) => `${q} k`), (q) => search(kw, { query: q, orgId: orgIds[q.length % orgIds.length], limit: 20 })), 100));
    rows.push(line('search as the doors run it (retrieve), keyword', await timed(searchQs.map((q) => `${q} r`), (q) => retrieve(kw, { query: q, limit: 20 })), 100));
    rows.push(line('ask, keyword-only', await timed(askQs, (q) => ask(kwAsk, q)), 100));
    console.log(`keyword-only latency so far:\n${rows.join('\n')}`);

    t = performance.now();
    let lastPrint = 0;
    const stop = new AbortController();
    const built = await updateEmbeddings(db, embedder, {
      batchSize: 64,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.done >= EMBED_LIMIT) stop.abort();
        if (p.done - lastPrint >= Math.min(p.total, EMBED_LIMIT) / 10) {
          lastPrint = p.done;
          console.log(`  embedding ${p.done}/${p.total} records, ${p.chunksPerSecond.toFixed(0)} chunks/s`);
        }
      },
    });
    const embedS = (performance.now() - t) / 1000;
    if (!built.ok && built.error.code !== 'CANCELLED') throw new Error(built.error.message);
    const chunks = count.parse(db.prepare('SELECT count(*) AS n FROM chunks').get()).n;
    const embedded = count.parse(db.prepare('SELECT count(DISTINCT record_rowid) AS n FROM chunks').get()).n;
    const partial = embedded < records;

    const hy: SearchContext = createSearchContext(store, { embedder, cacheSize: 0 });
    const hyAsk: AnswerContext = { search: hy, today: kwAsk.today };
    const warm = await search(hy, { query: 'warm up', limit: 5 });
    if (warm.mode !== 'hybrid') throw new Error(`expected hybrid mode, got ${warm.mode}: ${warm.note ?? ''}`);
    const embedOnly = await timed(askQs, (q) => embedder.embed([`${q} once`]));
    rows.push(line('query embedding alone (fixture)', embedOnly, 100));
    rows.push(line('exact lookup via ask(), hybrid', await timed(exactQs.map((q) => `${q} `), (q) => ask(hyAsk, q)), 10));
    rows.push(line('search, hybrid, unscoped', await timed(searchQs.map((q) => `${q} h`), (q) => search(hy, { query: q, limit: 20 })), 100));
    rows.push(line('search as the doors run it (retrieve), hybrid', await timed(searchQs.map((q) => `${q} rh`), (q) => retrieve(hy, { query: q, limit: 20 })), 100));
    rows.push(line('search, hybrid, scoped to one org', await timed(searchQs.map((q) => `${q} s`), (q) => search(hy, { query: q, orgId: orgIds[q.length % orgIds.length], limit: 20 })), 100));
    rows.push(line('ask, hybrid', await timed(askQs.map((q) => `${q} a`), (q) => ask(hyAsk, q)), 100));

    console.log(
      `\nindex build for ${records} records: records + FTS5 via the writer ${writeS.toFixed(1)} s; ` +
        `embeddings (FIXTURE model, non-semantic) ${embedded} records / ${chunks} chunks in ${embedS.toFixed(0)} s = ${(chunks / embedS).toFixed(0)} chunks/s` +
        (partial ? ` — STOPPED at BENCH_EMBED_LIMIT; all ${records} records would take ~${((records / embedded) * embedS / 60).toFixed(0)} min; hybrid rows below ran over this partial vector index` : ''),
    );
    console.log(`latency, ${SAMPLES} samples per row (${exactQs.length} for exact via ask):\n${rows.join('\n')}`);
    store.close();
  } finally {
    await embedder.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
