// Runs one question set: the dataset into a real temporary SQLCipher store (as a sync writes it),
// vectors from the given embedder, then ask() and search() for every question.
import type { Answer } from '../../../../shared/domain';
import type { Dataset } from '../../itglue/fake/dataset';
import type { Embedder } from '../../search/embedder';
import { createSearchContext, type SearchHit } from '../../search/search';
import { retrieve } from '../retrieve';
import { updateEmbeddings } from '../../search/vectors';
import { seedDatasetTemp } from '../../testing/seed-demo';
import { ask } from '../engine';
import { sectionsAsDocuments } from './check';
import { gradeAnswer, gradeSearch } from './grade';
import type { Graded } from './report';
import type { QuestionFile } from './schema';

/** Hits read per question: recall is counted in the first 5, rank and scope over all of them. */
export const SEARCH_LIMIT = 10;

export interface SetRun {
  graded: Graded[];
  answers: Answer[];
  hits: SearchHit[][];
  /** 'hybrid' when the vector half ran, 'keyword' otherwise. */
  modes: Set<string>;
}

export async function runSet(dataset: Dataset, file: QuestionFile, embedder: Embedder | null): Promise<SetRun> {
  const seeded = seedDatasetTemp(dataset);
  try {
    if (embedder) {
      const built = await updateEmbeddings(seeded.store.db, embedder, { batchSize: 128 });
      if (!built.ok) throw new Error(built.error.message);
    }
    const searchCtx = createSearchContext(seeded.store, { embedder });
    const run: SetRun = { graded: [], answers: [], hits: [], modes: new Set() };
    const cite = sectionsAsDocuments(dataset);
    for (const q of file.questions) {
      const today = new Date(`${q.today ?? file.today}T12:00:00Z`);
      const a = await ask({ search: searchCtx, today }, q.q);
      const s = await retrieve(searchCtx, { query: q.q, limit: SEARCH_LIMIT });
      if (!s.empty) run.modes.add(s.mode);
      run.answers.push(a);
      run.hits.push(s.hits);
      run.graded.push({ q, answer: gradeAnswer(q, { ...a, sources: a.sources.map(cite) }), search: gradeSearch(q, s.hits.map(cite)) });
    }
    return run;
  } finally {
    seeded.close();
  }
}
