// Query-side word variants for keyword search and for the answer engine's "does this record
// really hold the asked words" check. Technicians type "wifi", "m365", "fw", "servers"; records
// say "Wi-Fi (Staff)", "Microsoft 365 Global Admin", "Firewall", "Managed Server". The index is
// left as the store built it (unicode61, no stemming); the variants are added to the query.
//
// The table is deliberately small and MSP-generic: each group lists phrases that mean the same
// thing in IT documentation. A phrase is written as a technician would type it; hyphens, dots and
// spaces inside it are equivalent ("wi-fi" = "wi fi" = "wifi"). Add a group only when every
// member can stand for every other in a search — a loose relation ("mail" for "exchange") would
// turn answers into noise.
const GROUPS: readonly (readonly string[])[] = [
  ['microsoft 365', 'm365', 'o365', 'office 365', 'ms365'],
  ['wifi', 'wi-fi', 'wireless', 'wlan', 'ssid'],
  ['psk', 'wifi key', 'wpa key', 'pre-shared key', 'wireless key'],
  ['firewall', 'fw'],
  ['domain controller', 'dc'],
  ['active directory', 'ad'],
  ['azure ad', 'entra id', 'entra', 'aad'],
  ['access point', 'ap', 'wap'],
  ['nas', 'san', 'storage'],
  ['email', 'e-mail'],
  ['server', 'srv'],
  ['switch', 'sw'],
  ['workstation', 'desktop', 'pc'],
  ['laptop', 'notebook'],
  ['printer', 'mfp', 'copier'],
  ['isp', 'internet provider', 'internet service provider'],
  ['rdp', 'remote desktop'],
  ['mfa', '2fa', 'two factor', 'multi factor'],
  ['admin', 'administrator'],
  ['backup', 'bdr'],
  ['certificate', 'cert'],
];

/**
 * Words that ask for "everything about it" rather than name a thing: "vpn setup", "firewall
 * config", "backup info". They never decide whether a record answers, when another word matched.
 */
export const GENERIC_WORDS: readonly string[] = ['setup', 'set', 'up', 'config', 'configuration', 'configured', 'configs', 'info', 'information', 'details', 'detail', 'stuff', 'settings', 'setting'];

/** Lookup key: lowercase, separators removed ("Wi-Fi" → "wifi", "office 365" → "office365"). */
export const variantKey = (phrase: string): string => phrase.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const BY_KEY: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, readonly string[]>();
  for (const g of GROUPS) for (const p of g) m.set(variantKey(p), g);
  return m;
})();

/** Longest phrase in the table, in words: how far `groupTerms` looks ahead. */
const MAX_PHRASE_WORDS = Math.max(...GROUPS.flat().map((p) => p.split(/[^\p{L}\p{N}]+/u).length));

/** The synonym group a term or phrase belongs to (itself included), or null. */
export function synonymsOf(term: string): readonly string[] | null {
  return BY_KEY.get(variantKey(term)) ?? null;
}

/**
 * Adjacent words that together form one table phrase become one term: "office 365 admin" →
 * ["office 365", "admin"], so "office" alone is never required of a record.
 */
export function groupTerms(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; ) {
    let taken = 1;
    for (let n = Math.min(MAX_PHRASE_WORDS, terms.length - i); n >= 2; n--) {
      if (BY_KEY.has(variantKey(terms.slice(i, i + n).join(' ')))) {
        taken = n;
        break;
      }
    }
    out.push(terms.slice(i, i + taken).join(' '));
    i += taken;
  }
  return out;
}

/**
 * The singular of a plain plural word, or null: "servers" → "server", "switches" → "switch",
 * "policies" → "policy". Only letters, at least 4 of them, and never "-ss" ("access").
 */
export function singular(word: string): string | null {
  // A stem shorter than 4 letters prefixes too much ("mars" → "mar"* finds "maria").
  const w = word.toLowerCase();
  if (!/^\p{L}{5,}$/u.test(w) || !w.endsWith('s') || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return null;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(?:ch|sh|x|z)es$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

export interface Variant {
  /** Words of the phrase as the tokenizer splits them. */
  words: string[];
  /** The last word may be a prefix (a plural's stem: "server"* finds "server" and "servers"). */
  prefix: boolean;
}

const wordsOf = (p: string): string[] => p.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * Every way a term may appear in a record: itself; joined when typed with separators ("e-mail"
 * → "email"); its synonyms with their spellings; a plural's stem as a prefix. First = as typed.
 */
export function variants(term: string): Variant[] {
  const out: Variant[] = [];
  const seen = new Set<string>();
  const add = (words: string[], prefix = false): void => {
    if (words.length === 0) return;
    const key = `${words.join(' ')}${prefix ? '*' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ words, prefix });
  };
  const own = wordsOf(term);
  add(own);
  if (own.length > 1 && own.every((w) => /^\p{L}+$/u.test(w))) add([own.join('')]);
  const stem = own.length === 1 && own[0] !== undefined ? singular(own[0]) : null;
  // Short plurals of table words: "aps", "pcs", "dcs".
  const bare = own.length === 1 && own[0] !== undefined && /^\p{L}{2,}s$/u.test(own[0]) ? own[0].slice(0, -1) : null;
  const group = synonymsOf(term) ?? (stem ? synonymsOf(stem) : null) ?? (bare ? synonymsOf(bare) : null);
  for (const p of group ?? []) {
    const w = wordsOf(p);
    add(w);
    if (w.length > 1 && w.every((x) => /^\p{L}+$/u.test(x))) add([w.join('')]);
  }
  if (stem) add([stem], true);
  return out;
}
