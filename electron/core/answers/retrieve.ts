// Retrieval for every door's search box (app, `glue search`, MCP `search`) and for the answer
// engine's general fallback: the question is read once by the same parser `ask` uses, then
//   - an organization named in the text (@org, "at Acme", or the name itself) scopes it; an
//     ambiguous one searches the likely orgs and says so; an unknown one returns nothing rather
//     than another organization's records;
//   - identifiers (IP, MAC, serial, hostname) rank first (search's exact boost);
//   - words that name a kind of thing the tenant has (its configuration types, its flexible
//     asset types) lift records of that kind; schema records (asset types and their fields)
//     rank only when the question is about the schema;
//   - child records are shown through their parent ("ACME-FW01 — WAN 198.51.100.7", "DR
//     runbook — Restore"), one hit per parent.
import type { OrgRef, RecordType } from '../../../shared/domain';
import { hitsOfRows, search, type SearchContext, type SearchHit, type SearchInput, type SearchResult } from '../search/search';
import { variantKey } from '../search/fts-synonyms';
import { flexibleAssetTypeNames, hitContext, organizationRowids, recordsOfTypeInOrg, rowidsOfKind } from '../store/index';
import { findConfigType, residual } from './handlers/config-types';
import { organizationsOfKind, wanted, type Wanted } from './handlers/org-list';
import type { Query } from './parse/intent';
import { readQuestion } from './read-question';
import type { OrgCandidate } from './org-match';

export interface RetrieveInput extends SearchInput {
  /** An organization the caller already chose (org picker, --org, MCP `org`): wins over the words. */
  orgId?: number;
  /** Show interfaces and document sections as hits of their own instead of through their parent. */
  children?: boolean;
}

export type RetrieveScope =
  | { kind: 'all' }
  | { kind: 'org'; org: OrgRef; from: 'caller' | 'text' }
  | { kind: 'ambiguous'; said: string; candidates: OrgRef[] }
  | { kind: 'unknown'; said: string; suggestions: OrgRef[] };

export interface RetrieveResult extends SearchResult {
  scope: RetrieveScope;
}

/** Orgs searched when a name fits several equally well. */
const MAX_AMBIGUOUS_ORGS = 4;
const KIND_BOOST = 0.3;
/** More than a name match's boost: a field called "Firewall" is not the firewall. */
const SCHEMA_PENALTY = 0.6;
const SCHEMA_TYPES: ReadonlySet<RecordType> = new Set(['flexible-asset-types', 'flexible-asset-fields']);
const SCHEMA_WORDS = /\b(?:fields?|templates?|schemas?|asset types?|types of assets?|flexible assets? types?|layouts?)\b/i;

const ref = (o: OrgCandidate): OrgRef => ({ id: o.id, name: o.name });

function scopeOf(q: Query, orgs: readonly OrgCandidate[], orgId: number | undefined): RetrieveScope {
  if (orgId !== undefined) {
    const o = orgs.find((x) => x.id === orgId);
    return o ? { kind: 'org', org: ref(o), from: 'caller' } : { kind: 'unknown', said: String(orgId), suggestions: [] };
  }
  switch (q.scope.kind) {
    case 'org':
      return { kind: 'org', org: ref(q.scope.org), from: 'text' };
    case 'ambiguous':
      return { kind: 'ambiguous', said: q.scope.said, candidates: q.scope.candidates.map(ref) };
    case 'unknown':
      return { kind: 'unknown', said: q.scope.said, suggestions: q.scope.suggestions.map(ref) };
    default:
      return { kind: 'all' };
  }
}

function scopedOrgIds(scope: RetrieveScope): (number | undefined)[] {
  if (scope.kind === 'org') return [scope.org.id];
  if (scope.kind === 'ambiguous') return scope.candidates.slice(0, MAX_AMBIGUOUS_ORGS).map((c) => c.id);
  return [undefined];
}

/** The kinds of record the words name: the tenant's configuration and flexible asset types, record types. */
export interface KindsNamed {
  configurationTypes: string[];
  assetTypes: string[];
  /** "domains", "contacts", "runbooks": records of that type. */
  recordTypes: RecordType[];
  /** "customers", "vendors": which organizations, by the tenant's org types. */
  organizations: Wanted | null;
  /** Nothing but the kind (and framing words like "list", "all") was asked: every record of it answers. */
  only: boolean;
}

