// Query understanding: one question in, everything the answer engine needs to pick a strategy
// out. Pure and deterministic (the clock is an option), no database, bounded work.
//
// `direction` for dependency questions:
//   'up'   = what X needs / depends on ("what does SRV-DC01 depend on", "upstream of the VPN")
//   'down' = what depends on X ("what depends on SRV-DC01", "impact if the SAN goes down")
//   absent = the question does not say; the engine may walk both ways.
//
// The intent is the question's intent even when the organization is ambiguous or unknown: the
// engine reads `scope` to ask "which Acme?" (Answer.intent 'ambiguous_org') and keeps `intent`
// for when the user has chosen. Empty input gives intent 'search' with empty text.
import type { Intent } from '../../../../shared/domain';
import type { OrgCandidate } from '../org-match';
import { cleanQuestion } from '../../identifiers/clean';
import { scoreIntent, type Signal } from './cues';
import { findExact, type ExactTerms } from '../../identifiers/find-exact';
import { findScope, type Scope } from './scope';
import { pastDays, withinDays } from './time';
import { findQuotedPhrases, tokenize, type Token } from '../../identifiers/tokens';
import { FILLER, FRAME, FTS_OPERATORS } from './words';

export type { OrgCandidate } from '../org-match';
export type { Scope, ScopeHow } from './scope';
export type { ExactTerms } from '../../identifiers/find-exact';
export type { Signal } from './cues';

export type Direction = 'up' | 'down';

export interface Query<T extends OrgCandidate = OrgCandidate> {
  /** The question exactly as given. */
  raw: string;
  /** The question without the organization, its marker word and filler; words as typed. */
  text: string;
  scope: Scope<T>;
  intent: Intent;
  exact: ExactTerms;
  /** Days ahead for "expires in the next 30 days", "this month", "next week". */
  withinDays?: number;
  direction?: Direction;
  /** The thing asked about: "SRV-DC01", "VPN", "backups". */
  subject?: string;
  /** Lowercase search words (no addresses, no filler), at most MAX_KEYWORDS. */
  keywords: string[];
  /** Quoted phrases, to search as phrases. */
  phrases: string[];
  /** Why this intent: every cue that fired, with its weight. */
  signals: Signal[];
  /** The question was longer than MAX_QUESTION_CHARS and only its start was read. */
  truncated: boolean;
}

export interface UnderstandOptions {
  /** "Today" for calendar windows such as "this month"; defaults to the current time. */
  now?: Date;
}

const MAX_KEYWORDS = 24;
const MAX_KEYWORD_CHARS = 64;
const MAX_SUBJECT_WORDS = 6;
const MAX_PHRASES = 10;

