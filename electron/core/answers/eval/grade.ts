// Grading one question: the answer from ask() and the hits from search(), each against the
// question's expectation. Pure functions over the shared Answer/Source shapes.
import { NO_DATA, type Answer, type OrgRef, type RecordType } from '../../../../shared/domain';
import type { ExpectedSource, Question } from './schema';

/** What grading needs of a source or a search hit. */
export interface Cited {
  type: RecordType;
  name: string;
  org: OrgRef | null;
}

/** Why an answer missed, as the engine team sorts the work. */
export type MissKind =
  | 'no data despite stored answer'
  | 'answered where there is no data'
  | 'not asked which org'
  | 'asked which org needlessly'
  | 'wrong org'
  | 'wrong record'
  | 'cut-off doc'
  | 'relation missed'
  | 'dump instead of value';

export interface AnswerGrade {
  pass: boolean;
  miss: MissKind | null;
  /** One line: what was wanted against what came back. */
  detail: string;
  scopeViolation: boolean;
}

export interface SearchGrade {
  /** Null when the question names no source to look for. */
  recallAt5: number | null;
  reciprocalRank: number | null;
  scopeViolation: boolean;
  top: string;
}

export const matches = (want: ExpectedSource, got: Cited): boolean =>
  (!want.type || want.type === got.type) && (!want.name || want.name === got.name) && (!want.org || want.org === got.org?.name);

export const describe = (c: Cited): string => `${c.type}:${c.name}${c.org ? ` (${c.org.name})` : ''}`;
const describeWant = (w: ExpectedSource): string => [w.type, w.name, w.org && `(${w.org})`].filter(Boolean).join(' ') || 'any source';

const clip = (s: string, n = 140): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function returned(a: Answer): string {
  if (a.intent === 'ambiguous_org') return `asked which org: ${a.didYouMean.map((d) => d.name).join(', ')}`;
  if (a.noData) return `No data (${a.intent})${a.didYouMean.length ? `; did you mean ${a.didYouMean.slice(0, 3).map(describe).join(', ')}` : ''}`;
  return `${a.intent}: [${a.sources.slice(0, 3).map(describe).join('; ')}] "${clip(a.answer)}"`;
}

const orgViolation = (q: Question, cited: readonly Cited[]): Cited | undefined =>
  q.expect.notOrgs ? cited.find((c) => c.org && q.expect.notOrgs?.includes(c.org.name)) : undefined;

export function gradeAnswer(q: Question, a: Answer): AnswerGrade {
  const e = q.expect;
  const bad = orgViolation(q, a.sources);
  const scopeViolation = Boolean(bad);
  const fail = (miss: MissKind, why: string): AnswerGrade => ({ pass: false, miss, detail: `${why} → got ${returned(a)}`, scopeViolation });
  if (e.noData) {
    return a.noData && a.answer === NO_DATA && a.sources.length === 0 ? { pass: true, miss: null, detail: '', scopeViolation } : fail('answered where there is no data', 'expected No data');
  }
  if (e.ambiguous) {
    if (a.intent !== 'ambiguous_org') return fail('not asked which org', `expected a choice of ${e.ambiguous.join(', ')}`);
    const offered = new Set(a.didYouMean.filter((d) => d.type === 'organizations').map((d) => d.name));
    const missing = e.ambiguous.filter((n) => !offered.has(n));
    return missing.length ? fail('not asked which org', `missing candidates ${missing.join(', ')}`) : { pass: true, miss: null, detail: '', scopeViolation };
  }
  if (a.intent === 'ambiguous_org') return fail('asked which org needlessly', 'expected an answer');
  if (a.noData) return fail('no data despite stored answer', `expected ${e.sources?.[0] ? describeWant(e.sources[0]) : 'an answer'}`);
  if (bad) return fail('wrong org', `source from ${bad.org?.name ?? '-'} (${bad.name}), excluded`);
  const sources = e.sources ?? [];
  const first = sources[0];
  if (first && !(a.sources[0] && matches(first, a.sources[0]))) {
    const anywhere = a.sources.some((s) => matches(first, s));
    // The same record in another organization (DC01 of the wrong client) is a scope miss.
    const top = a.sources[0];
    const wrongOrg = Boolean(first.org && top && !anywhere && matches({ ...first, org: undefined }, top) && top.org?.name !== first.org);
    return fail(wrongOrg ? 'wrong org' : 'wrong record', `expected first ${describeWant(first)}${anywhere ? ' (present lower down)' : ''}`);
  }
  const absent = sources.slice(1).filter((w) => !a.sources.some((s) => matches(w, s)));
  if (absent.length) return fail(q.kind === 'relations' ? 'relation missed' : 'wrong record', `missing sources ${absent.map(describeWant).join(', ')}`);
  const text = a.answer.toLowerCase();
  const notSaid = (e.answerIncludes ?? []).filter((v) => !text.includes(v.toLowerCase()));
  if (notSaid.length) {
    const miss: MissKind = q.kind === 'documents' ? 'cut-off doc' : q.kind === 'relations' ? 'relation missed' : 'dump instead of value';
    return fail(miss, `answer lacks ${notSaid.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return { pass: true, miss: null, detail: '', scopeViolation };
}

/** search() with the question's own text: where the first expected source ranks, and scope. */
export function gradeSearch(q: Question, hits: readonly Cited[]): SearchGrade {
  const wants = (q.expect.sources ?? []).filter((w) => w.type || w.name || w.org);
  const scopeViolation = Boolean(orgViolation(q, hits));
  const top = hits.slice(0, 3).map(describe).join('; ') || 'no hits';
  const first = wants[0];
  if (!first) return { recallAt5: null, reciprocalRank: null, scopeViolation, top };
  const top5 = hits.slice(0, 5);
  const recallAt5 = wants.filter((w) => top5.some((h) => matches(w, h))).length / wants.length;
  const rank = hits.findIndex((h) => matches(first, h));
  return { recallAt5, reciprocalRank: rank < 0 ? 0 : 1 / (rank + 1), scopeViolation, top };
}
