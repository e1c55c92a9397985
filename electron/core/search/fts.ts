// Keyword search over records_fts. Any user text becomes a safe FTS5 query: every term is a
// quoted string, so FTS5 syntax ("*", NEAR(, AND/OR/NOT, column filters, parentheses) typed by
// a user is searched as words, never interpreted. Inside a quoted string FTS5 runs the table's
// tokenizer (unicode61), so "192.168.1.10", "SRV-DC01" and "00:1a:2b:…" become phrases exactly
// the way the store's bodies were tokenised.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../shared/domain';
import { prepared } from '../store/read/rows';
import { storeVersionKey } from '../store/read/store-version';
import { GENERIC_WORDS, groupTerms, synonymsOf, variants } from './fts-synonyms';

const MAX_TERMS = 32;
const MAX_TERM_CHARS = 64;
/** Reading more than this of a pasted text changes nothing but the cost. */
const MAX_INPUT_CHARS = 4000;
/** name ≫ body (records_fts columns: name, body). */
const NAME_WEIGHT = 10;
const BODY_WEIGHT = 1;
/** bm25 is negative (lower = better): archived rows keep this share of their score. */
const ARCHIVED_FACTOR = 0.5;

export interface FtsQuery {
  /** The MATCH expression; terms are joined by `join`. */
  match: string;
  terms: string[];
  join: 'AND' | 'OR';
}

export interface FtsOptions {
  /** Treat the last term as a prefix (search-as-you-type). */
  prefixLast?: boolean;
  join?: 'AND' | 'OR';
}

