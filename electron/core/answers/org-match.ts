// Which organization a technician means by "@acme dentl", "for Harbor Health" or the letters
// typed so far in the org browser. Tiers, best first:
//   exact name (after normalising case, accents, punctuation, "&"/"and", legal suffixes) 1.00
//   short name                                                                        0.97
//   same words in another order                                                       0.95
//   typo (Damerau-Levenshtein ≤ 1 for 4–7 letters, ≤ 2 from 8)                        0.80 / 0.72
//   word prefix ("acme" → "Acme Dental"), more for a longer share of the name          0.60–0.90
//   prefix inside a word ("acmed")                                                    0.55–0.85
//   some of the words ("health" → "Harbor Health")                                    0.58–0.83
//   prefix with a typo ("harbr")                                                       0.50
// Several organizations within MARGIN of the best make the answer ambiguous, so "@acme" with
// Acme Corp and Acme Dental asks instead of guessing.
import type { OrgCandidate } from '../../../shared/domain';
import { COMMON_WORDS } from './org-match-common-words';
import { boundedDistance, typoAllowance } from './org-match-distance';
import { codePoints, indexOf, type IndexedOrg, type OrgIndex } from '../identifiers/org-name-index';
import { normaliseName, type NormalName } from '../identifiers/org-name-normalise';

export type { OrgCandidate } from '../../../shared/domain';

export type MatchHow = 'exact' | 'short' | 'tokens' | 'typo' | 'prefix' | 'subset';

export type OrgMatch<T extends OrgCandidate = OrgCandidate> =
  | { kind: 'match'; org: T; score: number; how: MatchHow }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none'; suggestions: T[] };

export interface RankedOrg<T extends OrgCandidate = OrgCandidate> {
  org: T;
  score: number;
  how: MatchHow | 'contains';
}

export const MIN_SCORE = 0.5;
export const MARGIN = 0.08;
const MAX_AMBIGUOUS = 10;
const MAX_SUGGESTIONS = 3;

interface Scored {
  score: number;
  how: MatchHow;
}

function tokenPrefix(q: string[], n: string[]): boolean {
  if (q.length === 0 || q.length > n.length) return false;
  const last = q.length - 1;
  for (let i = 0; i < last; i++) if (q[i] !== n[i]) return false;
  return (n[last] ?? '').startsWith(q[last] ?? '');
}

function tokenSubset(q: string[], n: string[]): boolean {
  if (q.length === 0 || q.length > n.length) return false;
  const last = q.length - 1;
  return q.every((t, i) => (i === last ? n.some((w) => w.startsWith(t)) : n.includes(t)));
}

// An organization's token arrays live in the cached index, so their sorted form is computed
// once, not once per question per org (3,000+ orgs at 1M records).
const sortedKeys = new WeakMap<string[], string>();
const sorted = (a: string[]): string => {
  let key = sortedKeys.get(a);
  if (key === undefined) {
    key = [...a].sort().join(' ');
    sortedKeys.set(a, key);
  }
  return key;
};

function sameTokenSet(q: string[], n: string[]): boolean {
  if (q.length !== n.length || q.length < 2) return false;
  return sorted(q) === sorted(n);
}

/** An abbreviation-only match ranks just below the same match as written ("Acme Tech" beats "Acme Technologies" for "acme tech"). */
const ALT_PENALTY = 0.04;

function scoreName(q: NormalName, n: NormalName): Scored | null {
  const plain = scoreWords(q, n);
  if (!q.alt && !n.alt) return plain;
  const alt = scoreWords(q.alt ?? q, n.alt ?? n);
  if (!alt || (plain && plain.score >= alt.score - ALT_PENALTY)) return plain;
  return { score: alt.score - ALT_PENALTY, how: alt.how };
}

function scoreWords(q: Omit<NormalName, 'alt'>, n: Omit<NormalName, 'alt'>): Scored | null {
  if (q.compact === '' || n.compact === '') return null;
  if (q.compact === n.compact) return { score: 1, how: 'exact' };
  if (q.compact.length < 2) return null;
  if (sameTokenSet(q.tokens, n.tokens)) return { score: 0.95, how: 'tokens' };
  const allowance = typoAllowance(Math.min(q.compact.length, n.compact.length));
  if (allowance > 0) {
    const d = boundedDistance(q.compact, n.compact, allowance);
    if (d <= allowance) return { score: 0.88 - 0.08 * d, how: 'typo' };
  }
  const ratio = q.compact.length / n.compact.length;
  if (ratio < 1 && tokenPrefix(q.tokens, n.tokens)) return { score: 0.6 + 0.3 * ratio, how: 'prefix' };
  if (ratio < 1 && n.compact.startsWith(q.compact)) return { score: 0.55 + 0.3 * ratio, how: 'prefix' };
  if (ratio < 1 && tokenSubset(q.tokens, n.tokens)) return { score: 0.58 + 0.25 * ratio, how: 'subset' };
  // a typo in the first letter is rare, and checking it here would cost every org three distances
  if (q.compact.length >= 5 && n.compact.length > q.compact.length && q.compact[0] === n.compact[0]) {
    for (let len = q.compact.length - 1; len <= q.compact.length + 1; len++) {
      if (boundedDistance(q.compact, n.compact.slice(0, len), 1) <= 1) return { score: 0.5, how: 'typo' };
    }
  }
  return null;
}