export function kindsNamed(ctx: SearchContext, keywords: readonly string[]): KindsNamed {
  const config = findConfigType(ctx.db, keywords);
  const keys = new Set(keywords.map(variantKey));
  const assetTypes: string[] = [];
  const assetWords = new Set<string>();
  for (const name of flexibleAssetTypeNames(ctx.db)) {
    const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const said = (w: string): boolean => keys.has(variantKey(w)) || keys.has(variantKey(`${w}s`)) || keys.has(variantKey(w.replace(/s$/, '')));
    // Every word of the type's name, or the whole name as one key ("wi-fi" = "wifi").
    if (words.length === 0 || !(words.every(said) || keys.has(variantKey(name)))) continue;
    assetTypes.push(name);
    for (const k of keywords) if (words.some((w) => variantKey(w) === variantKey(k) || variantKey(`${w}s`) === variantKey(k) || variantKey(w.replace(/s$/, '')) === variantKey(k) || variantKey(name) === variantKey(k))) assetWords.add(k);
  }
  const configurationTypes = config?.typeNames ?? [];
  const recordTypes: RecordType[] = [];
  let organizations: Wanted | null = null;
  const nounWords = new Set<string>();
  for (const k of keywords) {
    const type = RECORD_NOUNS.find(([re]) => re.test(k))?.[1];
    if (type && !recordTypes.includes(type)) recordTypes.push(type);
    if (type) nounWords.add(k);
    if (ORG_NOUNS.test(k)) {
      organizations = wanted(k);
      nounWords.add(k);
    }
  }
  const rest = (config ? residual(keywords, config) : residual(keywords, { typeNames: [], words: [], plural: false })).filter((k) => !assetWords.has(k) && !nounWords.has(k));
  const named = configurationTypes.length > 0 || assetTypes.length > 0 || recordTypes.length > 0 || organizations !== null;
  return { configurationTypes, assetTypes, recordTypes, organizations, only: named && rest.length === 0 };
}

/** Record-type nouns a question may name. */
const RECORD_NOUNS: readonly [RegExp, RecordType][] = [
  [/^domains?$/, 'domains'],
  [/^contacts?$/, 'contacts'],
  [/^(?:locations?|sites?)$/, 'locations'],
  [/^(?:passwords?|credentials?|creds|logins?)$/, 'passwords'],
  [/^(?:documents?|docs?|runbooks?|procedures?)$/, 'documents'],
];
const ORG_NOUNS = /^(?:customers?|clients?|organi[sz]ations?|orgs?|vendors?|suppliers?)$/;

/** Hits from one or several scoped searches, best first by their fused score. */
async function gather(ctx: SearchContext, text: string, orgIds: (number | undefined)[], input: RetrieveInput, want: number): Promise<SearchResult> {
  const results = await Promise.all(orgIds.map((orgId) => search(ctx, { query: text, orgId, type: input.type, limit: want, prefix: input.prefix })));
  const first = results[0] ?? { hits: [], mode: 'keyword' as const, note: null, empty: true };
  if (results.length === 1) return first;
  const hits = results.flatMap((r) => r.hits).sort((a, b) => b.score - a.score || a.rowid - b.rowid);
  return { hits, mode: first.mode, note: first.note, empty: results.every((r) => r.empty) };
}

export async function retrieve(ctx: SearchContext, input: RetrieveInput): Promise<RetrieveResult> {
  const limit = Math.max(1, Math.min(200, Math.trunc(input.limit ?? 20)));
  const offset = Math.max(0, Math.trunc(input.offset ?? 0));
  const orgs = ctx.orgs();
  const q = readQuestion(ctx, input.query);
  const scope = scopeOf(q, orgs, input.orgId);
  if (scope.kind === 'unknown') {
    const names = scope.suggestions.map((s) => s.name).join(', ');
    return { hits: [], mode: 'keyword', note: `No organization matches "${scope.said}"${names ? `; did you mean ${names}?` : '.'}`, empty: false, scope };
  }
  // The words without the organization's name: "northgate construction firewall" searches "firewall" inside Northgate Construction.
  const fromText = (scope.kind === 'org' && scope.from === 'text') || scope.kind === 'ambiguous';
  const text = fromText ? q.text : input.query;
  if (text.trim() === '' && scope.kind === 'org') return orgOnly(ctx, scope, input.query);

  const want = Math.min(200, (offset + limit) * 3 + 10);
  const orgIds = scopedOrgIds(scope);
  const found = await gather(ctx, text, orgIds, input, want);
  const kinds = kindsNamed(ctx, q.keywords);
  const ofKind = kinds.only ? kindCandidates(ctx, kinds, orgIds, input, text, want) : [];
  const ranked = narrowToIdentifiedOrg(rerank(ctx, [...found.hits, ...ofKind], kinds, input));
  return { ...found, hits: ranked.slice(offset, offset + limit), scope };
}

/** "@Acme Dental" alone: the organization itself. */
async function orgOnly(ctx: SearchContext, scope: Extract<RetrieveScope, { kind: 'org' }>, query: string): Promise<RetrieveResult> {
  const r = await search(ctx, { query: scope.org.name, orgId: scope.org.id, type: 'organizations', limit: 1 });
  return { ...r, hits: r.hits.length > 0 ? r.hits : [], scope, note: r.hits.length > 0 ? r.note : `Nothing stored for ${scope.org.name} matches "${query}".` };
}

