import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmbedder } from './embedder';
import { fixtureModelsDir } from './test-models';
import { embeddingMeta, updateEmbeddings, vectorSearch, type EmbedProgress } from './vectors';
import { openTestDb, upsertRecord, type SeedRecord, type TestDb } from './vectors-test-db';

const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
afterAll(() => embedder.close());

const WORDS = ['firewall', 'printer', 'backup', 'vpn', 'switch', 'router', 'exchange', 'domain', 'laptop', 'camera', 'ups', 'nas', 'wifi', 'dns', 'dhcp', 'ssl'];
const ORGS = [101, 102, 103, 104];

/** Deterministic pseudo-random records spread over four orgs, plus the org rows themselves. */
function seedRecords(n: number): SeedRecord[] {
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
  const out: SeedRecord[] = ORGS.map((o) => ({ type: 'organizations', itglueId: String(o), orgId: o, name: `Org ${o}`, body: `Customer ${o}` }));
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
    out.push({ type: 'configurations', itglueId: `c${i}`, orgId: ORGS[i % ORGS.length]!, name: `device-${i}`, body: `${words} notes ${i}` });
  }
  return out;
}

const count = (t: TestDb, sql: string) => z.object({ n: z.number() }).parse(t.db.prepare(sql).get()).n;

async function update(t: TestDb) {
  const r = await updateEmbeddings(t.db, embedder, { batchSize: 16 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('updateEmbeddings', () => {
  it('embeds every record once, then only what changed, and drops deleted records', async () => {
    const t = openTestDb();
    try {
      const ids = seedRecords(30).map((r) => upsertRecord(t.db, r));
      const progress: EmbedProgress[] = [];
      const first = await updateEmbeddings(t.db, embedder, { batchSize: 8, onProgress: (p) => progress.push(p) });
      expect(first.ok && first.value).toMatchObject({ embeddedRecords: 34, rebuilt: false });
      expect(progress.at(-1)).toMatchObject({ done: 34, total: 34 });
      expect(progress.length).toBeGreaterThan(3);
      for (const table of ['chunk_floats', 'chunk_signs', 'org_codes']) expect(count(t, `SELECT count(*) AS n FROM ${table}`)).toBe(count(t, 'SELECT count(*) AS n FROM chunks'));
      expect(embeddingMeta(t.db)).toEqual({ modelId: embedder.info.id, dim: 384 });

      expect(await update(t)).toMatchObject({ embeddedRecords: 0, removedRecords: 0 });

      upsertRecord(t.db, { type: 'configurations', itglueId: 'c3', orgId: 104, name: 'device-3', body: 'now a completely different body about tape rotation' });
      const before = t.db.prepare('SELECT rowid FROM chunks WHERE record_rowid <> ? ORDER BY rowid').all(ids[7]);
      expect(await update(t)).toMatchObject({ embeddedRecords: 1 });
      // Other records' chunks (and so their vectors) were left alone.
      expect(t.db.prepare('SELECT rowid FROM chunks WHERE record_rowid <> ? ORDER BY rowid').all(ids[7])).toEqual(before);

      // Renaming an org changes the text of all its records' chunks.
      upsertRecord(t.db, { type: 'organizations', itglueId: '102', orgId: 102, name: 'Org 102 renamed', body: 'Customer 102' });
      // The org row itself plus its 8 configurations (c1, c5, …, c29).
      expect(await update(t)).toMatchObject({ embeddedRecords: 9 });

      upsertRecord(t.db, { type: 'configurations', itglueId: 'c5', orgId: 102, name: 'device-5', body: 'x', deleted: true });
      expect(await update(t)).toMatchObject({ embeddedRecords: 0, removedRecords: 1 });
      expect(count(t, `SELECT count(*) AS n FROM chunks WHERE record_rowid = ${ids[9]}`)).toBe(0);
      expect(count(t, 'SELECT count(*) AS n FROM org_codes')).toBe(count(t, 'SELECT count(*) AS n FROM chunks'));
      const [q] = await embedder.embed(['Configuration: device-5 (Org 102)\nx']);
      expect(vectorSearch(t.db, q!, { k: 40 }).map((h) => h.recordRowid)).not.toContain(ids[9]);
    } finally {
      t.close();
    }
  });

  it('re-embeds only the chunks whose text changed and keeps the float copy in step', async () => {
    const t = openTestDb();
    try {
      const paragraphs = Array.from({ length: 30 }, (_, i) => `Step ${i}: ${WORDS.map((w, j) => `${w}${(i * 7 + j) % 13}`).join(' ')} ${'detail '.repeat(8)}`);
      const doc = { type: 'documents', itglueId: 'runbook', orgId: 101, name: 'Runbook' };
      const id = upsertRecord(t.db, { ...doc, body: paragraphs.join('\n\n') });
      const first = await update(t);
      const total = count(t, 'SELECT count(*) AS n FROM chunks');
      expect(total).toBeGreaterThan(4);
      expect(first).toMatchObject({ embeddedChunks: total, reusedChunks: 0 });
      const vectorsByText = () =>
        new Map(
          t.db
            .prepare('SELECT c.text_hash, f.embedding FROM chunks c JOIN chunk_floats f ON f.chunk_rowid = c.rowid WHERE c.record_rowid = ?')
            .all(id)
            .map((r) => {
              const row = z.object({ text_hash: z.string(), embedding: z.instanceof(Buffer) }).parse(r);
              return [row.text_hash, row.embedding.toString('hex')] as const;
            }),
        );
      const before = vectorsByText();

      // An edit to the last paragraph changes the last chunk or two, not the start of the document.
      upsertRecord(t.db, { ...doc, body: [...paragraphs.slice(0, -1), 'Step 29: call the ISP about the circuit.'].join('\n\n') });
      const second = await update(t);
      expect(second.embeddedRecords).toBe(1);
      expect(second.reusedChunks).toBeGreaterThan(0);
      expect(second.embeddedChunks).toBeLessThanOrEqual(2);
      expect(second.embeddedChunks + second.reusedChunks).toBe(count(t, 'SELECT count(*) AS n FROM chunks'));
      const after = vectorsByText();
      for (const [hash, v] of after) if (before.has(hash)) expect(v).toBe(before.get(hash));
      for (const table of ['chunk_floats', 'chunk_signs', 'org_codes']) {
        expect(count(t, `SELECT count(*) AS n FROM ${table}`)).toBe(count(t, 'SELECT count(*) AS n FROM chunks'));
      }

      // A change outside the text (same body, new content hash) costs no inference at all.
      t.db.prepare("UPDATE records SET content_hash = 'attrs-changed' WHERE rowid = ?").run(id);
      expect(await update(t)).toMatchObject({ embeddedRecords: 1, embeddedChunks: 0, reusedChunks: after.size });

      upsertRecord(t.db, { ...doc, body: 'x', deleted: true });
      await update(t);
      expect(count(t, 'SELECT count(*) AS n FROM chunk_floats') + count(t, 'SELECT count(*) AS n FROM chunk_signs') + count(t, 'SELECT count(*) AS n FROM org_codes')).toBe(0);
    } finally {
      t.close();
    }
  });

  it('drops every vector and re-embeds when the stored model differs', async () => {
    const t = openTestDb();
    try {
      seedRecords(12).forEach((r) => upsertRecord(t.db, r));
      await update(t);
      t.db.prepare("UPDATE embedding_meta SET model_id = 'Xenova/all-MiniLM-L6-v2'").run();
      t.db.prepare("UPDATE chunks SET model_id = 'Xenova/all-MiniLM-L6-v2'").run();
      expect(await update(t)).toMatchObject({ rebuilt: true, embeddedRecords: 16 });
      expect(count(t, `SELECT count(*) AS n FROM chunks WHERE model_id <> '${embedder.info.id}'`)).toBe(0);
      expect(embeddingMeta(t.db)?.modelId).toBe(embedder.info.id);
      // A query made with another model's vectors gets nothing rather than wrong neighbours.
      const [q] = await embedder.embed(['firewall']);
      expect(vectorSearch(t.db, q!, { k: 3, modelId: 'Xenova/all-MiniLM-L6-v2' })).toEqual([]);
    } finally {
      t.close();
    }
  });

  it('stops when cancelled and keeps finished batches', async () => {
    const t = openTestDb();
    try {
      seedRecords(40).forEach((r) => upsertRecord(t.db, r));
      const ac = new AbortController();
      const r = await updateEmbeddings(t.db, embedder, { batchSize: 4, signal: ac.signal, onProgress: (p) => p.done >= 8 && ac.abort() });
      expect(r.ok ? 'ok' : r.error.code).toBe('CANCELLED');
      const kept = count(t, 'SELECT count(DISTINCT record_rowid) AS n FROM chunks');
      expect(kept).toBeGreaterThanOrEqual(8);
      expect(await update(t)).toMatchObject({ embeddedRecords: 44 - kept });
    } finally {
      t.close();
    }
  });
});

describe('vectorSearch', () => {
  let t: TestDb;
  let orgOf: Map<number, number | null>;
  beforeAll(async () => {
    t = openTestDb();
    seedRecords(120).forEach((r) => upsertRecord(t.db, r));
    await update(t);
    orgOf = new Map(t.db.prepare('SELECT rowid, org_id FROM records').all().map((r) => {
      const row = z.object({ rowid: z.number(), org_id: z.number().nullable() }).parse(r);
      return [row.rowid, row.org_id] as const;
    }));
  });
  afterAll(() => t.close());

  it('never returns another org\'s records when scoped (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), fc.constantFrom(...ORGS, 999), fc.integer({ min: 1, max: 40 }), async (words, org, k) => {
        const [q] = await embedder.embed([words.join(' ')]);
        const hits = vectorSearch(t.db, q!, { k, orgId: org });
        for (const h of hits) expect(orgOf.get(h.recordRowid)).toBe(org);
        const inOrg = [...orgOf.values()].filter((o) => o === org).length;
        expect(hits.length).toBe(Math.min(k, inOrg));
        expect(new Set(hits.map((h) => h.recordRowid)).size).toBe(hits.length);
      }),
      { numRuns: 40 },
    );
  });

  it('finds the same top records unscoped (bit coarse + rescore) as an exact float scan', async () => {
    const all = t.db.prepare('SELECT c.record_rowid, f.embedding FROM chunk_floats f JOIN chunks c ON c.rowid = f.chunk_rowid').all().map((r) => {
      const row = z.object({ record_rowid: z.number(), embedding: z.instanceof(Buffer) }).parse(r);
      return { record: row.record_rowid, v: new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength)) };
    });
    for (const text of ['firewall vpn', 'printer toner', 'backup nas ups', 'device-17 dns dhcp', 'camera wifi switch router']) {
      const [q] = await embedder.embed([text]);
      const exact = new Map<number, number>();
      for (const { record, v } of all) {
        const d = 1 - v.reduce((s, x, i) => s + x * q![i]!, 0);
        exact.set(record, Math.min(d, exact.get(record) ?? Infinity));
      }
      const expected = [...exact.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, 5);
      const got = vectorSearch(t.db, q!, { k: 5 });
      expect(got.map((h) => h.distance)).toEqual(expected.map(([, d]) => expect.closeTo(d, 5)));
      expect(got.map((h) => h.recordRowid)).toEqual(expected.map(([r]) => r));
    }
  });

  it('still returns k distinct records when one long record owns the nearest chunks', async () => {
    const long = upsertRecord(t.db, { type: 'documents', itglueId: 'long', orgId: 102, name: 'VPN', body: 'firewall vpn. '.repeat(1500) });
    await update(t);
    expect(count(t, `SELECT count(*) AS n FROM chunks WHERE record_rowid = ${long}`)).toBeGreaterThan(15);
    const [q] = await embedder.embed(['firewall vpn']);
    for (const opts of [{ k: 10, oversample: 1 }, { k: 10, orgId: 102 }]) {
      const hits = vectorSearch(t.db, q!, opts);
      expect(hits).toHaveLength(10);
      expect(hits[0]!.recordRowid).toBe(long);
      expect(new Set(hits.map((h) => h.recordRowid)).size).toBe(10);
    }
  });

  it('hides a deleted record from unscoped results before its vectors are swept', async () => {
    const [q] = await embedder.embed(['Configuration: device-11 (Org 104)\nnotes 11']);
    const top = vectorSearch(t.db, q!, { k: 5 });
    const victim = top[0]!.recordRowid;
    t.db.prepare("UPDATE records SET deleted_at = '2026-01-01T00:00:00Z' WHERE rowid = ?").run(victim);
    try {
      const hits = vectorSearch(t.db, q!, { k: 5 });
      expect(hits.map((h) => h.recordRowid)).not.toContain(victim);
      expect(hits).toHaveLength(5);
      expect(hits.slice(0, 4)).toEqual(top.slice(1));
    } finally {
      t.db.prepare('UPDATE records SET deleted_at = NULL WHERE rowid = ?').run(victim);
    }
  });

  it('orders ties by record rowid, the same every time', async () => {
    // Identical records give identical vectors: a tie broken only by rowid.
    const a = upsertRecord(t.db, { type: 'documents', itglueId: 'dup1', orgId: 101, name: 'twin', body: 'same words here' });
    const b = upsertRecord(t.db, { type: 'documents', itglueId: 'dup2', orgId: 101, name: 'twin', body: 'same words here' });
    await update(t);
    const [q] = await embedder.embed(['Document: twin (Org 101)\nsame words here']);
    for (const opts of [{ k: 2 }, { k: 2, orgId: 101 }]) {
      expect(vectorSearch(t.db, q!, opts).map((h) => h.recordRowid)).toEqual([a, b]);
    }
  });
});
