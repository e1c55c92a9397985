import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmbedder } from '../../search/embedder';
import { fixtureModelsDir } from '../../search/test-models';
import { maintainLists } from '../../search/vector-lists';
import { vectorSearch } from '../../search/vectors';
import { testDbs, seedLegacyVectors, type TestDb } from '../../search/vectors-test-db';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
afterAll(() => embedder.close());

const testDb = testDbs();

const count = (db: TestDb['db'], table: string) => z.object({ n: z.number() }).parse(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).n;

describe('migration 0019-vector-lists', () => {
  it("leaves a version-17 store's vectors alone; the list pass files them without re-embedding", async () => {
    const t = testDb(17);
    const db = t.db;
    // A version-17 file as its embedding pass left it: one chunk per record in the vector tables.
    await seedLegacyVectors(db, embedder, 80, (i) => 1 + (i % 4));
    const chunks = count(db, 'chunks');

    expect(migrate(db, MIGRATIONS)).toBeGreaterThanOrEqual(19);
    expect(count(db, 'ivf_entries')).toBe(0);
    const [q] = await embedder.embed(['backup vpn']);
    const before = vectorSearch(db, q!, { k: 5 });
    expect(before).toHaveLength(5);

    // What the next embedding pass runs after its (here empty) embedding work: the stored vectors are filed as they are.
    expect(await maintainLists(db, { modelId: embedder.info.id, dim: 384 }, { minVectors: 50, lists: 4 })).toEqual({ ok: true, trained: true, filed: chunks, lists: 4 });
    expect(count(db, 'ivf_entries')).toBe(chunks);
    expect(vectorSearch(db, q!, { k: 5, probes: 4 })).toEqual(before);

    // The trigger keeps entries in step when a records row (and by cascade its chunks) goes.
    db.prepare("DELETE FROM records WHERE itglue_id = '3' AND type = 'documents'").run();
    expect(count(db, 'ivf_entries')).toBe(count(db, 'chunks'));
  });
});
