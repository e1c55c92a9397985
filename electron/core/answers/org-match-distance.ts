// Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
// neighbours), bounded: names are compared against every organization on each keystroke, so
// the work stops as soon as the distance is known to exceed `max`.

const SURROGATE = /[\uD800-\uDFFF]/;

/** Distance between a and b, or max + 1 when it is larger than max. Compares code points. */
export function boundedDistance(a: string, b: string, max: number): number {
  // index by code point only when a surrogate pair is present; plain strings are far cheaper
  const s: ArrayLike<string> = SURROGATE.test(a) ? Array.from(a) : a;
  const t: ArrayLike<string> = SURROGATE.test(b) ? Array.from(b) : b;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0 || t.length === 0) return Math.max(s.length, t.length);
  const width = t.length + 1;
  let prev2 = new Array<number>(width).fill(0);
  let prev = Array.from({ length: width }, (_, j) => j);
  let cur = new Array<number>(width).fill(0);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[t.length] ?? max + 1;
  return d > max ? max + 1 : d;
}

/** Typos forgiven for a word of this length: none for short words, where one edit is a new word. */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}
