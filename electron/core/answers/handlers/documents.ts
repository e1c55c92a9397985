// How-to questions: hybrid search over documents and their sections; the answer quotes the
// passage that holds the question's words, under its heading.
import type { Source } from '../../../../shared/domain';
import { termWeight } from '../../search/search';
import { present, sourceOf, type Found, type HandlerInput } from '../context';
import { byCoverage, contentTerms, coverage, findCandidates, MIN_COVERAGE, toSource, type Candidate } from './find';

const QUOTE_LINES = 3;

const sectionText = (s: { text: string }): string => s.text.replace(/\s+/g, ' ').trim();

export interface Passage {
  quote: string;
  source: Source;
  docName: string;
}

/**
 * The passage of a document that answers: the section holding most of the question's weighted
 * words (a late step, not the opening lines), else the section search picked, else the first
 * with text; quoted with its heading and the steps after it. A second section that also holds
 * much of the question and falls outside the quote is added after "…".
 */
export function documentPassage(input: HandlerInput, docId: number, terms: readonly string[], pickedSectionId?: string): Passage | null {
  const { ctx } = input;
  const doc = ctx.search.reader.documentWithSections(docId);
  if (!doc) return null;
  const texts = doc.sections.map((s) => ({ s, text: sectionText(s) })).filter((x) => x.text);
  const weight = (t: string): number => termWeight(ctx.search, t);
  const isHeading = (x: { s: { kind: string | null } }): boolean => (x.s.kind ?? '').endsWith('Heading');
  const scored = texts.map((x) => ({ x, c: isHeading(x) ? 0 : coverage(terms, x.text, weight) }));
  const top = Math.max(0, ...scored.map((y) => y.c));
  const picked = pickedSectionId !== undefined ? texts.find((x) => String(x.s.id) === pickedSectionId) : undefined;
  const chosen =
    (top > 0 ? (scored.find((y) => y.c >= top && y.x === picked) ?? scored.find((y) => y.c >= top))?.x : undefined) ?? picked ?? texts.find((x) => !isHeading(x)) ?? texts[0];
  const start = chosen ? texts.indexOf(chosen) : 0;
  const heading = [...texts.slice(0, start)].reverse().find(isHeading);
  const lines = [...(heading && heading !== chosen ? [`**${heading.text}**`] : []), ...texts.slice(start, start + QUOTE_LINES).map((x) => `> ${x.text}`)];
  const shown = new Set(texts.slice(start, start + QUOTE_LINES));
  const second = scored.filter((y) => !shown.has(y.x) && y.c > 0 && y.c >= top / 2).sort((a, b) => b.c - a.c)[0];
  if (second) lines.push('…', `> ${second.x.text}`);
  const source = sourceOf(ctx, 'documents', doc.record.id, chosen?.text);
  return source ? { quote: lines.join('\n'), source, docName: doc.record.name } : null;
}

export const passageAnswer = (p: Passage): string => `From "${p.docName}"${p.source.org ? ` (${p.source.org.name})` : ''}:\n${p.quote}`;

/** The document a document or section hit belongs to. */
export function documentOf(input: HandlerInput, c: Candidate): number | null {
  if (c.hit.type === 'documents') return Number(c.hit.id);
  if (c.hit.type !== 'document-sections') return null;
  return input.ctx.search.reader.documentOfSection(Number(c.hit.id));
}

export async function documentsAnswer(input: HandlerInput): Promise<Found | null> {
  const { ctx } = input;
  const terms = contentTerms(input.q.keywords).concat(input.q.phrases);
  if (terms.length === 0) return null;
  // Sections carry no document name, so a document's name plus its sections are scored together.
  const cands = byCoverage(await findCandidates(input, terms, ['documents', 'document-sections'], 20));
  const best = cands.find((c) => c.coverage >= MIN_COVERAGE);
  if (!best) return { noData: true, answer: '', sources: [], confidence: 0, didYouMean: cands.slice(0, 3).map((c) => toSource(c.hit)) };
  const docId = documentOf(input, best);
  const passage = docId !== null ? documentPassage(input, docId, terms, best.hit.type === 'document-sections' ? best.hit.id : undefined) : null;
  if (!passage) return null;
  const others = cands
    .filter((c) => c !== best && c.coverage >= MIN_COVERAGE)
    .map((c) => documentOf(input, c))
    .filter((id): id is number => id !== null && id !== docId)
    .filter((id, i, all) => all.indexOf(id) === i)
    .slice(0, 3)
    .map((id) => sourceOf(ctx, 'documents', id));
  return {
    answer: passageAnswer(passage),
    sources: [passage.source, ...others].filter(present),
    confidence: Math.min(0.85, 0.5 + 0.35 * best.coverage),
  };
}
