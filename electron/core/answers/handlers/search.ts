// The fallback for every intent: hybrid search in scope. Answers only when the best hit holds
// (nearly) all of the question's words; otherwise "No data available" with the nearest hits.
import { listText, type Found, type HandlerInput } from '../context';
import { documentOf, documentPassage, passageAnswer } from './documents';
import { byCoverage, contentTerms, findCandidates, MIN_COVERAGE, toSource } from './find';

export async function searchAnswer(input: HandlerInput): Promise<Found | null> {
  // An address the exact lookup did not find is still the question's subject: a record that
  // only shares its other words ("who owns 10.20.0.99" → a contact who "owns" something) is no
  // answer, one whose text holds the address (a LAN asset's DNS servers) is.
  const addresses = [...input.q.exact.ips.map((ip) => ip.address), ...input.q.exact.cidrs.map((c) => c.cidr)];
  const terms = [...input.q.phrases, ...input.q.keywords, ...addresses];
  const useful = contentTerms(terms);
  const cands = byCoverage(await findCandidates(input, useful.length > 0 ? useful : terms, undefined, 10));
  const best = cands[0];
  if (!best || best.coverage < MIN_COVERAGE) return { noData: true, answer: '', sources: [], confidence: 0, didYouMean: cands.slice(0, 3).map((c) => toSource(c.hit)) };
  const good = cands.filter((c) => c.coverage >= MIN_COVERAGE).slice(0, 5);
  // A document answers with its passage, as the documents handler quotes it.
  const docId = documentOf(input, best);
  const passage = docId !== null ? documentPassage(input, docId, useful.length > 0 ? useful : terms, best.hit.type === 'document-sections' ? best.hit.id : undefined) : null;
  if (passage) {
    const rest = good.slice(1).map((c) => toSource(c.hit)).filter((s) => !(s.type === 'documents' && s.id === passage.source.id));
    return { answer: passageAnswer(passage), sources: [passage.source, ...rest], confidence: Math.min(0.85, 0.45 + 0.4 * best.coverage) };
  }
  // "is the renewal checklist done": a checklist answers with its completion and open tasks.
  const checklist = best.hit.type === 'checklists' ? checklistAnswer(input, best.hit.id) : null;
  if (checklist) return { answer: checklist, sources: good.map((c) => toSource(c.hit)), confidence: Math.min(0.85, 0.45 + 0.4 * best.coverage) };
  const names = [...new Set(good.map((c) => `${c.hit.name}${c.hit.org ? ` (${c.hit.org.name})` : ''}`))];
  const first = good[0];
  const answer = first && first.hit.snippet ? `${listText(names)}. ${first.hit.name}: ${first.hit.snippet}` : `${listText(names)}.`;
  return { answer, sources: good.map((c) => toSource(c.hit)), confidence: Math.min(0.85, 0.45 + 0.4 * best.coverage * (good.length === 1 ? 1 : 0.9)) };
}

/** A checklist's state in a sentence: done, or how many tasks are done and which are still open. */
function checklistAnswer(input: HandlerInput, id: string): string | null {
  const c = /^\d+$/.test(id) ? input.ctx.search.reader.checklistWithTasks(Number(id)) : null;
  if (!c) return null;
  const done = c.tasks.filter((t) => t.completed).length;
  const org = c.record.orgId !== null ? input.ctx.search.reader.orgName(c.record.orgId) : null;
  const head = `${c.record.name}${org ? ` (${org})` : ''}`;
  if (c.completed || (c.tasks.length > 0 && done === c.tasks.length)) return `${head} is completed: ${done} of ${c.tasks.length} tasks done.`;
  const open = c.tasks.filter((t) => !t.completed).map((t) => t.name);
  const due = c.dueOn ? `, due ${c.dueOn}` : '';
  return `${head} is not completed${due}: ${done} of ${c.tasks.length} tasks done. Still open: ${listText(open)}.`;
}
