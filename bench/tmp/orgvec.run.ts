import Database from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';
import { existsSync } from 'node:fs';
const PATH = '/work/bench-data/orgvec.db';
const N = 1_000_000, DIM = 384, ORGS = 3000;
function open() {
  const fresh = !existsSync(PATH); const db = new Database(PATH);
  db.pragma(`cipher='sqlcipher'`); db.pragma(`key="x'${'ab'.repeat(32)}'"`);
  if (fresh) db.pragma('page_size = 16384'); db.pragma('cache_size = -65536'); db.pragma('journal_mode = WAL');
  sqliteVec.load(db); return db;
}
let s = 12345;
const rnd = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const topics = Array.from({ length: 64 }, () => Float32Array.from({ length: DIM }, gauss));
const mk = () => { const t = topics[Math.floor(rnd() * 64)]!; const v = Float32Array.from({ length: DIM }, (_, i) => t[i]! + 0.8 * gauss()); const n = Math.hypot(...v); return v.map((x) => x / n); };
function code(v: Float32Array) { let m = 0; for (const x of v) m = Math.max(m, Math.abs(x)); const o = new Int8Array(v.length); for (let j = 0; j < v.length; j++) o[j] = Math.round(v[j]! * 127 / m); return Buffer.from(o.buffer); }
// zipf org weights
const w = Array.from({ length: ORGS }, (_, i) => 1 / Math.pow(i + 1, 0.9)); const W = w.reduce((a, b) => a + b); const cdf: number[] = []; let acc = 0; for (const x of w) { acc += x / W; cdf.push(acc); }
const pickOrg = () => { const r = rnd(); let lo = 0, hi = ORGS - 1; while (lo < hi) { const m = (lo + hi) >> 1; if (cdf[m]! < r) lo = m + 1; else hi = m; } return lo + 1; };
if (!existsSync(PATH)) {
  const db = open();
  db.exec(`CREATE TABLE chunks (rowid INTEGER PRIMARY KEY, org_id INTEGER); CREATE INDEX chunks_org ON chunks(org_id);
  CREATE TABLE chunk_floats (chunk_rowid INTEGER PRIMARY KEY, embedding BLOB NOT NULL);
  CREATE TABLE org_codes (org_id INTEGER NOT NULL, chunk_rowid INTEGER NOT NULL, code BLOB NOT NULL, PRIMARY KEY (org_id, chunk_rowid)) WITHOUT ROWID;`);
  const a = db.prepare('INSERT INTO chunks (rowid, org_id) VALUES (?, ?)'), b = db.prepare('INSERT INTO chunk_floats VALUES (?, ?)'), c = db.prepare('INSERT INTO org_codes VALUES (?, ?, ?)');
  const t0 = performance.now(); let tc = 0;
  for (let i = 1; i <= N; i += 2000) {
    const rows = Array.from({ length: 2000 }, (_, j) => ({ id: i + j, org: pickOrg(), v: mk() }));
    const t1 = performance.now();
    db.transaction(() => { for (const r of rows) { a.run(r.id, r.org); b.run(r.id, Buffer.from(r.v.buffer)); c.run(r.org, r.id, code(r.v)); } })();
    tc += performance.now() - t1;
    if (i % 100001 < 2000) console.log(i, ((performance.now() - t0) / 1000).toFixed(0), 's, write', (tc / 1000).toFixed(0), 's');
  }
  db.close();
}
const db = open();
const sizes = db.prepare('SELECT org_id, count(*) n FROM chunks GROUP BY org_id ORDER BY n DESC').all() as { org_id: number; n: number }[];
const pickSized = (n: number) => sizes.reduce((best, x) => (Math.abs(x.n - n) < Math.abs(best.n - n) ? x : best));
const exact = db.prepare('SELECT c.rowid, vec_distance_cosine(f.embedding, ?) d FROM chunks c JOIN chunk_floats f ON f.chunk_rowid = c.rowid WHERE c.org_id = ? ORDER BY d LIMIT 10');
const coarse = db.prepare(`WITH k AS MATERIALIZED (SELECT chunk_rowid FROM org_codes WHERE org_id = ? ORDER BY vec_distance_cosine(vec_int8(code), vec_int8(?)) LIMIT ?)
  SELECT k.chunk_rowid rowid, vec_distance_cosine(f.embedding, ?) d FROM k JOIN chunk_floats f ON f.chunk_rowid = k.chunk_rowid ORDER BY d LIMIT 10`);
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.floor((p / 100) * (xs.length - 1))]!;
for (const target of [300, 3000, 1e9]) {
  const o = pickSized(target);
  const tE: number[] = [], tC: number[] = []; let rec = 0;
  for (let q = 0; q < 20; q++) {
    const v = mk(); const qb = Buffer.from(v.buffer);
    let t = performance.now(); const e = exact.all(qb, o.org_id) as { rowid: number }[]; tE.push(performance.now() - t);
    t = performance.now(); const c = coarse.all(o.org_id, code(v), 100, qb) as { rowid: number }[]; tC.push(performance.now() - t);
    const es = new Set(e.map((r) => r.rowid)); rec += c.filter((r) => es.has(r.rowid)).length / e.length;
  }
  console.log(`org ${o.org_id} n=${o.n}: exact first ${tE[0]!.toFixed(1)} p50 ${pct(tE, 50).toFixed(1)} p95 ${pct(tE, 95).toFixed(1)} | codes first ${tC[0]!.toFixed(1)} p50 ${pct(tC, 50).toFixed(1)} p95 ${pct(tC, 95).toFixed(1)} recall ${(rec / 20 * 100).toFixed(0)}%`);
}
