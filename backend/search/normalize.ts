// Search text normalization, shared by the indexer, the query and the highlighter:
// compatibility-decomposed, accents (combining marks) dropped, lower-cased, split into words.
/** Longest stored term; longer words are stored cut (candidates are re-checked on full text). */
export const TERM_MAX = 32;
/** Shortest word indexed or searched: one letter would match half the firm's history. */
export const WORD_MIN = 2;

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** Every word of the text, folded, in order (repeats kept). */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** Distinct indexable terms of a text. */
export function terms(text: string): string[] {
  return [...new Set(words(text).filter((w) => w.length >= WORD_MIN).map((w) => w.slice(0, TERM_MAX)))];
}

/**
 * Prefix keys stored with each term so that a prefix search is an equality on an indexed
 * field (the embedded engine serves equality and date ranges from indexes, not string ranges):
 * a query word of 2–3 letters looks up k2, 4–6 letters k4, 7 or more k7.
 */
export function keys(term: string): {k2: string; k4: string; k7: string} {
  return {k2: term.slice(0, 2), k4: term.slice(0, 4), k7: term.slice(0, 7)};
}

export function keyFor(word: string): {field: 'k2' | 'k4' | 'k7'; value: string} {
  if (word.length >= 7) return {field: 'k7', value: word.slice(0, 7)};
  if (word.length >= 4) return {field: 'k4', value: word.slice(0, 4)};
  return {field: 'k2', value: word.slice(0, 2)};
}

/**
 * Ranges [start, end) of `text` (UTF-16 offsets) covering the part of each word that one of
 * the folded query words prefixes.
 */
export function marks(text: string, query: string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const token = m[0];
    const folded = fold(token);
    const q = query.filter((w) => folded.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    if (!q) continue;
    // The shortest original prefix whose folded form covers the query word.
    let end = token.length;
    for (let i = 1; i <= token.length; i++) {
      if (fold(token.slice(0, i)).length >= q.length) {
        end = i;
        while (end < token.length && /\p{M}/u.test(token[end])) end++;
        break;
      }
    }
    out.push([m.index!, m.index! + end]);
  }
  return out;
}