/** "the firewall at Acme": every record of the kind in scope, whether or not its text says "firewall". */
function kindCandidates(ctx: SearchContext, kinds: KindsNamed, orgIds: (number | undefined)[], input: RetrieveInput, text: string, want: number): SearchHit[] {
  const types = input.type === undefined ? null : new Set<RecordType>(typeof input.type === 'string' ? [input.type] : input.type);
  const filter = {
    configurationTypes: !types || types.has('configurations') ? kinds.configurationTypes : [],
    assetTypes: !types || types.has('flexible-assets') ? kinds.assetTypes : [],
    limit: want,
  };
  const out = orgIds.flatMap((orgId) => hitsOfRows(ctx, rowidsOfKind(ctx.db, { ...filter, orgId }), text, 0, orgId));
  for (const type of kinds.recordTypes) {
    if (types && !types.has(type)) continue;
    // A record type is a kind within an org ("domains for Northgate"); tenant-wide it is too many.
    for (const orgId of orgIds) if (orgId !== undefined) out.push(...hitsOfRows(ctx, recordsOfTypeInOrg(ctx.db, type, orgId, want).map((r) => r.rowid), text, 0, orgId));
  }
  if (kinds.organizations && (!types || types.has('organizations')) && orgIds.every((o) => o === undefined)) {
    const orgs = organizationsOfKind(ctx.reader.listOrganizations(), kinds.organizations).slice(0, want);
    out.push(...hitsOfRows(ctx, organizationRowids(ctx.db, orgs.map((o) => o.id)), text, 0));
  }
  return out;
}

/**
 * A serial, MAC or IP that names devices of one organization only names that organization too:
 * "which meraki is Q2KY-…" lists nothing of the other orgs that have Merakis.
 */
function narrowToIdentifiedOrg(hits: SearchHit[]): SearchHit[] {
  const orgs = new Set(hits.filter((h) => h.matched.includes('exact')).map((h) => h.org?.id ?? null));
  if (orgs.size !== 1) return hits;
  const [only] = orgs;
  return hits.filter((h) => (h.org?.id ?? null) === only);
}

function rerank(ctx: SearchContext, hits: readonly SearchHit[], kinds: KindsNamed, input: RetrieveInput): SearchHit[] {
  const configKinds = new Set(kinds.configurationTypes.map((t) => t.toLowerCase()));
  const assetKinds = new Set(kinds.assetTypes.map((t) => t.toLowerCase()));
  const aboutSchema = SCHEMA_WORDS.test(input.query);
  const out: SearchHit[] = [];
  const byParent = new Map<string, SearchHit>();
  for (const hit of hits) {
    const c = hitContext(ctx.db, hit);
    let score = hit.score;
    const kind = c.kind?.toLowerCase() ?? null;
    // A record of the kind asked for leads, when it holds the other words too (or none were asked).
    const ofKind = (kind !== null && (configKinds.has(kind) || assetKinds.has(kind))) || kinds.recordTypes.includes(hit.type) || (kinds.organizations !== null && hit.matched.includes('kind') && hit.type === 'organizations');
    if (ofKind && (kinds.only || hit.matched.includes('keyword') || hit.matched.includes('vector'))) score += KIND_BOOST;
    if (SCHEMA_TYPES.has(hit.type) && !aboutSchema) score -= SCHEMA_PENALTY;
    let shown: SearchHit = { ...hit, score };
    if (c.parent && input.children !== true) {
      shown = { ...shown, type: c.parent.type, id: c.parent.id, rowid: c.parent.rowid, name: c.parent.name };
      if (c.childLabel) shown.via = c.childLabel;
    }
    const key = `${shown.type}:${shown.id}`;
    const seen = byParent.get(key);
    if (seen && input.children !== true) {
      // One hit per record: the best of the record itself and its children.
      if (shown.score > seen.score) Object.assign(seen, shown);
      continue;
    }
    byParent.set(key, shown);
    out.push(shown);
  }
  return out.sort((a, b) => b.score - a.score || a.rowid - b.rowid);
}

/** A hit's name as a door shows it: "ACME-FW01 — WAN 198.51.100.7". */
export const hitTitle = (h: Pick<SearchHit, 'name' | 'via'>): string => (h.via ? `${h.name} — ${h.via}` : h.name);

/** One line for a door to show above the hits when the question's words set the scope. */
export function describeScope(scope: RetrieveScope): string | null {
  switch (scope.kind) {
    case 'org':
      return scope.from === 'text' ? `Searched in ${scope.org.name}.` : null;
    case 'ambiguous':
      return `"${scope.said}" matches ${scope.candidates.map((c) => c.name).join(', ')}: searched ${scope.candidates.length > MAX_AMBIGUOUS_ORGS ? `the first ${MAX_AMBIGUOUS_ORGS}` : 'each'}. Name one to narrow it.`;
    case 'unknown':
      return null;
    default:
      return null;
  }
}
