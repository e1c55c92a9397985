// The held-out evaluation (the tuning set): the shared checks of a graded set, and floors a change
// must not fall below — answer precision and search recall@5 at least where the engine stands
// (docs/evaluation.md has the figures).
import { describe, expect, it } from 'vitest';
import { gradedSetSuite } from './graded-set-suite';
import { summarise } from './report';
import { HELDOUT_DIR, heldoutSet } from './sets';

/** A little under where the engine stands on this set (hybrid, fixture model; docs/evaluation.md). */
const PRECISION_FLOOR = 0.85;
const RECALL_FLOOR = 0.9;

describe('held-out evaluation', () => {
  const suite = gradedSetSuite({ load: () => heldoutSet(), dir: HELDOUT_DIR, servedOrg: 'Northgate Dental Partners', minQuestions: 130, timeoutMs: 120_000 });

  it('keeps answer precision and search recall@5 at their floors', () => {
    const f = summarise(suite.run.graded);
    expect(f.answerPrecision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(f.total.recallAt5 ?? 0).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });
});
