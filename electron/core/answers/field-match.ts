// Which of a record's labelled fields a question asks for: "WAN IP of the firewall", "spam
// filter at Northgate", "when does the domain expire", "Sam's phone". Labels come from the
// record (IT Glue attribute names, the tenant's own flexible asset field labels, interface
// names), never from a list of demo words. A label is asked for when the question holds its
// words, or words that mean the same in IT documentation (the generic table below).
import { variants } from '../search/fts-synonyms';
import { sameStem } from '../text/stem';

/** Phrases that name the same field. Generic IT vocabulary only; each member stands for every other. */
const LABEL_SYNONYMS: readonly (readonly string[])[] = [
  ['wan', 'internet', 'public', 'external', 'outside', 'isp'],
  ['lan', 'internal', 'inside', 'private', 'local'],
  ['ip', 'ip address', 'ipv4', 'ips', 'addr'],
  ['os', 'operating system'],
  ['mac', 'mac address', 'hardware address', 'physical address'],
  ['serial', 'serial number', 'sn', 'service tag'],
  ['phone', 'phone number', 'telephone', 'tel', 'cell', 'mobile', 'call'],
  ['email', 'e-mail', 'mail', 'email address'],
  ['username', 'user name', 'user', 'login', 'account'],
  ['url', 'link', 'website', 'web address', 'portal'],
  ['expires', 'expiry', 'expiration', 'expire', 'expiring', 'renewal', 'renew', 'renews', 'due'],
  ['registrar', 'registered'],
  ['model', 'make'],
  ['ssid', 'network name', 'wifi name', 'wireless name'],
  ['short name', 'netbios', 'netbios name', 'pre-windows 2000 name'],
  ['address', 'street', 'located', 'where', 'location'],
  ['retention', 'kept', 'keep'],
  ['version', 'build', 'release'],
  ['contact', 'user', 'uses', 'owner', 'assigned'],
];

/** Label words that say little alone: they count, but never make a match by themselves. */
const WEAK = new Set(['name', 'number', 'type', 'status', 'notes', 'note', 'date', 'info', 'details', 'at', 'on', 'of', 'the', 'a', 'an', 'and', 'or', 'to', 'for', 'is', 'in', 'by', 'with', 'primary', 'main', 'default']);

export interface LabelMatch {
  /** Share of the label's weight found in the question (0..1). */
  score: number;
  /** Weight of the label's specific words found. */
  strong: number;
}

// Letters and digits part too: an interface called "wan1" is a WAN.
const tokens = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const SYNONYM_TOKENS: readonly (readonly string[][])[] = LABEL_SYNONYMS.map((g) => g.map(tokens));

/** The question's words, and the phrases that mean the same as some of them ("public" → "wan"). */
export interface Asked {
  words: ReadonlySet<string>;
  /** Whole phrases only: "network name" for "ssid" names a label "Network name", not "Guest network". */
  phrases: readonly (readonly string[])[];
  size: number;
}

const contains = (have: readonly string[], phrase: readonly string[], at: number): boolean => phrase.every((p, j) => have[at + j] !== undefined && sameStem(have[at + j] ?? '', p));

export function questionWords(keywords: readonly string[]): Asked {
  const list = keywords.flatMap(tokens);
  const words = new Set(list);
  const phrases: string[][] = [];
  const said = (phrase: readonly string[]): boolean => list.some((_, i) => contains(list, phrase, i));
  for (const group of SYNONYM_TOKENS) if (group.some(said)) for (const member of group) phrases.push([...member]);
  // The search's own variants: "wifi" = "wi-fi" = "wireless", "fw" = "firewall".
  for (const k of keywords) for (const v of variants(k)) if (v.words.length === 1 && v.words[0]) words.add(v.words[0]); else if (v.words.length > 1) phrases.push([...v.words]);
  return { words, phrases, size: words.size };
}

/** Every word the question holds or stands for, one by one (for "is this word explained"). */
export const allWords = (a: Asked): Set<string> => new Set([...a.words, ...a.phrases.flat()]);

/** How well a label is asked for by the question's words; null when not at all. */
export function matchLabel(asked: Asked, label: string, ignore: ReadonlySet<string> = new Set()): LabelMatch | null {
  const parts = tokens(label).filter((t) => !ignore.has(t));
  if (parts.length === 0) return null;
  const list = [...asked.words];
  const hit = parts.map((t) => asked.words.has(t) || list.some((q) => sameStem(q, t)));
  for (const phrase of asked.phrases) for (let i = 0; i < parts.length; i++) if (contains(parts, phrase, i)) for (let j = 0; j < phrase.length; j++) hit[i + j] = true;
  let total = 0;
  let found = 0;
  let strong = 0;
  parts.forEach((t, i) => {
    const weak = WEAK.has(t) || /^\d+$/.test(t);
    const w = weak ? 0.3 : 1;
    total += w;
    if (hit[i]) {
      found += w;
      if (!weak) strong += 1;
    }
  });
  if (strong === 0) return null;
  return { score: found / total, strong };
}

/** How far below the best score a label still answers with it. */
const TIE = 0.2;

/** Fewest share of a label's words a question must hold. */
export const MIN_LABEL_SCORE = 0.5;

export interface PickedField<F extends { label: string; value: string }> {
  field: F;
  match: LabelMatch;
}

/** The fields the question asks for, best first (several when they tie: WAN1 and WAN2). */
export function pickFields<F extends { label: string; value: string }>(asked: Asked, fields: readonly F[], ignore: ReadonlySet<string> = new Set()): PickedField<F>[] {
  const scored = fields
    .map((field) => ({ field, match: matchLabel(asked, field.label, ignore) }))
    .filter((x): x is PickedField<F> => x.match !== null && x.match.score >= MIN_LABEL_SCORE);
  if (scored.length === 0) return [];
  // The label most fully asked for first; labels that differ only by a number or a weak word
  // ("WAN IP", "wan2 IP") answer together, the one with more of the asked words among them.
  const bestScore = Math.max(...scored.map((x) => x.match.score));
  const close = scored.filter((x) => x.match.score >= bestScore - TIE);
  const strongest = Math.max(...close.map((x) => x.match.strong));
  const seen = new Set<string>();
  return close.filter((x) => x.match.strong === strongest).filter((x) => {
    const key = x.field.value.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
