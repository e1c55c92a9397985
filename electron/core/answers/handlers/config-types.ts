// Configuration types as the tenant names them ("Managed Server", "Firewall", "Wireless Access
// Point"), read from the store, never from a built-in list: a word in a question that names one
// ("servers", "the firewall", "aps") scopes the question to configurations of that type, and
// "list/which/how many <type> at <org>" is answered as an inventory (count + list).
import type Database from 'better-sqlite3-multiple-ciphers';
import { singular, synonymsOf, variantKey } from '../../search/fts-synonyms';
import { configurationsOfType, configurationTypeNames, storeVersionKey, typeOfConfigurations, type TypedConfiguration } from '../../store/index';
import { listText, present, sourceOf, type Found, type HandlerInput } from '../context';
import type { Candidate } from './find';

/** A type's last word alone that says nothing about what it is ("Wireless Access Point" ≠ "point"). */
const VAGUE_HEADS = new Set(['point', 'device', 'devices', 'unit', 'units', 'item', 'items', 'other', 'system', 'systems', 'box', 'equipment', 'node']);

interface TypeIndex {
  key: string;
  /** variantKey of a phrase → the type names it may mean. */
  byPhrase: Map<string, Set<string>>;
}

const cache = new WeakMap<Database.Database, TypeIndex>();

function addPhrase(m: Map<string, Set<string>>, phrase: string, typeName: string): void {
  const k = variantKey(phrase);
  if (k.length < 2) return;
  m.set(k, (m.get(k) ?? new Set()).add(typeName));
}

function typeIndex(db: Database.Database): TypeIndex {
  const key = storeVersionKey(db);
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit;
  const names = configurationTypeNames(db);
  const byPhrase = new Map<string, Set<string>>();
  for (const name of names) {
    const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // Every tail of the name: "wireless access point", "access point"; a vague last word alone is not.
    for (let i = 0; i < words.length; i++) {
      const tail = words.slice(i);
      if (tail.length === 1 && (VAGUE_HEADS.has(tail[0] ?? '') || (tail[0] ?? '').length < 2)) continue;
      const phrase = tail.join(' ');
      addPhrase(byPhrase, phrase, name);
      for (const syn of synonymsOf(phrase) ?? []) addPhrase(byPhrase, syn, name);
    }
  }
  const index = { key, byPhrase };
  cache.set(db, index);
  return index;
}

export interface TypeMatch {
  /** Configuration type names as stored. */
  typeNames: string[];
  /** The question's words that named the type. */
  words: string[];
  /** Said in the plural ("servers"): many are asked for. */
  plural: boolean;
}

/** The configuration type a run of the keywords names (longest run first), or null. */
export function findConfigType(db: Database.Database, keywords: readonly string[]): TypeMatch | null {
  const { byPhrase } = typeIndex(db);
  if (byPhrase.size === 0) return null;
  for (let n = Math.min(3, keywords.length); n >= 1; n--) {
    for (let i = 0; i + n <= keywords.length; i++) {
      const span = keywords.slice(i, i + n);
      const last = span[n - 1] ?? '';
      const one = singular(last) ?? (/^\p{L}{2,}s$/u.test(last) ? last.slice(0, -1) : null);
      const forms: [string, boolean][] = [[span.join(' '), false]];
      if (one) forms.push([[...span.slice(0, -1), one].join(' '), true]);
      for (const [form, plural] of forms) {
        const types = byPhrase.get(variantKey(form));
        if (types) return { typeNames: [...types].sort(), words: span, plural };
      }
    }
  }
  return null;
}

