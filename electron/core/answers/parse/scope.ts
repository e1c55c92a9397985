// Which organization a question is about. Three ways to say it, most explicit first:
//   "@harbor health backup"        '@': the longest run of words after @ that names an org;
//                                  ambiguous or unknown is reported, never guessed.
//   "firewall ip for Acme Dental"  'at' | 'for' | 'in' (and about/of/from/with/on, reported as
//                                  'name'): binds only on a strong match — the whole name, a
//                                  short name, the words reordered, a typo in a long name, or
//                                  two or more leading words — so "at night" or "for the CEO"
//                                  stay words.
//   "acme dental firewall ip"      'name': a run of words that is exactly an org's name or
//                                  short name (one word: 4+ letters), or two or more words
//                                  that begin only one name.
// A single lowercase everyday word ("office", "summit" is not one) never binds except after @.
import { isCommonWord, matchOrg, orgsNamedExactly, orgsStartingWith, orgsWithInitials, type OrgCandidate, type OrgMatch } from '../org-match';
import { synonymsOf } from '../../search/fts-synonyms';
import { normaliseName } from '../../identifiers/org-name-normalise';
import type { Token } from '../../identifiers/tokens';

/** 'domain': named by a domain its records hold (domain-scope.ts). */
export type ScopeHow = '@' | 'at' | 'for' | 'in' | 'name' | 'domain';

export type Scope<T extends OrgCandidate = OrgCandidate> =
  | { kind: 'none' }
  | { kind: 'org'; org: T; how: ScopeHow; said: string }
  | { kind: 'ambiguous'; candidates: T[]; said: string }
  | { kind: 'unknown'; said: string; suggestions: T[] };

export interface ScopeFound<T extends OrgCandidate> {
  scope: Scope<T>;
  /** Token positions that named the organization (and its marker): not part of the question text. */
  consumed: Set<number>;
}

const MAX_SPAN = 5;
const MAX_MENTIONS = 3;
const MAX_MARKERS = 8;
const MARKERS = new Map<string, ScopeHow>([
  ['at', 'at'], ['for', 'for'], ['in', 'in'],
  ['about', 'name'], ['of', 'name'], ['from', 'name'], ['with', 'name'], ['on', 'name'],
]);

interface Word {
  index: number;
  word: string;
  raw: string;
}

function spanAfter(tokens: Token[], from: number, blocked: Set<number>): Word[] {
  const words: Word[] = [];
  for (let i = from; i < tokens.length && words.length < MAX_SPAN; i++) {
    const t = tokens[i];
    if (!t || blocked.has(i) || t.core === '' || t.core.startsWith('@')) break;
    words.push({ index: i, word: t.core, raw: t.core });
    if (t.endsClause) break;
  }
  return words;
}

/** A lowercase everyday word, or a short lowercase one, is a word, not a client. */
function weakSingle(word: Word): boolean {
  const hasUpper = word.raw !== word.raw.toLowerCase();
  if (hasUpper) return false;
  return isCommonWord(word.word) || normaliseName(word.word).compact.length < 3;
}

function join(words: Word[]): string {
  return words.map((w) => w.word).join(' ');
}

/** Strong enough to bind without "@": the whole name, a short name, the words reordered, a typo
 * in a long name, or the name's first whole words ("at Keystone" for Keystone Logistics). */
function strongMatch<T extends OrgCandidate>(m: Extract<OrgMatch<T>, { kind: 'match' }>, words: Word[], orgs: readonly T[]): boolean {
  if (m.how === 'exact' || m.how === 'short' || m.how === 'tokens') return true;
  if (m.how === 'typo') return m.score >= 0.72 && normaliseName(join(words)).compact.length >= 8;
  return m.how === 'prefix' && orgsStartingWith(join(words), orgs).includes(m.org);
}

/** Several organizations all beginning with these whole words ("for Acme": Acme Corp, Acme Dental). */
function strongAmbiguity<T extends OrgCandidate>(candidates: T[], words: Word[], orgs: readonly T[]): boolean {
  if (normaliseName(join(words)).compact.length < 3 || candidates.length < 2) return false;
  const starting = orgsStartingWith(join(words), orgs);
  return candidates.every((c) => starting.includes(c));
}

function fromMention<T extends OrgCandidate>(tokens: Token[], at: number, blocked: Set<number>, orgs: readonly T[]): ScopeFound<T> | null {
  const token = tokens[at];
  if (!token) return null;
  const first = token.core.replace(/^@+/, '');
  const words: Word[] = first === '' ? [] : [{ index: at, word: first, raw: first }];
  if (first === '' || !token.endsClause) words.push(...spanAfter(tokens, at + 1, blocked).slice(0, MAX_SPAN - words.length));
  if (words.length === 0) return null;
  let ambiguous: { candidates: T[]; k: number } | null = null;
  for (let k = words.length; k >= 1; k--) {
    const span = words.slice(0, k);
    const m = matchOrg(join(span), orgs, { suggest: false });
    const consumed = new Set([at, ...span.map((w) => w.index)]);
    if (m.kind === 'match') return { scope: { kind: 'org', org: m.org, how: '@', said: join(span) }, consumed };
    if (m.kind === 'ambiguous' && !ambiguous) ambiguous = { candidates: m.candidates, k };
  }
  if (ambiguous) {
    const span = words.slice(0, ambiguous.k);
    return {
      scope: { kind: 'ambiguous', candidates: ambiguous.candidates, said: join(span) },
      consumed: new Set([at, ...span.map((w) => w.index)]),
    };
  }
  const said = words[0]?.word ?? '';
  const m = matchOrg(said, orgs);
  return {
    scope: { kind: 'unknown', said, suggestions: m.kind === 'none' ? m.suggestions : [] },
    consumed: new Set([at, ...(first === '' ? [words[0]?.index ?? at] : [])]),
  };
}

