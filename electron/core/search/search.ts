// Hybrid search: keyword (FTS5, bm25 with field weights) fused with vector neighbours by
// reciprocal rank, exact identifiers (IP, MAC, hostname, serial), record names and org names
// boosted to the top. Keyword-only when no model/vectors are ready, and the result says so.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { OrgRef, RecordType } from '../../../shared/domain';
import { identifiersIn } from '../identifiers/in-text';
import type { OrgCandidate } from '../../../shared/domain';
import { createReader, readOrgs, storeVersionKey, type StoreReader, type Store, type ConfigurationHit } from '../store/index';
import type { Embedder } from './embedder';
import { ftsTerms, nameFrequency, keywordSearch, termWeight as indexTermWeight } from './fts';
import { embedQuery, Lru, nearestRecords, vectorReadiness, type NeighbourCache, type QueryEmbedder } from './hybrid';
import { BOOST, fuse, type Fused } from './rank';

export interface SearchContext {
  readonly db: Database.Database;
  readonly reader: StoreReader;
  /** The local model, or null for keyword-only search. Its worker starts on the first query. */
  readonly embedder: Embedder | null;
  readonly queryCache: Lru<string, Float32Array>;
  readonly neighbourCache: NeighbourCache['lru'];
  /** Changes whenever the store does (this connection's writes or another's commits). */
  storeVersion(): string;
  /** Live organizations (id, name, short name), re-read only after the store changed. */
  orgs(): readonly OrgCandidate[];
}

export function createSearchContext(store: Store, opts: { embedder?: Embedder | null; cacheSize?: number } = {}): SearchContext {
  const db = store.db;
  let cached: { key: string; orgs: readonly OrgCandidate[] } | null = null;
  const storeVersion = (): string => storeVersionKey(db);
  return {
    db,
    reader: createReader(store),
    embedder: opts.embedder ?? null,
    queryCache: new Lru(opts.cacheSize ?? 256),
    neighbourCache: new Lru(32),
    storeVersion,
    orgs() {
      const key = storeVersion();
      if (!cached || cached.key !== key) cached = { key, orgs: readOrgs(db) };
      return cached.orgs;
    },
  };
}

/** How much one search word says about which record is meant (inverse document frequency). */
export const termWeight = (ctx: SearchContext, term: string): number => indexTermWeight(ctx.db, term);

/** True when some record of the tenant is named with `term` ("guest", "vpn"): a word that names things, not one that describes a value. */
export const namesRecords = (ctx: SearchContext, term: string): boolean => nameFrequency(ctx.db, term) > 0;

export interface SearchInput {
  query: string;
  orgId?: number;
  type?: RecordType | readonly RecordType[];
  limit?: number;
  offset?: number;
  /** Search-as-you-type: the last word is a prefix. */
  prefix?: boolean;
}

/** keyword/vector: found by that half; exact: an identifier; name: its name was the query; kind: of the kind asked for. */
export type MatchKind = 'keyword' | 'vector' | 'exact' | 'name' | 'kind';

export interface SearchHit {
  rowid: number;
  type: RecordType;
  id: string;
  name: string;
  org: OrgRef | null;
  url: string;
  snippet: string;
  archived: boolean;
  score: number;
  matched: MatchKind[];
  /** For a hit shown through its parent: what of it matched ("WAN 198.51.100.7", a heading). */
  via?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  mode: 'hybrid' | 'keyword';
  /** Why the vector half was left out, when it was. */
  note: string | null;
  /** True when the text held nothing searchable ("ask a question"). */
  empty: boolean;
}

interface RecordRow {
  rowid: number;
  type: RecordType;
  itglue_id: string;
  org_id: number | null;
  org_name: string | null;
  name: string;
  url: string | null;
  archived: number;
  body: string;
}

const SNIPPET_CHARS = 200;
/** Characters shown before the first matched word. */
const SNIPPET_LEAD = 60;
/** Body characters loaded per hit: enough to find a matched word past the opening lines. */
const BODY_CHARS = 2000;
/** Fewest vector neighbours fused, however small the page. */
const VECTOR_MIN_K = 10;

