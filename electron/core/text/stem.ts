// "Same word" for matching a question against stored text: technicians write "backups",
// "authenticated", "renew"; records say "Backup", "Authentication", "Renewal". No stemming
// library: a short list of English endings is enough for IT documentation, and stays
// predictable (the FTS index itself is left unstemmed; see search/fts-synonyms).

/** A word without its common English ending: "enrollment" → "enroll", "authenticated" → "authentic". */
export const stem = (w: string): string => (w.length > 5 ? w.replace(/(?:ments?|ations?|ated|ates?|ions?|ings?|ers?|ed|es|s|e)$/u, '') : w);

/** Same word up to a short ending: "backups"/"backup", "onboard"/"onboarding", "authenticated"/"authentication". */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short) && long.length - short.length <= 3) return true;
  const sa = stem(a);
  return sa.length >= 4 && sa === stem(b);
}
