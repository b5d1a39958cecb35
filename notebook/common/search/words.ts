// How the search cuts text into words and folds each word into the term it is indexed under; the
// index, the query and the snippet marks all go through here, so they agree. Runs anywhere; never
// uses Intl.Segmenter on bulk text (it is orders of magnitude slower than a RegExp, and quadratic
// on long strings in V8).
//
// Words are runs of letters, digits and combining marks in any script (\p{L}\p{N}\p{M}), so
// Cyrillic, Greek, Arabic, Hebrew, Devanagari and Hangul split at spaces and punctuation as Latin
// does. Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
// Myanmar) are cut into overlapping pairs of characters instead, the usual way to search them
// without a dictionary (Lucene's CJK bigrams): 俄罗斯 is indexed as 俄罗 and 罗斯, and a query
// for 俄罗斯 must find both, in any order, which all but always means the word itself.

/** A word in a text: [start, end) in UTF-16 units, and the term it is indexed under. */
export interface Word {
  start: number;
  end: number;
  term: string;
}

/** A run of word characters; a run may mix scripts (北朝鮮はロシア, Pyongyang平壌). */
const RUN = /[\p{L}\p{N}\p{M}]+/gu;
/** Scripts without spaces between words: each stretch of them is cut into character pairs. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const HAS_UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Marks that only decorate a letter, dropped so that Chloé finds Chloe and the reverse: the
 * combining diacritics of Latin, Greek and Cyrillic (after NFD), Hebrew points and Arabic
 * harakat. Marks that are letters' vowels in Indic and South-East Asian scripts stay: without
 * them the word is another word.
 */
// Ranges of marks alone, never a letter with its mark: not the confusion the rule guards against.
// eslint-disable-next-line no-misleading-character-class
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670]/g;
/** Letters that are not a base letter with a mark, and so survive NFD, but are written without it by many. */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l' };
const NEEDS_FOLDING = /[ßæœøłđðþıŀ]/g;

/** The term a word is indexed and searched under: lower case, without diacritics. */
export function foldTerm(word: string): string {
  // Only text outside ASCII can carry marks: most words skip the normalisation entirely.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFD').toLowerCase().replace(DIACRITICS, '').replace(NEEDS_FOLDING, (c) => FOLDED[c]!).normalize('NFC');
}

/** Whether a term is of a script written without spaces (its one character can be a word). */
export function isUnspaced(term: string): boolean {
  return HAS_UNSPACED.test(term);
}

/** Every word of text with its place, in text order. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const run of text.matchAll(RUN)) {
    const at = run.index;
    const value = run[0];
    if (!HAS_UNSPACED.test(value)) {
      const term = foldTerm(value);
      if (term) words.push({ start: at, end: at + value.length, term });
      continue;
    }
    // Split the run into its spaced and unspaced stretches: Pyongyang平壌 is a word and a pair.
    let last = 0;
    for (const stretch of value.matchAll(UNSPACED)) {
      if (stretch.index > last) pushWord(words, text, at + last, at + stretch.index);
      pushPairs(words, stretch[0], at + stretch.index);
      last = stretch.index + stretch[0].length;
    }
    if (last < value.length) pushWord(words, text, at + last, at + value.length);
  }
  return words;
}

/** The terms of text, as the index stores them (duplicates kept: they count as frequency). */
export function termsOf(text: string): string[] {
  return wordsOf(text).map((w) => w.term);
}

function pushWord(words: Word[], text: string, start: number, end: number): void {
  const term = foldTerm(text.slice(start, end));
  // A stretch of marks alone (after an unspaced script's character) has no letter to index.
  if (term && /[\p{L}\p{N}]/u.test(term)) words.push({ start, end, term });
}

/**
 * Overlapping pairs of code points of an unspaced stretch; a stretch of one character is indexed
 * alone. A combining mark stays with the character before it (Thai vowel signs and tone marks are
 * marks), so a pair never starts with half a syllable's mark.
 */
function pushPairs(words: Word[], stretch: string, offset: number): void {
  const chars: { start: number; end: number }[] = [];
  for (const m of stretch.matchAll(/\P{M}\p{M}*/gu)) chars.push({ start: offset + m.index, end: offset + m.index + m[0].length });
  if (chars.length === 1) {
    words.push({ start: chars[0]!.start, end: chars[0]!.end, term: foldTerm(stretch) });
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const start = chars[i]!.start;
    const end = chars[i + 1]!.end;
    words.push({ start, end, term: foldTerm(stretch.slice(start - offset, end - offset)) });
  }
}
