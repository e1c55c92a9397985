// Figures per kind and the list of misses, as plain text for the console and docs/evaluation.md.
import type { AnswerGrade, MissKind, SearchGrade } from './grade';
import type { Question } from './schema';

export interface Graded {
  q: Question;
  answer: AnswerGrade;
  search: SearchGrade;
}

export interface KindFigures {
  kind: string;
  n: number;
  passed: number;
  /** Mean over the questions that name a source; null when none does. */
  recallAt5: number | null;
  mrr: number | null;
  answerScopeViolations: number;
  searchScopeViolations: number;
}

export interface SetFigures {
  kinds: KindFigures[];
  total: KindFigures;
  /** Passed / answerable (everything but no-data questions). */
  answerPrecision: number;
  noDataAccuracy: number;
  misses: Graded[];
}

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function figuresOf(kind: string, rows: readonly Graded[]): KindFigures {
  return {
    kind,
    n: rows.length,
    passed: rows.filter((r) => r.answer.pass).length,
    recallAt5: mean(rows.map((r) => r.search.recallAt5).filter((x): x is number => x !== null)),
    mrr: mean(rows.map((r) => r.search.reciprocalRank).filter((x): x is number => x !== null)),
    answerScopeViolations: rows.filter((r) => r.answer.scopeViolation).length,
    searchScopeViolations: rows.filter((r) => r.search.scopeViolation).length,
  };
}

export function summarise(rows: readonly Graded[]): SetFigures {
  const byKind = new Map<string, Graded[]>();
  for (const r of rows) byKind.set(r.q.kind, [...(byKind.get(r.q.kind) ?? []), r]);
  const answerable = rows.filter((r) => !r.q.expect.noData);
  const noData = rows.filter((r) => r.q.expect.noData);
  return {
    kinds: [...byKind].map(([k, v]) => figuresOf(k, v)),
    total: figuresOf('all', rows),
    answerPrecision: answerable.length ? answerable.filter((r) => r.answer.pass).length / answerable.length : 0,
    noDataAccuracy: noData.length ? noData.filter((r) => r.answer.pass).length / noData.length : 0,
    misses: rows.filter((r) => !r.answer.pass),
  };
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(0)} %`);
const num = (x: number | null): string => (x === null ? '—' : x.toFixed(2));

/** A markdown table (readable as plain text too), the headline figures and one line per miss. */
export function formatReport(title: string, f: SetFigures): string {
  const head = '| kind | answers passed | search recall@5 | search MRR | scope violations (answer / search) |';
  const rule = '|---|---|---|---|---|';
  const line = (k: KindFigures): string =>
    `| ${k.kind} | ${k.passed}/${k.n} | ${pct(k.recallAt5)} | ${num(k.mrr)} | ${k.answerScopeViolations} / ${k.searchScopeViolations} |`;
  const out = [`### ${title}`, '', head, rule, ...f.kinds.map(line), line({ ...f.total, kind: '**all**' }), ''];
  out.push(`Answer precision ${pct(f.answerPrecision)} (answerable questions passed), no-data accuracy ${pct(f.noDataAccuracy)}.`);
  out.push('', `Misses (${f.misses.length}), by failure kind:`);
  const byMiss = new Map<MissKind, Graded[]>();
  for (const m of f.misses) if (m.answer.miss) byMiss.set(m.answer.miss, [...(byMiss.get(m.answer.miss) ?? []), m]);
  for (const [kind, rows] of [...byMiss].sort((a, b) => b[1].length - a[1].length)) {
    out.push(`- ${kind} (${rows.length})`);
    for (const r of rows) out.push(`  - [${r.q.id}] "${r.q.q}": ${r.answer.detail}`);
  }
  return out.join('\n');
}