/** Splits text into search terms: whitespace-separated words with a letter or digit in them. */
export function ftsTerms(text: string): string[] {
  const out: string[] = [];
  const clipped = text.slice(0, MAX_INPUT_CHARS).normalize('NFKC');
  for (const raw of clipped.split(/\s+/u)) {
    // Control characters and quotes carry no meaning inside a term.
    const word = raw.replace(/[\p{Cc}\p{Cf}"]/gu, '').slice(0, MAX_TERM_CHARS);
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    if (!out.includes(word.toLowerCase())) out.push(word.toLowerCase());
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

const quote = (term: string): string => `"${term.replace(/"/g, '""')}"`;

/** A safe MATCH expression for `text`, or null when nothing searchable is left. */
export function buildFtsQuery(text: string, opts: FtsOptions = {}): FtsQuery | null {
  return buildFromTerms(ftsTerms(text), opts);
}

export function buildFromTerms(terms: readonly string[], opts: FtsOptions = {}): FtsQuery | null {
  // A table phrase given as one term ("office 365") stays one term; other words are split.
  const words = terms.flatMap((t) => (/\s/u.test(t.trim()) && synonymsOf(t) ? [t.trim().toLowerCase()] : ftsTerms(t)));
  const clean = groupTerms(words).slice(0, MAX_TERMS);
  if (clean.length === 0) return null;
  const join = opts.join ?? 'AND';
  const parts = clean.map((t, i) => {
    // Only a last term that ends in a letter/digit can be a prefix ("10.0." is a finished phrase).
    const prefix = opts.prefixLast === true && i === clean.length - 1 && /[\p{L}\p{N}]$/u.test(t);
    // As typed first (quoted whole, so the tokenizer splits it exactly as it split the bodies),
    // then its spellings, synonyms and a plural's stem: "servers" → ("servers" OR "server"*).
    const alts = [prefix ? `${quote(t)}*` : quote(t)];
    for (const v of variants(t).slice(1)) {
      const phrase = quote(v.words.join(' '));
      alts.push(v.prefix ? `${phrase}*` : phrase);
    }
    const unique = [...new Set(alts)];
    return unique.length === 1 ? (unique[0] ?? quote(t)) : `(${unique.join(' OR ')})`;
  });
  return { match: parts.join(` ${join} `), terms: clean, join };
}

export interface FtsFilter {
  orgId?: number;
  types?: readonly RecordType[];
  limit: number;
}

export interface FtsHit {
  rowid: number;
  type: RecordType;
  /** bm25 with field weights, archived down-ranked; lower is better. */
  score: number;
}

// The full ranking, in SQL: every match joined to records_flags (type, org, archived, deleted by
// rowid) rather than to the wide records row, whose last columns sit behind the body's overflow
// pages. Result columns are computed for every row that reaches the sorter, so the query carries
// no snippet(): the caller cuts snippets for the page it shows.
function statement(db: Database.Database, typeCount: number): Database.Statement<(string | number)[], FtsHit> {
  const where = ['records_fts MATCH ?', 'r.deleted_at IS NULL'];
  if (typeCount > 0) where.push(`r.type IN (${Array.from({ length: typeCount }, () => '?').join(', ')})`);
  return prepared<(string | number)[], FtsHit>(
    db,
    `SELECT r.rowid AS rowid, r.type AS type,
            bm25(records_fts, ${NAME_WEIGHT}, ${BODY_WEIGHT}) * (CASE WHEN r.archived = 1 THEN ${ARCHIVED_FACTOR} ELSE 1 END) AS score
       FROM records_fts JOIN records r INDEXED BY records_flags ON r.rowid = records_fts.rowid
      WHERE ${where.join(' AND ')}
      ORDER BY score, r.rowid
      LIMIT ?`,
  );
}

type Scored = { rowid: number; score: number };
type Flags = { type: RecordType; org_id: number | null; archived: number; deleted_at: string | null };

/**
 * Index matches checked against `records` through records_flags (type, org and flags from the
 * covering index, never the wide row), re-weighted and ordered as the full statement orders them.
 */
function checked(db: Database.Database, matches: Iterable<Scored>, orgId: number | undefined, types: readonly string[]): FtsHit[] {
  const flags = prepared<[number], Flags>(db, 'SELECT type, org_id, archived, deleted_at FROM records INDEXED BY records_flags WHERE rowid = ?');
  const out: FtsHit[] = [];
  for (const h of matches) {
    const r = flags.get(h.rowid);
    if (!r || r.deleted_at !== null) continue;
    if (orgId !== undefined && r.org_id !== orgId) continue;
    if (types.length > 0 && !types.includes(r.type)) continue;
    out.push({ rowid: h.rowid, type: r.type, score: h.score * (r.archived === 1 ? ARCHIVED_FACTOR : 1) });
  }
  return out.sort(byRank);
}

// Equal scores go by rowid, the index's own order: the head is then settled past a run of ties
// (devices made from one template score alike), which a tie-break by kind never allowed.
const byRank = (a: FtsHit, b: FtsHit): number => a.score - b.score || a.rowid - b.rowid;

/**
 * The best `cap` matches by bm25 from the index alone, then filtered and re-weighted with their
 * records rows. Joining every match to `records` reads each row's archived/deleted columns,
 * which sit behind the body's overflow pages: for a common word in 100k records that is most
 * of the cost. Matches are checked in rank order until the page is settled: re-weighting only
 * makes a score worse, so once `limit` rows pass and the worst of them beats the next match's
 * raw score, no later match can enter (a cold process checked all 2,000 of a common phrase's
 * head through ~1,000 index pages). Null when the head may not hold `limit` rows that pass.
 */
export function rankedHead(db: Database.Database, query: FtsQuery, filter: FtsFilter, types: readonly string[], limit: number, cap: number): FtsHit[] | null {
  const head = prepared<[string, number], Scored>(db, `SELECT rowid, bm25(records_fts, ${NAME_WEIGHT}, ${BODY_WEIGHT}) AS score FROM records_fts WHERE records_fts MATCH ? ORDER BY score, rowid LIMIT ?`);
  const top = head.all(query.match, cap);
  const out: FtsHit[] = [];
  for (let i = 0; i < top.length; i++) {
    if (settled(out[limit - 1], top[i]!)) return out.slice(0, limit);
    const [hit] = checked(db, [top[i]!], filter.orgId, types);
    if (hit) out.splice(sortedIndex(out, hit), 0, hit);
  }
  // Exact when every match was seen, or when the page's last row beats anything unseen.
  const last = top[top.length - 1];
  if (top.length < cap || (last && settled(out[limit - 1], last))) return out.slice(0, limit);
  return null;
}

/**
 * Whether a match at or after `next` in the index's raw order (score, then rowid) can no longer
 * enter a page whose last row is `edge`: such a match scores at best `next.score` (down-ranking
 * only makes it worse) and, tied on score, comes after `next` by rowid.
 */
function settled(edge: FtsHit | undefined, next: Scored): boolean {
  if (!edge) return false;
  return edge.score < next.score || (edge.score === next.score && edge.rowid < next.rowid);
}

/** Where `hit` goes in hits ordered as the full statement orders them (score, rowid). */
function sortedIndex(hits: readonly FtsHit[], hit: FtsHit): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byRank(hits[mid]!, hit) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Scope = { orgId: number } | { types: readonly string[] };

/**
 * The index matches among one org's rows, or among the rows of a few kinds, with their scores.
 * The unary plus keeps those rowids away from FTS5: handed to it as a constraint, FTS5 rebuilds
 * its term iterators once per rowid (~0.3 ms each). As a filter, SQLite checks each index match
 * against the rowid list in C, and bm25 is computed only for the matches that pass: "firewall"
 * in one org at 1M records 42–128 ms → 1.5 ms, "server" among passwords 165 → 17 ms.
 */
function scopedStatement(db: Database.Database, scope: Scope): Database.Statement<(string | number)[], Scored> {
  const rows =
    'orgId' in scope
      ? 'SELECT rowid FROM records INDEXED BY records_org_type WHERE org_id = ?'
      : `SELECT rowid FROM records INDEXED BY records_type_name WHERE type IN (${scope.types.map(() => '?').join(', ')})`;
  return prepared<(string | number)[], Scored>(
    db,
    `SELECT records_fts.rowid AS rowid, bm25(records_fts, ${NAME_WEIGHT}, ${BODY_WEIGHT}) AS score FROM records_fts
      WHERE records_fts MATCH ? AND +records_fts.rowid IN (${rows})`,
  );
}

/** Rows in the scope, counted up to `cap` (an org from its index, kinds from record_counts). */
function scopeSize(db: Database.Database, scope: Scope, cap: number): number {
  if ('orgId' in scope) return prepared<[number, number], { n: number }>(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM records INDEXED BY records_org_type WHERE org_id = ? LIMIT ?)').get(scope.orgId, cap)?.n ?? 0;
  const sql = `SELECT coalesce(sum(live), 0) AS n FROM record_counts WHERE type IN (${scope.types.map(() => '?').join(', ')})`;
  return prepared<string[], { n: number }>(db, sql).get(...scope.types)?.n ?? 0;
}

/** Search inside one organization or a few small kinds: the index matches among the scope's rows only. */
function scopedSearch(db: Database.Database, query: FtsQuery, scope: Scope, types: readonly string[], limit: number): FtsHit[] {
  const params = 'orgId' in scope ? [scope.orgId] : scope.types;
  return checked(db, scopedStatement(db, scope).iterate(query.match, ...params), 'orgId' in scope ? scope.orgId : undefined, types).slice(0, limit);
}

/** How many index matches are re-checked against records before asking SQLite for all. */
const HEAD_CAP = 2000;
/**
 * Past this many rows an org or a set of kinds is searched through the tenant's best index
 * matches first: they likely hold a page of its rows, and listing its rows costs more (~0.5 µs
 * a row: 140 ms for the 269k configurations of a 1M-record tenant).
 */
const SMALL_SCOPE = 10 * HEAD_CAP;

/** Runs a built query. Deleted rows never match (they leave the index) and are filtered anyway. */
export function ftsSearch(db: Database.Database, query: FtsQuery, filter: FtsFilter): FtsHit[] {
  const types = [...new Set(filter.types ?? [])].sort();
  const limit = Math.max(1, Math.min(1000, Math.trunc(filter.limit)));
  const cap = Math.max(HEAD_CAP, limit * 4);
  if (filter.orgId !== undefined) {
    // A small org (most are) is searched through its own rows at once: the tenant's best matches
    // seldom hold a page of them, and trying first doubled the cost (100k scoped p95 137 → 36 ms).
    const org = { orgId: filter.orgId };
    if (scopeSize(db, org, SMALL_SCOPE + 1) <= SMALL_SCOPE) return scopedSearch(db, query, org, types, limit);
    return rankedHead(db, query, filter, types, limit, cap) ?? scopedSearch(db, query, org, types, limit);
  }
  // A few small kinds tenant-wide ("server" among passwords) are searched through their rows: the
  // tenant's best matches are mostly other kinds, and ranking every match cost 80–470 ms at 1M.
  if (types.length > 0 && scopeSize(db, { types }, SMALL_SCOPE + 1) <= SMALL_SCOPE) return scopedSearch(db, query, { types }, types, limit);
  // Tenant-wide: the best matches first (a common word stays cheap), every match ranked in SQL
  // through records_flags only when a kind filter left the head too few.
  return rankedHead(db, query, filter, types, limit, cap) ?? statement(db, types.length).all(query.match, ...types, limit);
}

/**
 * AND of all terms first, then AND of the words that carry a subject, and when that finds
 * nothing either, OR (ranked by bm25, so records with more of the words still come first).
 * Questions carry words no record holds.
 */
export function keywordSearch(db: Database.Database, terms: readonly string[], filter: FtsFilter, opts: { prefixLast?: boolean } = {}): KeywordResult {
  const all = buildFromTerms(terms, { ...opts, join: 'AND' });
  if (!all) return { hits: [], query: null };
  const hits = ftsSearch(db, all, filter);
  if (hits.length > 0 || all.terms.length === 1) return { hits, query: all };
  // "for", "the", "how do I" match nearly every row: ranking all of them costs much and adds nothing.
  const content = terms.filter((t) => !STOP_WORDS.has(t.toLowerCase()));
  // "printer at main office": no record says "at", but thousands hold all three content words;
  // ranking those is cheap, while the OR of "printer", "main" and "office" ranked 400k rows
  // (0.6 s at 1M records) to put the same records first.
  if (content.length > 1 && content.length < all.terms.length) {
    const strict = buildFromTerms(content, { ...opts, join: 'AND' });
    const found = strict ? ftsSearch(db, strict, filter) : [];
    if (strict && found.length > 0) return { hits: found, query: strict };
  }
  const any = buildFromTerms(content.length > 0 ? content : terms, { ...opts, join: 'OR' });
  return any ? { hits: ftsSearch(db, any, filter), query: any } : { hits: [], query: null };
}

export interface KeywordResult {
  hits: FtsHit[];
  /** The query that produced the hits, null when nothing was searchable. */
  query: FtsQuery | null;
}

/** Words that carry no subject; dropped from the OR fallback when other words remain. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [...'a an and are as at be by can do does for from has have how i in is it me my of on or our the this to us was we what when where which who why will with you your'.split(' '), ...GENERIC_WORDS],
);

/** Matches counted per term at most: past this a word is common, and the exact count costs a doclist scan. */
const DF_CAP = 1000;
const weights = new WeakMap<Database.Database, { key: string; live: number; byTerm: Map<string, number> }>();

/**
 * How much a word says about which record is meant: ln(1 + N / (1 + df)), the usual inverse
 * document frequency, with df counted from the index (capped). "Chromebook" in a tenant weighs
 * more than "office". Cached per store version.
 */
export function termWeight(db: Database.Database, term: string): number {
  const { live, df } = termStats(db, term);
  return Math.log(1 + Math.max(1, live) / (1 + df));
}

/** Records whose name holds `term` (or one of its variants), counted up to DF_CAP. */
export function nameFrequency(db: Database.Database, term: string): number {
  return termStats(db, term, 'name').df;
}

/** An SQLite varint (1–9 bytes, big-endian, 7 bits a byte but all 8 of a 9th) at the start of `bytes`, or null if cut short. */
export function readVarint(bytes: Uint8Array): number | null {
  let n = 0;
  for (let i = 0; i < 9 && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (i === 8) return n * 256 + b;
    n = n * 128 + (b & 0x7f);
    if (b < 0x80) return n;
  }
  return null;
}

/**
 * Rows in the keyword index (every live record): the first varint of FTS5's "averages" record
 * (rowid 1 of records_fts_data), the same N its bm25 uses, read from one page. Summing
 * record_counts read its ~30,000 rows at 1M records: ~7-13 ms of every cold question.
 */
export function indexedRows(db: Database.Database): number {
  const block = prepared<[], { block: Buffer | null }>(db, 'SELECT block FROM records_fts_data WHERE id = 1').get()?.block;
  const n = block ? readVarint(block) : null;
  if (n !== null && Number.isSafeInteger(n)) return n;
  // An index never written has no averages record yet.
  return prepared<[], { n: number | null }>(db, 'SELECT sum(live) AS n FROM record_counts').get()?.n ?? 0;
}

function termStats(db: Database.Database, term: string, column?: 'name'): { live: number; df: number } {
  const key = storeVersionKey(db);
  let entry = weights.get(db);
  if (!entry || entry.key !== key) {
    entry = { key, live: indexedRows(db), byTerm: new Map() };
    weights.set(db, entry);
  }
  const key2 = column ? `${column}:${term}` : term;
  const cached = entry.byTerm.get(key2);
  if (cached !== undefined) return { live: entry.live, df: cached };
  const query = buildFromTerms([term]);
  const match = query ? (column ? `${column} : (${query.match})` : query.match) : null;
  const df = match
    ? (db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM records_fts WHERE records_fts MATCH ? LIMIT ?)').get(match, DF_CAP)?.n ?? 0)
    : 0;
  if (entry.byTerm.size > 10_000) entry.byTerm.clear();
  entry.byTerm.set(key2, df);
  return { live: entry.live, df };
}
