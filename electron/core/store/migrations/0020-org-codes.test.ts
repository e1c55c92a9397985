import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmbedder } from '../../search/embedder';
import { fixtureModelsDir } from '../../search/test-models';
import { vectorSearch } from '../../search/vectors';
import { testDbs, seedLegacyVectors, type TestDb } from '../../search/vectors-test-db';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
afterAll(() => embedder.close());

const testDb = testDbs();

const count = (db: TestDb['db'], sql: string) => z.object({ n: z.number() }).parse(db.prepare(sql).get()).n;
const knnRow = z.object({ record_rowid: z.number(), distance: z.number() });

describe('migration 0020-org-codes', () => {
  it("answers a version-19 store's scoped questions with the same records, from codes, and drops the vec0 tables", async () => {
    const t = testDb(19);
    const db = t.db;
    // A version-19 file as its embedding pass left it: every vector in vec0 and in the plain tables.
    await seedLegacyVectors(db, embedder, 60, (i) => (i === 0 ? null : 1 + (i % 3)));
    // What each org's exact KNN answered before (vec0's partition).
    const questions = ['backup vpn', 'printer wifi', 'router switch camera'];
    const before = new Map<string, { record_rowid: number; distance: number }[]>();
    for (const text of questions) {
      const [q] = await embedder.embed([text]);
      for (const org of [1, 2, 3]) {
        const rows = db
          .prepare('SELECT c.record_rowid, v.distance FROM chunk_vectors v JOIN chunks c ON c.rowid = v.rowid WHERE v.embedding MATCH ? AND k = 5 AND v.org_id = ? ORDER BY v.distance, c.record_rowid')
          .all(Buffer.from(q!.buffer), BigInt(org))
          .map((r) => knnRow.parse(r));
        before.set(`${text}/${org}`, rows);
      }
    }

    expect(migrate(db, MIGRATIONS, 20)).toBe(20);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'chunk_vectors%' OR name LIKE 'chunk_bits%'").all();
    expect(tables).toEqual([]);
    // One code per chunk that has an org; the org-less chunk is unreachable by a scoped query.
    expect(count(db, 'SELECT count(*) AS n FROM org_codes')).toBe(59);
    for (const text of questions) {
      const [q] = await embedder.embed([text]);
      for (const org of [1, 2, 3]) {
        const got = vectorSearch(db, q!, { k: 5, orgId: org });
        const want = before.get(`${text}/${org}`)!;
        expect(got.map((h) => h.recordRowid)).toEqual(want.map((w) => w.record_rowid));
        expect(got.map((h) => h.distance)).toEqual(want.map((w) => expect.closeTo(w.distance, 5)));
      }
    }

    // The trigger keeps codes in step when a records row (and by cascade its chunks) goes.
    db.prepare("DELETE FROM records WHERE itglue_id = '4' AND type = 'documents'").run();
    expect(count(db, 'SELECT count(*) AS n FROM org_codes')).toBe(count(db, 'SELECT count(*) AS n FROM chunks WHERE org_id IS NOT NULL'));
  });
});