function scoreEntry(q: NormalName, e: IndexedOrg): Scored | null {
  const byName = scoreName(q, e.name);
  if (!e.short) return byName;
  let byShort: Scored | null = null;
  if (q.compact !== '' && q.compact === e.short.compact) byShort = { score: 0.97, how: 'short' };
  else if (q.compact.length >= 2 && e.short.compact.startsWith(q.compact)) {
    byShort = { score: 0.55 + 0.3 * (q.compact.length / e.short.compact.length), how: 'prefix' };
  }
  if (!byName) return byShort;
  if (!byShort) return byName;
  return byShort.score > byName.score ? byShort : byName;
}

interface Hit<T> {
  org: T;
  index: number;
  scored: Scored;
}

function byScore<T extends OrgCandidate>(a: Hit<T>, b: Hit<T>): number {
  return b.scored.score - a.scored.score || a.org.name.localeCompare(b.org.name, 'en') || a.org.id - b.org.id || a.index - b.index;
}

export interface MatchOptions {
  /** Skip "did you mean" work when only a match matters (scanning runs of words). Default true. */
  suggest?: boolean;
}

/**
 * The orgs scoreEntry can score at all, found through the index rather than by scoring every
 * org (a question scans many runs of words against 3,000+ orgs at 1M records). Every tier but a
 * whole-name typo needs the typed first word's initial among the name's (or short name's)
 * initials; a whole-name typo needs a compact length within the largest typo allowance.
 */
function candidates(q: NormalName, index: OrgIndex): Set<number> {
  const out = new Set<number>();
  const take = (list: number[] | undefined): void => list?.forEach((i) => out.add(i));
  for (const form of [q, q.alt]) {
    if (!form || form.compact === '') continue;
    take(index.byInitial.get(form.compact.charAt(0)));
    const slack = typoAllowance(Number.MAX_SAFE_INTEGER);
    const length = codePoints(form.compact);
    for (let len = length - slack; len <= length + slack; len++) take(index.byLength.get(len));
  }
  return out;
}

export function matchOrg<T extends OrgCandidate>(said: string, orgs: readonly T[], options: MatchOptions = {}): OrgMatch<T> {
  const q = normaliseName(said);
  const index = indexOf(orgs);
  const hits: Hit<T>[] = [];
  for (const i of candidates(q, index)) {
    const org = orgs[i];
    const entry = index.entry(i);
    const scored = org && entry ? scoreEntry(q, entry) : null;
    if (org && scored && scored.score >= MIN_SCORE) hits.push({ org, index: i, scored });
  }
  hits.sort(byScore);
  const top = hits[0];
  if (!top) return { kind: 'none', suggestions: options.suggest === false ? [] : suggest(q, orgs, index) };
  // an exact or short-name hit is only challenged by another one
  const floor = top.scored.score >= 0.97 ? 0.97 : top.scored.score - MARGIN;
  // A short name is typed like a word: "acme" is Acme Corp's short name but also the whole
  // first word of "Acme Dental", so it asks rather than picking the short name silently.
  const leadsName = (h: Hit<T>): boolean => {
    const n = index.entry(h.index)?.name.tokens ?? [];
    return q.tokens.length > 0 && q.tokens.length < n.length && q.tokens.every((t, i) => n[i] === t);
  };
  const close = hits.filter((h) => h.scored.score >= floor || (top.scored.how === 'short' && leadsName(h)));
  if (close.length === 1) return { kind: 'match', org: top.org, score: top.scored.score, how: top.scored.how };
  return { kind: 'ambiguous', candidates: close.slice(0, MAX_AMBIGUOUS).map((h) => h.org) };
}

/** Closest names when nothing matched, for "did you mean". Loose on purpose. */
function suggest<T extends OrgCandidate>(q: NormalName, orgs: readonly T[], index: OrgIndex): T[] {
  if (q.compact.length < 2) return [];
  const similarity = (a: string, b: string): number => {
    const longest = Math.max(Array.from(a).length, Array.from(b).length);
    return longest === 0 ? 0 : 1 - boundedDistance(a, b, longest) / longest;
  };
  const scored: Hit<T>[] = [];
  orgs.forEach((org, i) => {
    const e = index.entry(i);
    if (!e) return;
    let best = similarity(q.compact, e.name.compact);
    for (const u of q.tokens) for (const t of e.name.tokens) if (u.length >= 3) best = Math.max(best, 0.9 * similarity(u, t));
    if (e.short) best = Math.max(best, similarity(q.compact, e.short.compact));
    if (best >= 0.5) scored.push({ org, index: i, scored: { score: best, how: 'typo' } });
  });
  return scored.sort(byScore).slice(0, MAX_SUGGESTIONS).map((h) => h.org);
}

