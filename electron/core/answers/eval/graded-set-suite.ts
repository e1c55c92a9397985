// Test support (not shipped): what every hand-written graded set must hold, registered once for
// the held-out and the blind set. The tenant loads and the fake IT Glue server serves it, the
// questions cover every kind and name only records it holds, no password value reaches an
// answer or a search hit, and the hard rules hold: no answer from an org the question excluded,
// every no-data question answered "No data available". Each set's own file adds what is its own.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_API_KEY, startFakeItGlue } from '../../itglue/fake/server';
import { createEmbedder } from '../../search/embedder';
import { fixtureModelsDir } from '../../search/test-models';
import { passwordValues } from '../../testing/seed-demo';
import { unknownReferences } from './check';
import { formatReport, summarise } from './report';
import { runSet, type SetRun } from './run-set';
import type { EvalSet } from './sets';

const KINDS = ['exact', 'scoping', 'ambiguous', 'password', 'field', 'device', 'domains', 'contacts', 'locations', 'relations', 'documents', 'lists', 'organization', 'nodata'];
const DATASET_KEYS = ['configurations', 'configuration_interfaces', 'passwords', 'flexible_asset_types', 'flexible_asset_fields', 'flexible_assets', 'contacts', 'locations', 'domains', 'documents', 'document_sections', 'related_items'] as const;

export interface GradedSetSuite {
  /** The loaded set and its run, once beforeAll has finished. */
  readonly set: EvalSet;
  readonly run: SetRun;
}

/** Call inside a describe(): registers the shared tests and returns the set and run for the file's own. */
export function gradedSetSuite(opts: { load: () => Promise<EvalSet>; dir: string; servedOrg: string; minQuestions: number; timeoutMs: number }): GradedSetSuite {
  const embedder = createEmbedder({ modelsDir: fixtureModelsDir() });
  let set: EvalSet | undefined;
  let run: SetRun | undefined;
  const state: GradedSetSuite = {
    get set() {
      if (!set) throw new Error('the set is not loaded yet');
      return set;
    },
    get run() {
      if (!run) throw new Error('the set has not run yet');
      return run;
    },
  };

  beforeAll(async () => {
    set = await opts.load();
    run = await runSet(set.dataset, set.file, embedder);
  }, opts.timeoutMs);
  afterAll(async () => {
    await embedder.close();
  });

  it('loads a tenant with every resource type', () => {
    expect(state.set.dataset.organizations?.data.length ?? 0).toBeGreaterThanOrEqual(10);
    for (const key of DATASET_KEYS) expect(state.set.dataset[key]?.data.length ?? 0, key).toBeGreaterThan(0);
  });

  it('is served by the fake IT Glue server from its directory', async () => {
    const fake = await startFakeItGlue({ dataset: opts.dir });
    try {
      const r = await fetch(`${fake.url}/organizations?page[size]=50`, { headers: { 'x-api-key': DEMO_API_KEY } });
      const body = (await r.json()) as { data: { attributes: { name: string } }[] };
      expect(body.data.map((o) => o.attributes.name)).toContain(opts.servedOrg);
    } finally {
      await fake.close();
    }
  });

  it(`has at least ${opts.minQuestions} questions covering every kind, naming only records the dataset holds`, () => {
    const { file, dataset } = state.set;
    expect(file.questions.length).toBeGreaterThanOrEqual(opts.minQuestions);
    expect(new Set(file.questions.map((q) => q.kind))).toEqual(new Set(KINDS));
    expect(file.questions.filter((q) => q.expect.noData).length).toBeGreaterThanOrEqual(16);
    expect(unknownReferences(dataset, file)).toEqual([]);
  });

  it('never puts a password value in an answer, a suggestion or a search hit', () => {
    const secrets = passwordValues(state.set.dataset);
    expect(secrets.length).toBeGreaterThan(40);
    const text = JSON.stringify([state.run.answers, state.run.hits]);
    for (const s of secrets) expect(text.includes(s), 'a password value leaked').toBe(false);
  });

  it('ran every question through ask() and hybrid search() (figures printed)', () => {
    expect(state.run.graded).toHaveLength(state.set.file.questions.length);
    expect([...state.run.modes]).toEqual(['hybrid']);
    console.log(formatReport(`${state.set.name}: ${state.set.file.questions.length} questions, hybrid search with the test fixture model (not semantic)`, summarise(state.run.graded)));
  });

  it('never answers from an org the question excluded, and says "No data available" when nothing is stored', () => {
    const f = summarise(state.run.graded);
    expect(f.total.answerScopeViolations).toBe(0);
    expect(f.noDataAccuracy).toBe(1);
  });

  return state;
}
