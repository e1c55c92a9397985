// The vector half of search, with the shared fixture model over a seeded demo store: hybrid
// mode is reported, fusion is deterministic, org scoping holds, exact identifiers still lead,
// and no password value reaches any table outside the sealed secrets.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RecordType } from '../../../shared/domain';
import { passwordValues, seedDemoTemp, type SeededStore } from '../testing/seed-demo';
import { chunkRecord } from './chunker';
import { createEmbedder } from './embedder';
import { fuse, RRF_K } from './rank';
import { createSearchContext, search, type SearchContext } from './search';
import { fixtureModelsDir } from './test-models';
import { embedQuery, Lru, nearestRecords } from './hybrid';
import { embeddingMeta, updateEmbeddings, type VectorHit } from './vectors';

const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });

describe('hybrid search with the fixture model', () => {
  let s: SeededStore & { dir: string };
  let ctx: SearchContext;
  beforeAll(async () => {
    s = seedDemoTemp();
    ctx = createSearchContext(s.store, { embedder });
    const before = await search(ctx, { query: 'backup schedule', limit: 5 });
    expect(before.mode).toBe('keyword');
    expect(before.note).toMatch(/no embeddings have been built yet/);
    const built = await updateEmbeddings(s.store.db, embedder, { batchSize: 128 });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.embeddedRecords).toBeGreaterThan(100);
  });
  afterAll(async () => {
    s.close();
    await embedder.close();
  });

  it('reports hybrid mode and uses vector neighbours', async () => {
    const r = await search(ctx, { query: 'how do we rotate the backup tapes', limit: 20 });
    expect(r.mode).toBe('hybrid');
    expect(r.note).toBeNull();
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.some((h) => h.matched.includes('vector'))).toBe(true);
    // A query whose words no record holds together still finds neighbours through the vectors.
    const loose = await search(ctx, { query: 'zzqx firewall', limit: 5 });
    expect(loose.hits.length).toBeGreaterThan(0);
  });

  it('keeps exact identifiers, record names and org names first', async () => {
    const ip = await search(ctx, { query: '10.20.0.10', limit: 5 });
    expect(ip.mode).toBe('hybrid');
    expect(ip.hits[0]?.name).toBe('SRV-DC01');
    expect(ip.hits[0]?.matched).toContain('exact');
    const host = await search(ctx, { query: 'SRV-DC01', limit: 5 });
    expect(host.hits[0]?.name).toBe('SRV-DC01');
    const org = ctx.orgs()[0]!;
    const byOrg = await search(ctx, { query: org.name, limit: 5 });
    expect(byOrg.hits[0]).toMatchObject({ type: 'organizations', name: org.name });
    const doc = await search(ctx, { query: 'Firewall change runbook', orgId: org.id, limit: 5 });
    expect(doc.hits[0]?.name).toBe('Firewall change runbook');
  });

  it('orders equal input equally, also from a cold query cache (property)', async () => {
    const cold = createSearchContext(s.store, { embedder });
    const orgs = ctx.orgs().map((o) => o.id);
    const words = fc.constantFrom('backup', 'firewall', 'vpn', 'printer', 'switch', 'server', 'license', 'dns', 'warranty', 'wifi', 'admin', 'office');
    await fc.assert(
      fc.asyncProperty(fc.array(words, { minLength: 1, maxLength: 4 }), fc.option(fc.constantFrom(...orgs), { nil: undefined }), async (ws, orgId) => {
        const query = ws.join(' ');
        const a = await search(ctx, { query, orgId, limit: 15 });
        const b = await search(cold, { query, orgId, limit: 15 });
        expect(a.mode).toBe('hybrid');
        expect(a.hits.map((h) => h.rowid)).toEqual(b.hits.map((h) => h.rowid));
        for (let i = 1; i < a.hits.length; i++) expect(a.hits[i - 1]!.score).toBeGreaterThanOrEqual(a.hits[i]!.score);
        if (orgId !== undefined) for (const h of a.hits) expect(h.org?.id).toBe(orgId);
      }),
      { numRuns: 40 },
    );
  });

  it('never leaves the org scope or the type filter through the vector half', async () => {
    const orgs = ctx.orgs();
    const types: RecordType[] = ['documents', 'configurations', 'passwords', 'contacts'];
    for (const org of orgs.slice(0, 6)) {
      for (const type of types) {
        const r = await search(ctx, { query: 'admin server backup office network', orgId: org.id, type, limit: 30 });
        for (const h of r.hits) {
          expect(h.org?.id).toBe(org.id);
          expect(h.type).toBe(type);
        }
      }
    }
  });

  it('hides deleted records from the vector half', async () => {
    const victim = (await search(ctx, { query: 'printer toner', limit: 1 })).hits[0]!;
    const db = s.store.db;
    db.prepare("UPDATE records SET deleted_at = '2026-01-01T00:00:00Z' WHERE rowid = ?").run(victim.rowid);
    try {
      const r = await search(ctx, { query: `${victim.name} ${victim.snippet.slice(0, 60)}`, limit: 50 });
      expect(r.mode).toBe('hybrid');
      expect(r.hits.map((h) => h.rowid)).not.toContain(victim.rowid);
    } finally {
      db.prepare('UPDATE records SET deleted_at = NULL WHERE rowid = ?').run(victim.rowid);
    }
  });

  it('reuses the vector neighbours of the same words in the same scope, until the store changes', async () => {
    const c = createSearchContext(s.store, { embedder });
    const typed = await search(c, { query: 'vpn remote access setup', type: 'documents', limit: 10 });
    expect(typed.mode).toBe('hybrid');
    expect(c.neighbourCache.size).toBe(1);
    // The general search that follows a typed one (as an answer's fallback does) reuses its
    // neighbours: they came from more candidates, so each is at least as near as a fresh search's.
    const general = await search(c, { query: 'vpn remote access setup', limit: 10 });
    expect(general.mode).toBe('hybrid');
    expect(c.neighbourCache.size).toBe(1);
    const meta = embeddingMeta(s.store.db)!;
    const vec = await embedQuery({ embedder, cache: c.queryCache }, 'vpn remote access setup');
    const uncached = nearestRecords(s.store.db, vec, { k: 10, modelId: meta.modelId, cache: { key: 'k', lru: new Lru(1) } });
    const lru = new Lru<string, { k: number; candidates: number; hits: VectorHit[] }>(1);
    nearestRecords(s.store.db, vec, { k: 10, types: ['documents'], modelId: meta.modelId, cache: { key: 'k', lru } });
    const fromCache = nearestRecords(s.store.db, vec, { k: 10, modelId: meta.modelId, cache: { key: 'k', lru } });
    expect(fromCache).toHaveLength(uncached.length);
    fromCache.forEach((h, i) => expect(h.distance).toBeLessThanOrEqual(uncached[i]!.distance + 1e-6));
    // Another org scope is another entry; so is any write to the store.
    const org = c.orgs()[0]!;
    await search(c, { query: 'vpn remote access setup', orgId: org.id, limit: 10 });
    expect(c.neighbourCache.size).toBe(2);
    s.store.db.prepare("INSERT INTO meta (key, value) VALUES ('cache-test', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    await search(c, { query: 'vpn remote access setup', limit: 10 });
    expect(c.neighbourCache.size).toBe(3);
  });

  it('keeps every password value out of every table, chunk text and hit', async () => {
    const secrets = passwordValues(s.dataset);
    expect(secrets.length).toBeGreaterThan(50);
    const db = s.store.db;
    const tables = z.array(z.object({ name: z.string() })).parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all());
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['chunks', 'chunk_floats', 'org_codes', 'ivf_entries', 'records_fts_data']));
    for (const { name } of tables) {
      // Sealed values are AES-GCM ciphertext; every other table must never hold the plain value.
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().all();
      const text = rows
        .flat()
        .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)))
        .join('\u0000');
      for (const v of secrets) expect(text.includes(v), `a password value in table ${name}`).toBe(false);
    }
    const recs = z
      .array(z.object({ type: z.string(), name: z.string(), body: z.string(), org_name: z.string().nullable() }))
      .parse(db.prepare("SELECT r.type, r.name, r.body, o.name AS org_name FROM records r LEFT JOIN organizations o ON o.id = r.org_id").all());
    const chunkText = recs.flatMap((r) => chunkRecord({ type: r.type, name: r.name, body: r.body, orgName: r.org_name }).map((c) => c.text)).join('\n');
    for (const v of secrets) expect(chunkText.includes(v)).toBe(false);
    const hits = await search(ctx, { query: 'password admin login credentials', limit: 100 });
    const json = JSON.stringify(hits);
    for (const v of secrets) expect(json.includes(v)).toBe(false);
  });

  // Last: it gives the store inverted lists, which the tests above run without.
  it('finds neighbours at least as near through the inverted lists once the store has them', async () => {
    const meta = embeddingMeta(s.store.db)!;
    const queries = ['how do we rotate the backup tapes', 'firewall vpn remote access', 'printer toner office', 'password admin login credentials'];
    const vecs = await Promise.all(queries.map((q) => embedQuery({ embedder, cache: new Lru(4) }, q)));
    const nearest = (v: Float32Array) => nearestRecords(s.store.db, v, { k: 20, modelId: meta.modelId });
    const before = vecs.map(nearest);
    const built = await updateEmbeddings(s.store.db, embedder, { batchSize: 128, listsFrom: 100 });
    expect(built.ok && built.value).toMatchObject({ embeddedRecords: 0, listsTrained: true });
    const count = (table: string) => z.object({ n: z.number() }).parse(s.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).n;
    expect(count('ivf_entries')).toBe(count('chunks'));
    vecs.forEach((v, i) => {
      // The bit scan's ×10 candidates can miss a near record; the lists' int8 ranking misses fewer.
      const after = nearest(v);
      expect(after).toHaveLength(before[i]!.length);
      after.forEach((h, j) => expect(h.distance).toBeLessThanOrEqual(before[i]![j]!.distance + 1e-6));
    });
    const r = await search(createSearchContext(s.store, { embedder }), { query: queries[0]!, limit: 10 });
    expect(r.mode).toBe('hybrid');
    expect(r.hits.some((h) => h.matched.includes('vector'))).toBe(true);
  });
});

