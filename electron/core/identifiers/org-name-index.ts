// The lookup index name matching (answers/org-match.ts) keeps per organization list: each
// name's normal form and maps from its compact form, first word, initials and length to
// positions in the list. Built from the names, or read back from the JSON the store keeps
// (store/read/org-directory.ts), in which case a name's normal form is decoded only when a
// question first needs it: a cold question then touches the few organizations its words point
// at, not all of them.
import type { OrgCandidate } from '../../../shared/domain';
import { normaliseName, type NormalName } from './org-name-normalise';

export interface IndexedOrg {
  rawName: string;
  rawShort: string | null;
  name: NormalName;
  short: NormalName | null;
}

export interface OrgIndex {
  size: number;
  /** The org at this position in normal form (undefined past the end). */
  entry(i: number): IndexedOrg | undefined;
  /** compact name or short name → positions in the org list, for whole-name lookups. */
  byCompact: Map<string, number[]>;
  /** first word of the name → positions, for "the first words of a name" lookups. */
  byFirstWord: Map<string, number[]>;
  /** first letter of any word of the name (or of the short name) → positions. */
  byInitial: Map<string, number[]>;
  /** length in code points (as typo distances count) of the compact name, either spelling → positions. */
  byLength: Map<number, number[]>;
  /** initials of a name of three or more words ("pvg" for Pinecrest Veterinary Group) → positions. */
  byAcronym: Map<string, number[]>;
}

/** Code points as Array.from counts them (a pair is one, a lone surrogate one), without the array: every org name is measured on a cold question. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

// Normalising a few thousand names per keystroke is wasted work; the list object is the key.
// A frozen list (the store's, org-directory.ts) cannot change; any other list has every entry
// re-checked against it, so an edited list is re-indexed, not trusted.
const cache = new WeakMap<readonly OrgCandidate[], OrgIndex>();

export function indexOf(orgs: readonly OrgCandidate[]): OrgIndex {
  const cached = cache.get(orgs);
  if (cached && (Object.isFrozen(orgs) || (cached.size === orgs.length && orgs.every((o, i) => sameRaw(cached.entry(i), o))))) return cached;
  const index = buildIndex(orgs);
  cache.set(orgs, index);
  return index;
}

const sameRaw = (e: IndexedOrg | undefined, o: OrgCandidate): boolean => e !== undefined && e.rawName === o.name && e.rawShort === (o.shortName ?? null);

function normalOf(org: OrgCandidate): IndexedOrg {
  const rawShort = org.shortName ?? null;
  return { rawName: org.name, rawShort, name: normaliseName(org.name), short: rawShort && rawShort.trim() !== '' ? normaliseName(rawShort) : null };
}

function buildIndex(orgs: readonly OrgCandidate[]): OrgIndex {
  const entries = orgs.map(normalOf);
  const byCompact = new Map<string, number[]>();
  const byFirstWord = new Map<string, number[]>();
  const byInitial = new Map<string, number[]>();
  const byLength = new Map<number, number[]>();
  const byAcronym = new Map<string, number[]>();
  // Positions arrive in order, so a repeat can only be the list's last entry (a scan of the
  // list per add made building the index quadratic in a common initial's bucket).
  const add = <K,>(key: K, i: number, map: Map<K, number[]>): void => {
    if (key === '' || key === 0) return;
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  entries.forEach(({ name, short }, i) => {
    add(name.compact, i, byCompact);
    if (name.alt) add(name.alt.compact, i, byCompact);
    if (short) add(short.compact, i, byCompact);
    add(name.tokens[0] ?? '', i, byFirstWord);
    if (name.alt) add(name.alt.tokens[0] ?? '', i, byFirstWord);
    for (const t of name.tokens) add(t.charAt(0), i, byInitial);
    if (name.alt) for (const t of name.alt.tokens) add(t.charAt(0), i, byInitial);
    if (short) add(short.compact.charAt(0), i, byInitial);
    add(codePoints(name.compact), i, byLength);
    if (name.alt) add(codePoints(name.alt.compact), i, byLength);
    if (name.tokens.length >= 3) add(name.tokens.map((t) => t.charAt(0)).join(''), i, byAcronym);
  });
  return { size: entries.length, entry: (i) => entries[i], byCompact, byFirstWord, byInitial, byLength, byAcronym };
}

// A name's normal form packed into one string. Its words hold letters and digits only
// (normaliseName splits on everything else), so spaces and "|" separate them safely:
// "words|alt words" or, with a short name, "words|alt words|short words|short alt words".
const words = (n: { tokens: string[] } | null | undefined): string => n?.tokens.join(' ') ?? '';

function pack(e: IndexedOrg): string {
  const name = `${words(e.name)}|${words(e.name.alt)}`;
  return e.short ? `${name}|${words(e.short)}|${words(e.short.alt)}` : name;
}

function normal(text: string, altText: string): NormalName {
  const tokens = text === '' ? [] : text.split(' ');
  const alt = altText === '' ? null : altText.split(' ');
  return { tokens, compact: tokens.join(''), alt: alt ? { tokens: alt, compact: alt.join('') } : null };
}

function unpack(org: OrgCandidate, packed: string): IndexedOrg {
  const [name = '', alt = '', short, shortAlt = ''] = packed.split('|');
  return { rawName: org.name, rawShort: org.shortName ?? null, name: normal(name, alt), short: short === undefined ? null : normal(short, shortAlt) };
}

/** The index of `orgs` as JSON, for the store to keep (store/read/org-directory.ts). */
export function orgIndexJson(orgs: readonly OrgCandidate[]): string {
  const i = buildIndex(orgs);
  const packed = orgs.map((_, k) => pack(i.entry(k) as IndexedOrg));
  return JSON.stringify({ packed, byCompact: [...i.byCompact], byFirstWord: [...i.byFirstWord], byInitial: [...i.byInitial], byLength: [...i.byLength], byAcronym: [...i.byAcronym] });
}

/**
 * Takes an index read back from orgIndexJson as the index of `orgs`, the frozen list it was
 * built from, in its order; false (nothing taken) when its shape is not the one written.
 */
export function adoptOrgIndex(orgs: readonly OrgCandidate[], parsed: unknown): boolean {
  if (!Object.isFrozen(orgs) || typeof parsed !== 'object' || parsed === null) return false;
  const p = parsed as Record<string, unknown>;
  const { packed } = p;
  if (!Array.isArray(packed) || packed.length !== orgs.length) return false;
  const maps = [p.byCompact, p.byFirstWord, p.byInitial, p.byLength, p.byAcronym];
  if (!maps.every(Array.isArray)) return false;
  let built: Map<unknown, number[]>[];
  try {
    // a pair that is not [key, positions] throws here
    built = maps.map((m) => new Map(m as [unknown, number[]][]));
  } catch {
    return false;
  }
  const [byCompact, byFirstWord, byInitial, byLength, byAcronym] = built as [Map<string, number[]>, Map<string, number[]>, Map<string, number[]>, Map<number, number[]>, Map<string, number[]>];
  const entries: (IndexedOrg | undefined)[] = [];
  const entry = (i: number): IndexedOrg | undefined => {
    const org = orgs[i];
    const text = packed[i] as unknown;
    if (!org || typeof text !== 'string') return undefined;
    return (entries[i] ??= unpack(org, text));
  };
  cache.set(orgs, { size: orgs.length, entry, byCompact, byFirstWord, byInitial, byLength, byAcronym });
  return true;
}
