// Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
// neighbours), bounded: names are compared against thousands of organizations for every run of
// words in a question, so only the diagonal band a distance ≤ max can pass through is computed,
// in rows reused across calls, and the work stops once every cell of a row exceeds max.

const SURROGATE = /[\uD800-\uDFFF]/;

// Three DP rows, grown on demand and shared by every call (the function never re-enters).
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Distance between a and b, or max + 1 when it is larger than max. Compares code points. */
export function boundedDistance(a: string, b: string, max: number): number {
  // index by code point only when a surrogate pair is present; plain strings are far cheaper
  const s: ArrayLike<string> = SURROGATE.test(a) ? Array.from(a) : a;
  const t: ArrayLike<string> = SURROGATE.test(b) ? Array.from(b) : b;
  const n = s.length;
  const m = t.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (rows[0].length < m + 2) rows = [new Int32Array(m + 2), new Int32Array(m + 2), new Int32Array(m + 2)];
  let [prev2, prev, cur] = rows;
  // Cells outside the band are never computed: the one just left and just right of each row's
  // band hold `over`, which is all a neighbouring row ever reads of them.
  for (let j = 0; j <= m; j++) prev[j] = Math.min(j, over);
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[0] = Math.min(i, over);
    if (lo > 1) cur[lo - 1] = over;
    if (hi < m) cur[hi + 1] = over;
    let rowMin = lo === 1 ? (cur[0] as number) : over;
    const si = s[i - 1];
    for (let j = lo; j <= hi; j++) {
      const tj = t[j - 1];
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (si === tj ? 0 : 1));
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj) d = Math.min(d, (prev2[j - 2] as number) + 1);
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[m] as number;
  return d > max ? over : d;
}

/** Typos forgiven for a word of this length: none for short words, where one edit is a new word. */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}