describe('reciprocal rank fusion', () => {
  const r = (rowid: number, type: RecordType = 'documents') => ({ rowid, type });

  it('sums 1/(k+rank) over both lists; in both beats in one', () => {
    const f = fuse([r(1), r(2), r(3)], [r(3), r(4)], new Map());
    // 2 (keyword rank 2) and 4 (vector rank 2) tie: rowid decides.
    expect(f.map((x) => x.rowid)).toEqual([3, 1, 2, 4]);
    expect(f[0]!.score).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1), 12);
    expect(f[0]).toMatchObject({ keywordRank: 3, vectorRank: 1 });
  });

  it('breaks ties by type then rowid, whatever the input order', () => {
    // Keyword rank 1 and vector rank 1 score the same: the tie falls to (type, rowid).
    const a = fuse([r(9, 'passwords')], [r(4, 'contacts')], new Map());
    const b = fuse([r(4, 'contacts')], [r(9, 'passwords')], new Map());
    expect(a.map((x) => x.rowid)).toEqual([4, 9]);
    expect(b.map((x) => x.rowid)).toEqual([4, 9]);
  });

  it('puts any boosted record above every fused rank', () => {
    const f = fuse([r(1), r(2)], [r(1), r(2)], new Map([[77, { type: 'configurations' as const, boost: 1 }]]));
    expect(f[0]).toMatchObject({ rowid: 77, keywordRank: null, vectorRank: null });
  });
});
