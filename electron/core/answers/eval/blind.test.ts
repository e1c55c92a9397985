// The blind evaluation: a third hand-written tenant (resources/eval/blind, another MSP) whose data
// and questions were written without reading the engine or the other question files, so its figures
// say how the engine does on a tenant nobody tuned against. Asserts only the hard rules — the tenant
// loads and is servable, the questions name records it holds, no password value ever reaches an
// answer or a search hit, no answer cites an org the question excluded, and every no-data question
// is answered "No data available". It prints the table and sets NO pass-rate floor on purpose:
// a floor would invite tuning against this set, which would end its use as a blind measure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, startFakeItGlue } from '../../itglue/fake/server';
import { createEmbedder } from '../../search/embedder';
import { fixtureModelsDir } from '../../search/test-models';
import { passwordValues } from '../../testing/seed-demo';
import { unknownReferences } from './check';
import { formatReport, summarise } from './report';
import { runSet, type SetRun } from './run-set';
import { BLIND_DIR, blindSet, type EvalSet } from './sets';

const KINDS = ['exact', 'scoping', 'ambiguous', 'password', 'field', 'device', 'domains', 'contacts', 'locations', 'relations', 'documents', 'lists', 'organization', 'nodata'];

describe('blind evaluation', () => {
  const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
  let set: EvalSet;
  let run: SetRun;

  beforeAll(async () => {
    set = await blindSet();
    run = await runSet(set.dataset, set.file, embedder);
  }, 180_000);
  afterAll(async () => {
    await embedder.close();
  });

  it('loads a tenant with vendors, an inactive client and every resource type', () => {
    const orgs = set.dataset.organizations?.data ?? [];
    const attr = (key: string) => orgs.map((o) => (o.attributes as Record<string, unknown>)[key]);
    expect(orgs.length).toBeGreaterThanOrEqual(10);
    expect(attr('organization-type-name').filter((t) => t === 'Vendor')).toHaveLength(2);
    expect(attr('organization-status-name')).toContain('Inactive');
    for (const key of ['configurations', 'configuration_interfaces', 'passwords', 'flexible_asset_types', 'flexible_asset_fields', 'flexible_assets', 'contacts', 'locations', 'domains', 'documents', 'document_sections', 'related_items'] as const) {
      expect(set.dataset[key]?.data.length ?? 0, key).toBeGreaterThan(0);
    }
  });

  it('is served by the fake IT Glue server from its directory', async () => {
    const fake = await startFakeItGlue({ dataset: BLIND_DIR });
    try {
      const r = await fetch(`${fake.url}/organizations?page[size]=50`, { headers: { 'x-api-key': DEMO_API_KEY } });
      const body = (await r.json()) as { data: { attributes: { name: string } }[] };
      expect(body.data.map((o) => o.attributes.name)).toContain('Copperkettle Brewing Company');
    } finally {
      await fake.close();
    }
  });

  it('has at least 110 questions covering every kind, naming only records the dataset holds', () => {
    expect(set.file.questions.length).toBeGreaterThanOrEqual(110);
    expect(new Set(set.file.questions.map((q) => q.kind))).toEqual(new Set(KINDS));
    expect(set.file.questions.filter((q) => q.expect.noData).length).toBeGreaterThanOrEqual(16);
    expect(unknownReferences(set.dataset, set.file)).toEqual([]);
  });

  it('never puts a password value in an answer, a suggestion or a search hit', () => {
    const secrets = passwordValues(set.dataset);
    expect(secrets.length).toBeGreaterThan(40);
    const text = JSON.stringify([run.answers, run.hits]);
    for (const s of secrets) expect(text.includes(s), 'a password value leaked').toBe(false);
  });

  it('ran every question through ask() and hybrid search() (figures printed, no floor)', () => {
    expect(run.graded).toHaveLength(set.file.questions.length);
    expect([...run.modes]).toEqual(['hybrid']);
    console.log(formatReport(`blind tenant: ${set.file.questions.length} questions, hybrid search with the test fixture model (not semantic)`, summarise(run.graded)));
  });

  it('never answers from an org the question excluded, and says "No data available" when nothing is stored', () => {
    const f = summarise(run.graded);
    expect(f.total.answerScopeViolations).toBe(0);
    expect(f.noDataAccuracy).toBe(1);
  });
});
