// Which of a record's labelled fields a question asks for: "WAN IP of the firewall", "spam
// filter at Northgate", "when does the domain expire", "Sam's phone". Labels come from the
// record (IT Glue attribute names, the tenant's own flexible asset field labels, interface
// names), never from a list of demo words. A label is asked for when the question holds its
// words, or words that mean the same in IT documentation (the generic table below).
import { variants } from '../search/fts-synonyms';

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

const tokens = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Same word up to a short ending: "filters"/"filter", "renewal"/"renew". */
const sameStem = (a: string, b: string): boolean => {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 3;
};

const SYNONYM_TOKENS: readonly (readonly string[][])[] = LABEL_SYNONYMS.map((g) => g.map(tokens));

/** The question's words with every synonym phrase it contains spelled out, so "public address" also says "wan", "ip". */
export function questionWords(keywords: readonly string[]): Set<string> {
  const words = keywords.flatMap(tokens);
  const out = new Set(words);
  const has = (phrase: readonly string[]): boolean => words.some((_, i) => phrase.every((p, j) => words[i + j] !== undefined && sameStem(words[i + j] ?? '', p)));
  for (const group of SYNONYM_TOKENS) if (group.some(has)) for (const member of group) for (const t of member) out.add(t);
  // The search's own variants: "wifi" = "wi-fi" = "wireless", "fw" = "firewall".
  for (const k of keywords) for (const v of variants(k)) for (const w of v.words) out.add(w);
  return out;
}

/** How well a label is asked for by the question's words; null when not at all. */
export function matchLabel(asked: ReadonlySet<string>, label: string, ignore: ReadonlySet<string> = new Set()): LabelMatch | null {
  const parts = tokens(label).filter((t) => !ignore.has(t));
  if (parts.length === 0) return null;
  const list = [...asked];
  let total = 0;
  let found = 0;
  let strong = 0;
  for (const t of parts) {
    const weak = WEAK.has(t) || /^\d+$/.test(t);
    const w = weak ? 0.3 : 1;
    total += w;
    if (asked.has(t) || list.some((q) => sameStem(q, t))) {
      found += w;
      if (!weak) strong += 1;
    }
  }
  if (strong === 0) return null;
  return { score: found / total, strong };
}

/** Fewest share of a label's words a question must hold. */
export const MIN_LABEL_SCORE = 0.5;

export interface PickedField<F extends { label: string; value: string }> {
  field: F;
  match: LabelMatch;
}

/** The fields the question asks for, best first (several when they tie: WAN1 and WAN2). */
export function pickFields<F extends { label: string; value: string }>(asked: ReadonlySet<string>, fields: readonly F[], ignore: ReadonlySet<string> = new Set()): PickedField<F>[] {
  const scored = fields
    .map((field) => ({ field, match: matchLabel(asked, field.label, ignore) }))
    .filter((x): x is PickedField<F> => x.match !== null && x.match.score >= MIN_LABEL_SCORE);
  if (scored.length === 0) return [];
  const rank = (x: PickedField<F>): number => x.match.strong + x.match.score;
  const best = Math.max(...scored.map(rank));
  const seen = new Set<string>();
  return scored.filter((x) => rank(x) >= best - 1e-9).filter((x) => {
    const key = x.field.value.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
