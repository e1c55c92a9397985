import { describe, expect, it } from 'vitest';
import { NO_DATA, type Answer, type Source } from '../../../../shared/domain';
import { gradeAnswer, gradeSearch } from './grade';
import { fromDemoFile, questionSchema, type Question } from './schema';

const src = (type: Source['type'], name: string, org: string): Source => ({ type, id: '1', name, org: { id: 1, name: org }, url: '', snippet: '' });
const answer = (over: Partial<Answer>): Answer => ({ answer: 'x', noData: false, confidence: 1, intent: 'configuration', org: null, sources: [], didYouMean: [], ...over });
const question = (expect: Question['expect'], kind = 'device'): Question => questionSchema.parse({ id: 'q', q: 'q', kind, expect });

describe('gradeAnswer', () => {
  const fw = src('configurations', 'FW01', 'Alpha');
  it('passes the expected first source with every value in the text', () => {
    const g = gradeAnswer(question({ sources: [{ type: 'configurations', name: 'FW01', org: 'Alpha' }], answerIncludes: ['10.0.0.1'] }), answer({ sources: [fw], answer: 'FW01: WAN 10.0.0.1' }));
    expect(g).toMatchObject({ pass: true, miss: null });
  });
  it('sorts misses: no data, wrong org, dump instead of value, cut-off doc', () => {
    const want = { sources: [{ type: 'configurations' as const, name: 'FW01', org: 'Alpha' }], answerIncludes: ['10.0.0.1'] };
    expect(gradeAnswer(question(want), answer({ noData: true, answer: NO_DATA })).miss).toBe('no data despite stored answer');
    expect(gradeAnswer(question(want), answer({ sources: [src('configurations', 'FW01', 'Beta')] })).miss).toBe('wrong org');
    expect(gradeAnswer(question(want), answer({ sources: [fw], answer: 'FW01 details' })).miss).toBe('dump instead of value');
    expect(gradeAnswer(question(want, 'documents'), answer({ sources: [fw], answer: 'FW01 details' })).miss).toBe('cut-off doc');
    expect(gradeAnswer(question(want), answer({ sources: [src('passwords', 'FW admin', 'Alpha')] })).miss).toBe('wrong record');
  });
  it('fails any source from an excluded org, even a later one', () => {
    const g = gradeAnswer(question({ sources: [{ name: 'FW01' }], notOrgs: ['Beta'] }), answer({ sources: [fw, src('configurations', 'FW01', 'Beta')] }));
    expect(g).toMatchObject({ pass: false, miss: 'wrong org', scopeViolation: true });
  });
  it('grades no data exactly and ambiguity by the offered orgs', () => {
    expect(gradeAnswer(question({ noData: true }), answer({ noData: true, answer: NO_DATA })).pass).toBe(true);
    expect(gradeAnswer(question({ noData: true }), answer({ noData: true, answer: 'nothing' })).pass).toBe(false);
    const amb = question({ ambiguous: ['Alpha', 'Alpha Two'] });
    const offered = [src('organizations', 'Alpha', 'Alpha'), src('organizations', 'Alpha Two', 'Alpha Two')];
    expect(gradeAnswer(amb, answer({ intent: 'ambiguous_org', didYouMean: offered })).pass).toBe(true);
    expect(gradeAnswer(amb, answer({ intent: 'ambiguous_org', didYouMean: offered.slice(0, 1) })).miss).toBe('not asked which org');
  });
});

describe('gradeSearch', () => {
  it('gives recall@5, the reciprocal rank of the first expected source and scope violations', () => {
    const hits = [src('passwords', 'p', 'Alpha'), src('configurations', 'FW01', 'Alpha'), src('configurations', 'FW01', 'Beta')];
    const g = gradeSearch(question({ sources: [{ name: 'FW01', org: 'Alpha' }, { name: 'SW01' }], notOrgs: ['Beta'] }), hits);
    expect(g).toMatchObject({ recallAt5: 0.5, reciprocalRank: 0.5, scopeViolation: true });
  });
});

describe('fromDemoFile', () => {
  it('maps the demo set: first → first source, orgs → org-only sources, flags as they are', () => {
    const f = fromDemoFile({
      today: '2026-01-23',
      questions: [
        { q: 'a', kind: 'exact', first: { type: 'configurations', name: 'X' }, orgs: ['O1'] },
        { q: 'b', kind: 'nodata', noData: true },
        { q: 'c', kind: 'ambiguous', ambiguous: ['A', 'B'] },
      ],
    });
    expect(f.questions.map((q) => q.expect)).toEqual([{ sources: [{ type: 'configurations', name: 'X' }, { org: 'O1' }] }, { noData: true }, { ambiguous: ['A', 'B'] }]);
  });
});