/**
 * Organizations for an autocomplete box, best first. An empty prefix lists them by name.
 * Beyond matchOrg's tiers, a prefix found inside a word ("dent" → Acme Dental) still ranks.
 */
export function rankOrgs<T extends OrgCandidate>(prefix: string, orgs: readonly T[], limit = 10): RankedOrg<T>[] {
  const max = Math.max(0, Math.min(Math.floor(limit), 1000));
  const q = normaliseName(prefix);
  const index = indexOf(orgs);
  const hits: (RankedOrg<T> & { index: number })[] = [];
  orgs.forEach((org, i) => {
    const e = index.entry(i);
    if (!e) return;
    if (q.compact === '') {
      hits.push({ org, index: i, score: 0, how: 'prefix' });
      return;
    }
    const scored = scoreEntry(q, e);
    if (scored) hits.push({ org, index: i, ...scored });
    // one typed letter already narrows the list; two can be found inside a word
    else if (e.name.compact.startsWith(q.compact)) hits.push({ org, index: i, score: 0.45, how: 'prefix' });
    else if (q.compact.length >= 2 && e.name.compact.includes(q.compact)) hits.push({ org, index: i, score: 0.4, how: 'contains' });
  });
  hits.sort((a, b) => b.score - a.score || a.org.name.localeCompare(b.org.name, 'en') || a.org.id - b.org.id || a.index - b.index);
  return hits.slice(0, max).map(({ org, score, how }) => ({ org, score, how }));
}

/**
 * Organizations whose whole name or short name is exactly these words (after normalising).
 * Cheap: one map lookup, for scanning every run of words in a question.
 */
export function orgsNamedExactly<T extends OrgCandidate>(words: string, orgs: readonly T[]): T[] {
  const q = normaliseName(words);
  const index = indexOf(orgs);
  const positions = [...(index.byCompact.get(q.compact) ?? []), ...(q.alt ? (index.byCompact.get(q.alt.compact) ?? []) : [])];
  // An abbreviation hit is exact only when both sides collapse to the same words.
  const exact = positions.filter((i, k) => positions.indexOf(i) === k && sameName(q, index.entry(i)));
  return exact.map((i) => orgs[i]).filter((o): o is T => o !== undefined);
}

/**
 * Organizations whose name begins with these whole words: "harbor" and "harbor health" for
 * Harbor Health Partners, but not "harb". One map lookup plus a check per org sharing the first word.
 */
export function orgsStartingWith<T extends OrgCandidate>(words: string, orgs: readonly T[]): T[] {
  const q = normaliseName(words);
  const index = indexOf(orgs);
  const starts = (qt: string[], name: string[]): boolean => qt.length <= name.length && qt.every((t, j) => name[j] === t);
  const positions = [...new Set([...(index.byFirstWord.get(q.tokens[0] ?? '') ?? []), ...(q.alt ? (index.byFirstWord.get(q.alt.tokens[0] ?? '') ?? []) : [])])].sort((a, b) => a - b);
  return positions
    .filter((i) => {
      const e = index.entry(i);
      if (!e) return false;
      return starts(q.tokens, e.name.tokens) || starts((q.alt ?? q).tokens, (e.name.alt ?? e.name).tokens);
    })
    .map((i) => orgs[i])
    .filter((o): o is T => o !== undefined);
}

/**
 * Organizations whose name of three or more words has these initials: "pvg" for Pinecrest
 * Veterinary Group (MSPs name devices PVG-SW01 after them). Two-letter initials are left out:
 * too many of them are IT words (AP, DC, IT).
 */
export function orgsWithInitials<T extends OrgCandidate>(word: string, orgs: readonly T[]): T[] {
  const q = normaliseName(word).compact;
  if (!/^\p{L}{3,5}$/u.test(q)) return [];
  return (indexOf(orgs).byAcronym.get(q) ?? []).map((i) => orgs[i]).filter((o): o is T => o !== undefined);
}

function sameName(q: NormalName, e: IndexedOrg | undefined): boolean {
  if (!e) return false;
  if (q.compact === e.name.compact || q.compact === e.short?.compact) return true;
  return (q.alt ?? q).compact === (e.name.alt ?? e.name).compact;
}

/** A lowercase everyday word ("night", "office") that should not be read as a client's name. */
export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word.toLowerCase());
}
