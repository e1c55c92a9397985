/** What the regex \s matches: ASCII white space, NBSP and the Unicode space separators. */
// A char-code test instead of a regex: the hand-rolled normalisers call it for every character.
export function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c > 127 && /\s/.test(String.fromCharCode(c)));
}