const UP = [
  /\bwhat (?:does|do|did|will|would) .{1,80}? (?:depend|rely|run|sit) on\b/,
  // "which host is IRC-ERP01 on", "what is the core switch behind", "where does X live"
  /\bwhich (?:host|hypervisor|server|vm host|cluster|switch|firewall|router|ups)\b.{0,60}\b(?:on|behind|into|to)\s*\??$/,
  /\bwhat(?:'s| is) .{1,80}? (?:behind|plugged into|powered by|hosted on|running on|on)\s*\??$/,
  /\b(?:is|are) .{1,80}? (?:hosted|running|installed|virtuali[sz]ed) on\s*\??$/,
  /\bwhat (?:does|do|did|will|would) .{1,80}? (?:need|require)s?\b/,
  /\bupstream\b/,
  /\bdependencies (?:of|for)\b/,
  /\b(?:depends|relies) on what\b/,
];
const DOWN = [
  /\b(?:what|who|which \w+)(?: else)? (?:depends?|rel(?:y|ies)|runs?|sits?) on\b/,
  // "what vms live on MRLW-HV01", "what is plugged into the ups", "what's behind the firewall"
  // ("connected to" says no direction: both ways are walked)
  /\bwhat (?:vms?|virtual machines?|servers?|guests?|devices?|apps?|applications?|services?|systems?)\b.{0,40}\b(?:on|behind|into)\b/,
  /\bwhat(?:'s| is)? (?:on|behind|plugged into|powered by|hosted on|running on)\b/,
  /\b(?:impact|affected|affects?|blast radius|breaks?|break|fail|stops?)\b/,
  /\bif .{1,80}? (?:goes|go|is|went|was) (?:down|offline)\b/,
  /\bdownstream\b/,
  /\b(?:what|who) uses\b/,
  /\bused by\b/,
  /\bdependents\b/,
];

function direction(lower: string): Direction | undefined {
  if (UP.some((re) => re.test(lower))) return 'up';
  if (DOWN.some((re) => re.test(lower))) return 'down';
  return undefined;
}

// \u2019 is the curly apostrophe ("what’s"), escaped to keep the CLI bundle ASCII.
function isFiller(core: string): boolean {
  return FILLER.has(core.toLowerCase().replace(/\u2019/g, "'"));
}

function keywordsOf(tokens: Token[], names: Set<string>): string[] {
  const out: string[] = [];
  const add = (k: string): void => {
    const w = k.slice(0, MAX_KEYWORD_CHARS);
    if (out.length < MAX_KEYWORDS && !out.includes(w)) out.push(w);
  };
  for (const t of tokens) {
    const lower = t.core.toLowerCase();
    // hostnames and serials stay whole: "srv-dc01" is one thing to search for
    if (names.has(lower)) {
      add(lower);
      continue;
    }
    for (const piece of lower.split(/[^\p{L}\p{N}]+/u)) {
      if (piece === '' || FILLER.has(piece) || FTS_OPERATORS.has(piece)) continue;
      if (piece.length < 2 && !/\p{N}/u.test(piece) && !/[^\p{Script=Latin}]/u.test(piece)) continue;
      add(piece);
    }
  }
  return out;
}

function subjectOf(tokens: Token[], firstTerm: string | undefined): string | undefined {
  if (firstTerm) return firstTerm;
  const words = tokens
    .map((t) => t.core)
    .filter((w) => {
      const lower = w.toLowerCase().replace(/\u2019/g, "'");
      return !FILLER.has(lower) && !FRAME.has(lower) && !/^\d+$/.test(lower) && /[\p{L}\p{N}]/u.test(lower);
    });
  return words.length > 0 ? words.slice(0, MAX_SUBJECT_WORDS).join(' ') : undefined;
}

export function understand<T extends OrgCandidate>(question: string, orgs: readonly T[], options: UnderstandOptions = {}): Query<T> {
  const raw = typeof question === 'string' ? question : '';
  const { text: cleaned, truncated } = cleanQuestion(raw);
  const tokens = tokenize(cleaned);
  const found = findExact(tokens);
  const { scope, consumed } = findScope(tokens, found.addressTokens, orgs);

  const rest = tokens.map((token, index) => ({ token, index })).filter((e) => !consumed.has(e.index));
  const lower = rest.map((e) => e.token.text).join(' ').toLowerCase().replace(/[\u2019\u2018]/g, "'");
  const contentEntries = rest.filter((e) => /[\p{L}\p{N}]/u.test(e.token.core) && !isFiller(e.token.core));
  const content = contentEntries.map((e) => e.token);
  const days = withinDays(lower, options.now ?? new Date());

  const { exact } = found;
  const { intent, signals } = scoreIntent({
    lower,
    addresses: exact.ips.length + exact.cidrs.length + exact.macs.length,
    names: exact.hostnames.length + exact.serials.length,
    orgOnly: scope.kind !== 'none' && content.length === 0,
    // "expired in the last 30 days" names a window back in time.
    hasWindow: days !== undefined || (pastDays(lower) !== undefined && /\b(?:expir|laps|warrant)/.test(lower)),
  });

  const names = new Set([...exact.hostnames, ...exact.serials].map((n) => n.toLowerCase()));
  const firstTerm = rest.map((e) => found.termAt.get(e.index)).find((t) => t !== undefined);
  const keywordTokens = contentEntries.filter((e) => !found.addressTokens.has(e.index)).map((e) => e.token);
  const query: Query<T> = {
    raw,
    text: content.map((t) => t.core).join(' '),
    scope,
    intent,
    exact,
    keywords: keywordsOf(keywordTokens, names),
    phrases: findQuotedPhrases(cleaned)
      .map((p) => p.phrase)
      .slice(0, MAX_PHRASES),
    signals,
    truncated,
  };
  if (days !== undefined) query.withinDays = days;
  if (intent === 'dependencies') {
    const dir = direction(lower);
    if (dir) query.direction = dir;
  }
  const subject = subjectOf(content, firstTerm);
  if (subject !== undefined) query.subject = subject;
  return query;
}
