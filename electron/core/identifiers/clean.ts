// The first step for any question: bound the work and strip characters that only confuse
// matching. A 10 kB paste is cut to MAX_QUESTION_CHARS before anything else runs, so every
// later step (org spans, regex cues, fuzzy matching) works on a bounded input.

export const MAX_QUESTION_CHARS = 1000;

export interface Cleaned {
  text: string;
  truncated: boolean;
}

export function cleanQuestion(raw: string): Cleaned {
  const points = Array.from(raw.length > MAX_QUESTION_CHARS * 2 ? raw.slice(0, MAX_QUESTION_CHARS * 2) : raw);
  const truncated = points.length > MAX_QUESTION_CHARS;
  const text = points
    .slice(0, MAX_QUESTION_CHARS)
    .join('')
    .normalize('NFKC')
    // lone surrogates, bidi controls and zero-width characters: invisible, and they split words
    .replace(/[\p{Cs}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu, '')
    // other control characters and line breaks act as spaces
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return { text, truncated };
}
