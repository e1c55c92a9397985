// One normal form for organization names and for what people type to mean them, so that
// "Société Générale, Inc.", "societe generale" and "@societe-generale" meet in the middle.

export interface NormalName {
  /** Words after folding, "and"/"&" removed, leading "the" and legal suffixes dropped. */
  tokens: string[];
  /** The words joined without spaces: "acme dental" and "acmedental" compare equal. */
  compact: string;
  /**
   * The same words with common abbreviations collapsed ("street" → "st", "company" → "co"), or
   * null when there is nothing to collapse. Both sides are compared this way too, so "Maple St
   * Bakery" finds Maple Street Bakery while "maple stre" (still typing) keeps matching the full form.
   */
  alt: Omit<NormalName, 'alt'> | null;
}

// Letters NFKD does not split into base + mark.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

// Legal forms say nothing about which client is meant. "Corp", "Co", "Company" and "Group" are
// kept on purpose: "Acme Corp" and "Acme Dental" must stay two names that "@acme" confuses.
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'pllc', 'plc', 'ltd', 'limited', 'gmbh', 'mbh', 'ag', 'kg',
  'ug', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'pty', 'kk', 'pc', 'lc',
]);

const MAX_INPUT = 200;

// Each long form → its usual abbreviation. The short side wins, so "st" stays one token whether
// the name says "Street" or "Saint", and "Co" and "Company" meet while "Corp" stays its own word.
const ABBREVIATIONS: Record<string, string> = {
  street: 'st', saint: 'st', avenue: 'ave', road: 'rd', boulevard: 'blvd', drive: 'dr', lane: 'ln',
  mount: 'mt', fort: 'ft', center: 'ctr', centre: 'ctr', company: 'co', corporation: 'corp',
  international: 'intl', department: 'dept', brothers: 'bros', manufacturing: 'mfg', associates: 'assoc',
  association: 'assn', services: 'svcs', management: 'mgmt', university: 'univ', hospital: 'hosp',
  laboratories: 'labs', laboratory: 'lab', technologies: 'tech', technology: 'tech', government: 'govt',
};

export function foldText(text: string): string {
  const head = text.slice(0, MAX_INPUT);
  // Most names are plain ASCII: nothing to decompose or fold (a cold first question indexes
  // every org name of the tenant, thousands at the largest MSPs).
  if (/^[\x00-\x7f]*$/.test(head)) return head.toLowerCase();
  return head
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // the FOLD keys, escaped to keep the CLI bundle ASCII
    .replace(/[\u00df\u00e6\u00f8\u0153\u0142\u0111\u00f0\u00fe\u0131]/g, (c) => FOLD[c] ?? c);
}

export function normaliseName(text: string): NormalName {
  const folded = foldText(text)
    .replace(/&/g, ' and ')
    // O'Brien and O’Brien are one word (\u2019 curly apostrophe, \u00b4 acute accent)
    .replace(/(\p{L})['\u2019`\u00b4](\p{L})/gu, '$1$2');
  const raw = folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '' && t !== 'and');
  // "L.L.C." and "J & J" become one word each: runs of single letters are initialisms
  const merged: string[] = [];
  let inInitialism = false;
  for (const t of raw) {
    const single = t.length === 1 && /\p{L}/u.test(t);
    if (single && inInitialism) merged[merged.length - 1] += t;
    else merged.push(t);
    inInitialism = single;
  }
  let tokens = merged;
  if (tokens.length > 1 && tokens[0] === 'the') tokens = tokens.slice(1);
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1] ?? '')) tokens = tokens.slice(0, -1);
  const short = tokens.map((t) => ABBREVIATIONS[t] ?? t);
  const alt = short.some((t, i) => t !== tokens[i]) ? { tokens: short, compact: short.join('') } : null;
  return { tokens, compact: tokens.join(''), alt };
}