/** Words that frame an inventory question: "how many", "list all", "do we have". */
const INVENTORY_WORDS = new Set([
  'many', 'much', 'count', 'number', 'list', 'all', 'total', 'every', 'each', 'show', 'which', 'what', 'have', 'has', 'got',
  'are', 'there', 'any', 'our', 'their', 'of', 'the', 'we', 'they', 'does', 'do', 'configurations', 'configuration', 'configs',
  'devices', 'device', 'machines', 'assets', 'inventory', 'installed', 'deployed', 'active', 'managed', 'onsite', 'site', 'org',
]);
const INVENTORY_CUE = /\b(?:how many|list|which|count|number of|inventory|all (?:the )?|every)\b/;

/** Keywords left once the type's words and inventory framing are taken out. */
export function residual(keywords: readonly string[], m: TypeMatch, drop: readonly string[] = []): string[] {
  return keywords.filter((k) => !m.words.includes(k) && !INVENTORY_WORDS.has(k) && !drop.includes(k));
}


/** Shown in an inventory answer; the count always covers all. */
const LIST_CAP = 25;

/**
 * "list servers at orion", "how many workstations does acme have": count and list of the
 * org's configurations of that type (every org's, grouped, when none is named). Null when the
 * question is not an inventory question.
 */
export function inventoryAnswer(input: HandlerInput): Found | null {
  const { q } = input;
  if (q.exact.ips.length + q.exact.cidrs.length + q.exact.macs.length + q.exact.hostnames.length + q.exact.serials.length > 0) return null;
  const m = findConfigType(input.ctx.search.db, q.keywords);
  if (!m || residual(q.keywords, m).length > 0) return null;
  const lower = q.raw.toLowerCase();
  if (!m.plural && !INVENTORY_CUE.test(lower)) return null;
  const rows = configurationsOfType(input.ctx.search.db, m.typeNames, input.org?.id ?? null);
  const kind = listText(m.typeNames);
  // The tenant has the type, this org has none: nothing to list is "No data available".
  if (rows.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  const shown = rows.slice(0, LIST_CAP);
  const more = rows.length > shown.length ? ` and ${rows.length - shown.length} more` : '';
  const item = (r: TypedConfiguration): string => `${r.name}${r.primary_ip ? ` (${r.primary_ip})` : ''}${m.typeNames.length > 1 ? ` [${r.type_name}]` : ''}`;
  let answer: string;
  if (input.org) {
    answer = `${input.org.name} has ${rows.length} ${kind} configuration${rows.length === 1 ? '' : 's'}: ${listText(shown.map(item))}${more}.`;
  } else {
    const orgs = new Map<string, TypedConfiguration[]>();
    for (const r of shown) orgs.set(r.org_name ?? 'No organization', [...(orgs.get(r.org_name ?? 'No organization') ?? []), r]);
    const orgCount = new Set(rows.map((r) => r.org_id)).size;
    answer = `${rows.length} ${kind} configuration${rows.length === 1 ? '' : 's'} in ${orgCount} organization${orgCount === 1 ? '' : 's'}:\n${[...orgs].map(([o, list]) => `- ${o}: ${list.map(item).join(', ')}`).join('\n')}${more ? `\n${more.trim()}.` : ''}`;
  }
  const sources = shown.map((r) => sourceOf(input.ctx, 'configurations', r.id)).filter(present);
  return { answer, sources, confidence: 0.9 };
}

/**
 * Candidates of the named configuration type first (stable), among those equally covered: "what
 * depends on the firewall" means the firewall device before a network asset mentioning one.
 */
export function preferType(db: Database.Database, cands: readonly Candidate[], kind: TypeMatch | null): Candidate[] {
  if (!kind) return [...cands];
  const ids = cands.filter((c) => c.hit.type === 'configurations').map((c) => Number(c.hit.id));
  const types = typeOfConfigurations(db, ids);
  const wanted = new Set(kind.typeNames);
  const isKind = (c: Candidate): boolean => c.hit.type === 'configurations' && wanted.has(types.get(Number(c.hit.id)) ?? '');
  return cands
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.coverage - a.c.coverage || Number(isKind(b.c)) - Number(isKind(a.c)) || a.i - b.i)
    .map((x) => x.c);
}
