// The held-out evaluation: what must always hold (the dataset loads and is servable, the question
// file names only records that exist, no password value ever reaches an answer or a search hit),
// and the figures printed, with floors a change must not fall below: no answer from an org the
// question excluded, every no-data question answered "No data available", and answer precision
// and search recall@5 at least where the engine stands (docs/evaluation.md has the figures).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, startFakeItGlue } from '../../itglue/fake/server';
import { createEmbedder } from '../../search/embedder';
import { fixtureModelsDir } from '../../search/test-models';
import { passwordValues } from '../../testing/seed-demo';
import { unknownReferences } from './check';
import { formatReport, summarise } from './report';
import { runSet, type SetRun } from './run-set';
import { HELDOUT_DIR, heldoutSet, type EvalSet } from './sets';

/** A little under where the engine stands on this set (hybrid, fixture model; docs/evaluation.md). */
const PRECISION_FLOOR = 0.85;
const RECALL_FLOOR = 0.9;

const KINDS = ['exact', 'scoping', 'ambiguous', 'password', 'field', 'device', 'domains', 'contacts', 'locations', 'relations', 'documents', 'lists', 'organization', 'nodata'];

describe('held-out evaluation', () => {
  const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
  let set: EvalSet;
  let run: SetRun;

  beforeAll(async () => {
    set = await heldoutSet();
    run = await runSet(set.dataset, set.file, embedder);
  }, 120_000);
  afterAll(async () => {
    await embedder.close();
  });

  it('loads a tenant of 10-14 organizations with every resource type', () => {
    const orgs = set.dataset.organizations?.data ?? [];
    expect(orgs.length).toBeGreaterThanOrEqual(10);
    expect(orgs.length).toBeLessThanOrEqual(14);
    for (const key of ['configurations', 'configuration_interfaces', 'passwords', 'flexible_asset_types', 'flexible_asset_fields', 'flexible_assets', 'contacts', 'locations', 'domains', 'documents', 'document_sections', 'related_items'] as const) {
      expect(set.dataset[key]?.data.length ?? 0, key).toBeGreaterThan(0);
    }
  });

  it('is served by the fake IT Glue server from its directory', async () => {
    const fake = await startFakeItGlue({ dataset: HELDOUT_DIR });
    try {
      const r = await fetch(`${fake.url}/organizations?page[size]=50`, { headers: { 'x-api-key': DEMO_API_KEY } });
      const body = (await r.json()) as { data: { attributes: { name: string } }[] };
      expect(body.data.map((o) => o.attributes.name)).toContain('Northgate Dental Partners');
    } finally {
      await fake.close();
    }
  });

  it('has at least 130 questions covering every kind, naming only records the dataset holds', () => {
    expect(set.file.questions.length).toBeGreaterThanOrEqual(130);
    expect(new Set(set.file.questions.map((q) => q.kind))).toEqual(new Set(KINDS));
    expect(unknownReferences(set.dataset, set.file)).toEqual([]);
  });

  it('never puts a password value in an answer, a suggestion or a search hit', () => {
    const secrets = passwordValues(set.dataset);
    expect(secrets.length).toBeGreaterThan(40);
    const text = JSON.stringify([run.answers, run.hits]);
    for (const s of secrets) expect(text.includes(s), 'a password value leaked').toBe(false);
  });

  it('ran every question through ask() and hybrid search() (figures printed)', () => {
    expect(run.graded).toHaveLength(set.file.questions.length);
    expect([...run.modes]).toEqual(['hybrid']);
    console.log(formatReport(`held-out tenant: ${set.file.questions.length} questions, hybrid search with the test fixture model (not semantic)`, summarise(run.graded)));
  });

  it('never answers from an org the question excluded, and says "No data available" when nothing is stored', () => {
    const f = summarise(run.graded);
    expect(f.total.answerScopeViolations).toBe(0);
    expect(f.noDataAccuracy).toBe(1);
  });

  it('keeps answer precision and search recall@5 at their floors', () => {
    const f = summarise(run.graded);
    expect(f.answerPrecision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(f.total.recallAt5 ?? 0).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });
});
