// `npm run eval`: all three graded sets (held-out, blind and demo) through ask() and search() with the test
// fixture model, one table per set. Prints figures; never fails on them (exit 0 unless it crashes).
// --keyword: without the model. --ranks: each question's search rank, scope and top hits too, to
// diff two runs of the engine question by question.
import { createEmbedder } from '../../search/embedder';
import { fixtureModelsDir } from '../../search/test-models';
import { formatReport, summarise } from './report';
import { runSet } from './run-set';
import { blindSet, demoSet, heldoutSet } from './sets';

async function main(): Promise<void> {
  const keywordOnly = process.argv.includes('--keyword');
  const ranks = process.argv.includes('--ranks');
  const embedder = keywordOnly ? null : createEmbedder({ modelsDir: fixtureModelsDir() });
  try {
    for (const set of [await heldoutSet(), await blindSet(), await demoSet()]) {
      const t0 = Date.now();
      const run = await runSet(set.dataset, set.file, embedder);
      const mode = [...run.modes].join('+') || 'keyword';
      const title = `${set.name}: ${set.file.questions.length} questions, search ${mode}${embedder ? ' (test fixture model, not semantic)' : ''}, today ${set.file.today}`;
      process.stdout.write(`${formatReport(title, summarise(run.graded))}\n\n(${((Date.now() - t0) / 1000).toFixed(1)} s)\n\n`);
      if (ranks) process.stdout.write(`${run.graded.map((g) => `${g.q.id}\trr ${g.search.reciprocalRank?.toFixed(2) ?? '-'}${g.search.scopeViolation ? '\tOUT OF SCOPE' : ''}\t${g.search.top}`).join('\n')}\n\n`);
    }
  } finally {
    await embedder?.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`eval failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
