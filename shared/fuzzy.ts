// Subsequence matching shared by the renderer (org filter) and core (the quick switcher).
/**
 * Subsequence match score for org names: higher is better, null if not all characters of
 * the query appear in order. Word starts and consecutive runs score more, so "acd" finds
 * "Acme Dental" before "Académie".
 */
export function fuzzyScore(query: string, target: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const t = target.toLowerCase();
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return null;
    const wordStart = found === 0 || /[\s\-_.&(]/.test(t[found - 1] ?? '');
    run = found === ti ? run + 1 : 0;
    score += 1 + run * 2 + (wordStart ? 5 : 0) - Math.min(found - ti, 5) * 0.2;
    ti = found + 1;
  }
  if (t.startsWith(q)) score += 10;
  return score - t.length * 0.01;
}

export function fuzzyFilter<T>(items: T[], query: string, key: (item: T) => string): T[] {
  if (!query.trim()) return items;
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const s = fuzzyScore(query, key(item));
    if (s !== null) scored.push({ item, score: s });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item);
}