export function plainSnippet(body: string): string {
  // A field that repeats another (hostname = name) is said once.
  const parts = body.split(/\s*\n\s*/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const flat = [...new Set(parts)].join(' · ');
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1)}…` : flat;
}

function typesOf(type: SearchInput['type']): RecordType[] {
  if (type === undefined) return [];
  return typeof type === 'string' ? [type] : [...type];
}

/** Configuration record rowids (and their interfaces' rows) that an identifier in the text names. */
export function exactHits(reader: StoreReader, text: string): ConfigurationHit[] {
  const e = identifiersIn(text);
  const out: ConfigurationHit[] = [];
  for (const ip of e.ips) out.push(...reader.findByIp(ip.address));
  for (const c of e.cidrs) if (c.version === 4) out.push(...reader.findByCidr(c.cidr));
  for (const m of e.macs) out.push(...reader.findByMac(m));
  for (const h of e.hostnames) out.push(...reader.findByHostname(h));
  for (const s of e.serials) out.push(...reader.findBySerial(s));
  return out;
}

export async function search(ctx: SearchContext, input: SearchInput): Promise<SearchResult> {
  const limit = Math.max(1, Math.min(200, Math.trunc(input.limit ?? 20)));
  const offset = Math.max(0, Math.trunc(input.offset ?? 0));
  const types = typesOf(input.type);
  const terms = ftsTerms(input.query);
  if (terms.length === 0) return { hits: [], mode: 'keyword', note: 'Type a few words or ask a question.', empty: true };
  const want = Math.min(1000, Math.max(50, (offset + limit) * 3));
  const filter = { orgId: input.orgId, types, limit: want };

  const { hits: keyword } = keywordSearch(ctx.db, terms, filter, { prefixLast: input.prefix === true });

  let vector: { rowid: number; type: RecordType }[] = [];
  let mode: SearchResult['mode'] = 'keyword';
  let note: string | null = null;
  const ready = vectorReadiness(ctx.db, ctx.embedder);
  if (ready.ready && ctx.embedder) {
    try {
      const qe: QueryEmbedder = { embedder: ctx.embedder, cache: ctx.queryCache };
      const vec = await embedQuery(qe, input.query.slice(0, 1000));
      // RRF only needs the vector list's head; every extra unscoped neighbour costs a float re-score.
      const k = Math.min(want, Math.max(VECTOR_MIN_K, offset + limit));
      const cacheKey = `${ctx.storeVersion()}|${ready.modelId}|${input.orgId ?? '*'}|${input.query.slice(0, 1000).trim().toLowerCase()}`;
      vector = nearestRecords(ctx.db, vec, { k, orgId: input.orgId, types, modelId: ready.modelId, cache: { key: cacheKey, lru: ctx.neighbourCache } });
      mode = 'hybrid';
    } catch {
      note = 'Keyword search only: the embedding model could not run.';
    }
  } else if (!ready.ready) {
    note = `Keyword search only: ${ready.reason}.`;
  }

  const boosts = new Map<number, { type: RecordType; boost: number }>();
  const orgs = ctx.orgs();
  const exactRows = recordRowsOfConfigurations(ctx.db, exactHits(ctx.reader, input.query));
  for (const r of exactRows) {
    if (input.orgId !== undefined && r.org_id !== input.orgId) continue;
    if (types.length > 0 && !types.includes('configurations')) continue;
    boosts.set(r.rowid, { type: 'configurations', boost: BOOST.identifier });
  }
  const fused = fuse(keyword, vector, boosts);
  const rows = loadRows(ctx.db, fused.map((f) => f.rowid));
  const whole = input.query.trim().toLowerCase();
  const orgNamed = new Set(orgs.filter((o) => o.name.toLowerCase() === whole || o.shortName?.toLowerCase() === whole).map((o) => o.id));
  for (const f of fused) {
    const r = rows.get(f.rowid);
    if (!r) continue;
    if (r.name.toLowerCase() === whole) {
      f.boost += BOOST.recordName;
      f.score += BOOST.recordName;
    }
    if (r.type === 'organizations' && r.org_id !== null && orgNamed.has(r.org_id)) {
      f.boost += BOOST.orgName;
      f.score += BOOST.orgName;
    }
  }
  const ordered = [...fused].sort((a, b) => b.score - a.score || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || a.rowid - b.rowid);
  const page: { r: RecordRow; f: Fused }[] = [];
  for (const f of ordered.slice(offset)) {
    const r = rows.get(f.rowid);
    if (!r) continue;
    page.push({ r, f });
    if (page.length >= limit) break;
  }
  const hits = page.map((p) => toHit(p.r, p.f, terms));
  return { hits, mode, note, empty: false };
}

/**
 * The body from a little before the first searched word, so the snippet shows why it matched.
 * Cut in JS from the loaded body: FTS5's snippet() per row costs a MATCH per hit.
 */
export function focusSnippet(body: string, terms: readonly string[]): string {
  const lower = body.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const i = t.length >= 2 ? lower.indexOf(t.toLowerCase()) : -1;
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  if (at <= SNIPPET_LEAD) return plainSnippet(body);
  const start = body.lastIndexOf(' ', at - SNIPPET_LEAD) + 1;
  return `…${plainSnippet(body.slice(start))}`;
}

function toHit(r: RecordRow, f: Fused, terms: readonly string[], also: readonly MatchKind[] = []): SearchHit {
  const matched: MatchKind[] = [...also];
  if (f.keywordRank !== null) matched.push('keyword');
  if (f.vectorRank !== null) matched.push('vector');
  if (f.boost >= BOOST.identifier) matched.push('exact');
  else if (f.boost > 0) matched.push('name');
  return {
    rowid: r.rowid,
    type: r.type,
    id: r.itglue_id,
    name: r.name,
    org: r.org_id !== null && r.org_name !== null ? { id: r.org_id, name: r.org_name } : null,
    url: r.url ?? '',
    snippet: focusSnippet(r.body, terms),
    archived: r.archived === 1,
    score: f.score,
    matched,
  };
}

/**
 * Hits for records found by another route than the ranking (records of the kind a question
 * names), scored `score`, with snippets focused on the query's words.
 */
export function hitsOfRows(ctx: SearchContext, rowids: readonly number[], query: string, score: number, orgId?: number): SearchHit[] {
  const rows = loadRows(ctx.db, rowids);
  const terms = ftsTerms(query);
  const out: SearchHit[] = [];
  for (const rowid of rowids) {
    const r = rows.get(rowid);
    if (!r || (orgId !== undefined && r.org_id !== orgId)) continue;
    out.push(toHit(r, { rowid, type: r.type, score, keywordRank: null, vectorRank: null, boost: 0 }, terms, ['kind']));
  }
  return out;
}

export function loadRows(db: Database.Database, rowids: readonly number[]): Map<number, RecordRow> {
  const out = new Map<number, RecordRow>();
  for (let i = 0; i < rowids.length; i += 500) {
    const ids = rowids.slice(i, i + 500);
    const rows = db
      .prepare<number[], RecordRow>(
        `SELECT r.rowid, r.type, r.itglue_id, r.org_id, o.name AS org_name, r.name, r.url, r.archived, substr(r.body, 1, ${BODY_CHARS}) AS body
           FROM records r LEFT JOIN organizations o ON o.id = r.org_id
          WHERE r.deleted_at IS NULL AND r.rowid IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids);
    for (const r of rows) out.set(r.rowid, r);
  }
  return out;
}

function recordRowsOfConfigurations(db: Database.Database, hits: readonly ConfigurationHit[]): { rowid: number; org_id: number | null }[] {
  const ids = [...new Set(hits.map((h) => h.id))];
  if (ids.length === 0) return [];
  return db
    .prepare<number[], { rowid: number; org_id: number | null }>(`SELECT record_rowid AS rowid, org_id FROM configurations WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY record_rowid`)
    .all(...ids);
}
