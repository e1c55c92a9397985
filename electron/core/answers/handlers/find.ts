// Record finding for handlers: hybrid search inside the scope, and the "is this really what was
// asked" check that decides between an answer and "No data available".
import type { RecordType, Source } from '../../../../shared/domain';
import { GENERIC_WORDS, groupTerms, variants } from '../../search/fts-synonyms';
import { search, termWeight, type SearchHit } from '../../search/search';
import { answerText } from '../../store/index';
import { sameStem } from '../../text/stem';
import type { HandlerInput } from '../context';

/** Share of the question's words a hit must contain to count as an answer. */
export const MIN_COVERAGE = 0.75;

function words(text: string): Set<string> {
  const list = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  // "Wi-Fi" is also "wifi", "e-mail" also "email".
  const joined = list.slice(1).map((w, i) => `${list[i] ?? ''}${w}`);
  return new Set([...list, ...joined]);
}

/**
 * Share of `terms` found in `text` (as the FTS tokenizer splits it). A term is found when every
 * word of it, or of one of its variants (spellings, MSP synonyms, a plural's stem: see
 * search/fts-synonyms), is in the text. Generic words ("setup", "info") only count when nothing
 * else was asked.
 */
export function coverage(terms: readonly string[], text: string, weightOf: (term: string) => number = () => 1): number {
  const grouped = groupTerms(terms);
  const specific = grouped.filter((t) => !GENERIC_WORDS.includes(t.toLowerCase()));
  const asked = specific.length > 0 ? specific : grouped;
  if (asked.length === 0) return 0;
  const have = words(text);
  const list = [...have];
  const hasWord = (p: string): boolean => have.has(p) || list.some((h) => sameStem(p, h));
  let total = 0;
  let found = 0;
  for (const t of asked) {
    const w = weightOf(t);
    total += w;
    // "dc01" in the question finds "dc01"; a prefix counts so "backups" finds "backup"
    if (variants(t).some((v) => v.words.length > 0 && v.words.every((p) => hasWord(p)))) found += w;
  }
  return total > 0 ? found / total : 0;
}

export interface Candidate {
  hit: SearchHit;
  coverage: number;
}

export function fullText(input: HandlerInput, rowid: number): string {
  return answerText(input.ctx.search.db, rowid);
}

/** Searches `terms` in scope; each candidate carries its coverage of the terms. */
export async function findCandidates(input: HandlerInput, terms: readonly string[], types?: readonly RecordType[], limit = 10): Promise<Candidate[]> {
  if (terms.length === 0) return [];
  const result = await search(input.ctx.search, { query: terms.join(' '), orgId: input.org?.id, type: types, limit });
  const weight = (t: string): number => termWeight(input.ctx.search, t);
  return result.hits.map((hit) => ({ hit, coverage: hit.matched.includes('exact') ? 1 : coverage(terms, fullText(input, hit.rowid), weight) }));
}

/** Best candidates first by coverage, then by search rank (stable). */
export function byCoverage(cands: readonly Candidate[]): Candidate[] {
  return cands.map((c, i) => ({ c, i })).sort((a, b) => b.c.coverage - a.c.coverage || a.i - b.i).map((x) => x.c);
}

export function toSource(hit: SearchHit): Source {
  return { type: hit.type, id: hit.id, name: hit.name, org: hit.org, url: hit.url, snippet: hit.snippet };
}

/** Words that say what kind of thing is asked for, not which one. */
export const KIND_WORDS = new Set([
  'password', 'passwords', 'credential', 'credentials', 'login', 'logins', 'creds', 'pw', 'pwd',
  'doc', 'docs', 'document', 'documents', 'documentation', 'runbook', 'procedure', 'how', 'howto', 'guide', 'steps',
  'contact', 'contacts', 'phone', 'email', 'number', 'call', 'mobile', 'cell', 'telephone', 'tel', 'extension', 'fax', 'location', 'locations', 'address', 'office', 'site',
  'config', 'configuration', 'details', 'detail', 'info', 'information', 'device', 'show', 'tell', 'list', 'all',
]);

export const contentTerms = (keywords: readonly string[], extraDrop: readonly string[] = []): string[] =>
  keywords.filter((k) => !KIND_WORDS.has(k) && !extraDrop.includes(k));