function fromMarker<T extends OrgCandidate>(tokens: Token[], at: number, how: ScopeHow, blocked: Set<number>, orgs: readonly T[]): ScopeFound<T> | null {
  let from = at + 1;
  const article = tokens[from];
  if (article && article.core.toLowerCase() === 'the' && !article.endsClause) from++;
  const words = spanAfter(tokens, from, blocked);
  for (let k = words.length; k >= 1; k--) {
    const span = words.slice(0, k);
    const only = span[0];
    if (k === 1 && only && weakSingle(only)) continue;
    const m = matchOrg(join(span), orgs, { suggest: false });
    const consumed = new Set([at, ...(from > at + 1 ? [at + 1] : []), ...span.map((w) => w.index)]);
    if (m.kind === 'match' && strongMatch(m, span, orgs)) return { scope: { kind: 'org', org: m.org, how, said: join(span) }, consumed };
    if (m.kind === 'ambiguous' && strongAmbiguity(m.candidates, span, orgs)) {
      return { scope: { kind: 'ambiguous', candidates: m.candidates, said: join(span) }, consumed };
    }
  }
  return null;
}

/** A near-exact name for two or more words: every word but the last whole, the last a prefix or one edit away. */
function nearName<T extends OrgCandidate>(span: Word[], orgs: readonly T[]): T[] {
  if (normaliseName(join(span)).compact.length < 6) return [];
  // The cheap test first: fuzzy-matching every run of words of a question against thousands of
  // orgs was most of a cold ask's question reading, and only names starting with the lead count.
  const starting = orgsStartingWith(join(span.slice(0, -1)), orgs);
  if (starting.length === 0) return [];
  const m = matchOrg(join(span), orgs, { suggest: false });
  if (m.kind !== 'match' || !starting.includes(m.org)) return [];
  return m.how === 'typo' || m.how === 'prefix' ? [m.org] : [];
}

/** Long enough, not an everyday word: worth reading as the start of a client's name. */
const distinctive = (w: Word): boolean => normaliseName(w.word).compact.length >= 5 && !isCommonWord(w.word);

function fromName<T extends OrgCandidate>(tokens: Token[], blocked: Set<number>, orgs: readonly T[]): ScopeFound<T> | null {
  for (let i = 0; i < tokens.length; i++) {
    const words = spanAfter(tokens, i, blocked);
    for (let k = words.length; k >= 1; k--) {
      const span = words.slice(0, k);
      const only = span[0];
      // an org's initials, unless they are an IT word: "pvg 192.168.10.2" is Pinecrest Veterinary Group's
      if (k === 1 && only && !isCommonWord(only.word) && synonymsOf(only.word) === null) {
        const byInitials = orgsWithInitials(only.word, orgs);
        const org = byInitials.length === 1 ? byInitials[0] : undefined;
        if (org) return { scope: { kind: 'org', org, how: 'name', said: only.word }, consumed: new Set([only.index]) };
      }
      // without a marker, a short single word is more often an acronym (IT, AP, DC) than a client
      if (k === 1 && only && (weakSingle(only) || normaliseName(only.word).compact.length < 4)) continue;
      let named = orgsNamedExactly(join(span), orgs);
      // two or more words that begin exactly one name: "Pinnacle Financial" for Pinnacle Financial Partners
      if (named.length === 0 && k >= 2 && normaliseName(join(span)).tokens.length >= 2) {
        const starting = orgsStartingWith(join(span), orgs);
        if (starting.length === 1) named = starting;
      }
      // two or more words that are a name with its last word cut short or one letter off:
      // "Northgate Constructio" is Northgate Construction, not every org starting "Northgate"
      if (named.length === 0 && k >= 2) named = nearName(span, orgs);
      // one distinctive word that begins names: "northgate firewall" is a Northgate, or asks which
      if (named.length === 0 && k === 1 && only && distinctive(only)) named = orgsStartingWith(only.word, orgs);
      const consumed = new Set(span.map((w) => w.index));
      const first = named[0];
      if (named.length === 1 && first) return { scope: { kind: 'org', org: first, how: 'name', said: join(span) }, consumed };
      if (named.length > 1) return { scope: { kind: 'ambiguous', candidates: named, said: join(span) }, consumed };
    }
  }
  return null;
}

/** `blocked` holds tokens that cannot be part of a name (IP and MAC addresses). */
export function findScope<T extends OrgCandidate>(tokens: Token[], blocked: Set<number>, orgs: readonly T[]): ScopeFound<T> {
  const none: ScopeFound<T> = { scope: { kind: 'none' }, consumed: new Set() };
  if (orgs.length === 0) {
    const mention = tokens.findIndex((t) => /^@+[^@]/.test(t.core));
    const said = tokens[mention]?.core.replace(/^@+/, '');
    return said ? { scope: { kind: 'unknown', said, suggestions: [] }, consumed: new Set([mention]) } : none;
  }
  let mentions = 0;
  for (let i = 0; i < tokens.length && mentions < MAX_MENTIONS; i++) {
    if (!tokens[i]?.core.startsWith('@')) continue;
    mentions++;
    const found = fromMention(tokens, i, blocked, orgs);
    if (found) return found;
  }
  let markers = 0;
  for (let i = 0; i < tokens.length && markers < MAX_MARKERS; i++) {
    const t = tokens[i];
    const how = t && !t.endsClause ? MARKERS.get(t.core.toLowerCase()) : undefined;
    if (!how) continue;
    markers++;
    const found = fromMarker(tokens, i, how, blocked, orgs);
    if (found) return found;
  }
  return fromName(tokens, blocked, orgs) ?? none;
}
