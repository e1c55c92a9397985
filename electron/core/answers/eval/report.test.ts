import { describe, expect, it } from 'vitest';
import type { AnswerGrade, SearchGrade } from './grade';
import { formatReport, summarise, type Graded } from './report';
import { questionSchema } from './schema';

const pass: AnswerGrade = { pass: true, miss: null, detail: '', scopeViolation: false };
const search = (rr: number | null, scope = false): SearchGrade => ({ recallAt5: rr === null ? null : rr > 0 ? 1 : 0, reciprocalRank: rr, scopeViolation: scope, top: '' });
const row = (id: string, kind: string, answer: AnswerGrade, s: SearchGrade, noData = false): Graded => ({
  q: questionSchema.parse({ id, q: `question ${id}`, kind, expect: noData ? { noData: true } : { answerIncludes: ['x'] } }),
  answer,
  search: s,
});

describe('summarise and formatReport', () => {
  const rows = [
    row('a', 'exact', pass, search(1)),
    row('b', 'exact', { pass: false, miss: 'wrong org', detail: 'source from Beta → got …', scopeViolation: true }, search(0.5, true)),
    row('c', 'nodata', pass, search(null), true),
  ];
  it('gives per-kind passes, recall@5, MRR and scope violations, precision over answerable questions', () => {
    const f = summarise(rows);
    expect(f.kinds.find((k) => k.kind === 'exact')).toMatchObject({ n: 2, passed: 1, recallAt5: 1, mrr: 0.75, answerScopeViolations: 1, searchScopeViolations: 1 });
    expect(f.answerPrecision).toBe(0.5);
    expect(f.noDataAccuracy).toBe(1);
  });
  it('prints a table and one line per miss under its failure kind', () => {
    const text = formatReport('set', summarise(rows));
    expect(text).toContain('| exact | 1/2 | 100 % | 0.75 | 1 / 1 |');
    expect(text).toContain('- wrong org (1)\n  - [b] "question b": source from Beta → got …');
  });
});
