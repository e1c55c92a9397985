// How-to questions: hybrid search over documents and their sections; the answer quotes the
// first lines of the best section.
import { present, sourceOf, type Found, type HandlerInput } from '../context';
import { termWeight } from '../../search/search';
import { byCoverage, contentTerms, coverage, findCandidates, MIN_COVERAGE, toSource, type Candidate } from './find';

const QUOTE_LINES = 3;

const sectionText = (s: { text: string }): string => s.text.replace(/\s+/g, ' ').trim();

export async function documentsAnswer(input: HandlerInput): Promise<Found | null> {
  const { ctx } = input;
  const terms = contentTerms(input.q.keywords).concat(input.q.phrases);
  if (terms.length === 0) return null;
  // Sections carry no document name, so a document's name plus its sections are scored together.
  const cands = byCoverage(await findCandidates(input, terms, ['documents', 'document-sections'], 20));
  const docOf = (c: Candidate): number | null => {
    if (c.hit.type === 'documents') return Number(c.hit.id);
    const row = ctx.search.db.prepare<[number], { document_id: number | null }>('SELECT document_id FROM document_sections WHERE id = ?').get(Number(c.hit.id));
    return row?.document_id ?? null;
  };
  const best = cands.find((c) => c.coverage >= MIN_COVERAGE);
  if (!best) return { noData: true, answer: '', sources: [], confidence: 0, didYouMean: cands.slice(0, 3).map((c) => toSource(c.hit)) };
  const docId = docOf(best);
  const doc = docId !== null ? ctx.search.reader.documentWithSections(docId) : null;
  if (!doc) return null;
  const texts = doc.sections.map((s) => ({ s, text: sectionText(s) })).filter((x) => x.text);
  // The passage that answers: the section holding most of the question's weighted words (a
  // late step, not the opening lines), then the search's pick, then the first with text.
  const weight = (t: string): number => termWeight(ctx.search, t);
  const isHeading = (x: { s: { kind: string | null } }): boolean => (x.s.kind ?? '').endsWith('Heading');
  const scored = texts.map((x, i) => ({ x, i, c: isHeading(x) ? 0 : coverage(terms, x.text, weight) }));
  const top = Math.max(0, ...scored.map((y) => y.c));
  const picked = best.hit.type === 'document-sections' ? texts.find((x) => String(x.s.id) === best.hit.id) : undefined;
  const chosen =
    (top > 0 ? (scored.find((y) => y.c >= top && y.x === picked) ?? scored.find((y) => y.c >= top))?.x : undefined) ?? picked ?? texts.find((x) => !isHeading(x)) ?? texts[0];
  const start = chosen ? texts.indexOf(chosen) : 0;
  // Its heading first, so the quote says which part of the document it is.
  const heading = [...texts.slice(0, start)].reverse().find(isHeading);
  const quote = [...(heading && heading !== chosen ? [`**${heading.text}**`] : []), ...texts.slice(start, start + QUOTE_LINES).map((x) => `> ${x.text}`)].join('\n');
  const docSource = sourceOf(ctx, 'documents', doc.record.id, chosen?.text);
  const others = cands
    .filter((c) => c !== best && c.coverage >= MIN_COVERAGE)
    .map((c) => docOf(c))
    .filter((id): id is number => id !== null && id !== docId)
    .filter((id, i, all) => all.indexOf(id) === i)
    .slice(0, 3)
    .map((id) => sourceOf(ctx, 'documents', id));
  const where = docSource?.org ? ` (${docSource.org.name})` : '';
  return {
    answer: `From "${doc.record.name}"${where}:\n${quote}`,
    sources: [docSource, ...others].filter(present),
    confidence: Math.min(0.85, 0.5 + 0.35 * best.coverage),
  };
}
