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
//
// Speed matters here more than anywhere in the search: building the index of a large notebook
// (60 MB of text, ten million words) is mostly this loop. So the runs are found by a loop over
// UTF-16 units with a table for ASCII, not by a RegExp match per word (an object per match), and a
// word outside ASCII is folded once and then looked up (NFD normalisation costs a microsecond).

/** A word in a text: [start, end) in UTF-16 units, and the term it is indexed under. */
export interface Word {
  start: number;
  end: number;
  term: string;
}

/** One character of a word: a letter, digit or combining mark. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Scripts without spaces between words: each stretch of them is cut into character pairs. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const HAS_UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** ASCII: 0 not in a word, 1 a lower-case letter or digit, 2 an upper-case letter. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = c >= 0x61 && c <= 0x7a ? 1 : c >= 0x30 && c <= 0x39 ? 1 : c >= 0x41 && c <= 0x5a ? 2 : 0;
/** Other characters of the Basic Multilingual Plane, classified as they are met: 0 not yet, 1 in a word, 2 not. */
const BMP = new Uint8Array(0x10000);

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

/** Words outside ASCII folded already; emptied when full, so a long session's text cannot grow it without end. */
const folded = new Map<string, string>();
const FOLDED_MAX = 50_000;

/** The term a word is indexed and searched under: lower case, without diacritics. */
export function foldTerm(word: string): string {
  // Only text outside ASCII can carry marks: most words skip the normalisation entirely.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(word)) return word.toLowerCase();
  return foldWide(word);
}

function foldWide(word: string): string {
  let term = folded.get(word);
  if (term === undefined) {
    term = word.normalize('NFD').toLowerCase().replace(DIACRITICS, '').replace(NEEDS_FOLDING, (c) => FOLDED[c]!).normalize('NFC');
    if (folded.size >= FOLDED_MAX) folded.clear();
    folded.set(word, term);
  }
  return term;
}

/** Whether a term is of a script written without spaces (its one character can be a word). */
export function isUnspaced(term: string): boolean {
  return HAS_UNSPACED.test(term);
}

/** Every word of text with its place, in text order. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  scanWords(text, 0, (start, end, term) => {
    words.push({ start, end, term });
  });
  return words;
}

/** The terms of text, as the index stores them (duplicates kept: they count as frequency). */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  scanWords(text, 0, (_start, _end, term) => {
    terms.push(term);
  });
  return terms;
}

/** Called with each word; returning true stops the scan. */
export type OnWord = (start: number, end: number, term: string) => boolean | void;

/**
 * How a plain word (see scanRuns) becomes its term: LOWER, it is its term already; UPPER, its
 * term is it in lower case; LATIN, it has letters of the Latin-1 and Latin Extended blocks that
 * fold to ASCII (é, Ç, ß, ł…), each folded by a table.
 */
export const LOWER = 0;
export const UPPER = 1;
export const LATIN = 2;
export type PlainKind = typeof LOWER | typeof UPPER | typeof LATIN;

/**
 * Called with a plain word, without its term: its place, how its term is made (termOfPlain makes
 * it, samePlain compares it), and hashTerm of the term. Returning true stops the scan.
 */
export type OnPlainWord = (start: number, end: number, kind: PlainKind, hash: number) => boolean | void;

/** FNV-1a over the UTF-16 units of a term (32 bits); scanRuns computes it for plain words as it reads them. */
export function hashTerm(term: string): number {
  let h = HASH_START;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), HASH_PRIME);
  return h;
}

const HASH_START = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/**
 * Letters from U+00C0 to U+024F whose term (foldTerm of the letter alone) is one or two ASCII
 * letters: the first and second unit of it (0: none), from index c - 0xC0; 0 in the first for a
 * letter that is not folded this way. Folding these one by one gives what foldTerm gives for a
 * whole word of them and ASCII: NFD splits each alone, lower case has no context here (unlike
 * Greek's final sigma), and the marks dropped are the letter's own.
 */
const LATIN_FROM = 0xc0;
const LATIN_TO = 0x250;
const LATIN_FIRST = new Uint8Array(LATIN_TO - LATIN_FROM);
const LATIN_SECOND = new Uint8Array(LATIN_TO - LATIN_FROM);
for (let c = LATIN_FROM; c < LATIN_TO; c++) {
  const letter = String.fromCharCode(c);
  if (!WORD_CHAR.test(letter)) continue;
  const term = foldWide(letter);
  if (!/^[a-z0-9]{1,2}$/.test(term)) continue;
  LATIN_FIRST[c - LATIN_FROM] = term.charCodeAt(0);
  LATIN_SECOND[c - LATIN_FROM] = term.length > 1 ? term.charCodeAt(1) : 0;
}
folded.clear();

/** Per ASCII letter, the RegExp class of it, its capital and every Latin letter folding to it alone: [eEèéêë…]. */
const LETTER_CLASS = new Map<string, string>();
{
  const variants = new Map<string, string[]>();
  for (let c = 0x61; c <= 0x7a; c++) variants.set(String.fromCharCode(c), [String.fromCharCode(c), String.fromCharCode(c - 32)]);
  for (let c = LATIN_FROM; c < LATIN_TO; c++) {
    if (LATIN_FIRST[c - LATIN_FROM] && !LATIN_SECOND[c - LATIN_FROM]) variants.get(String.fromCharCode(LATIN_FIRST[c - LATIN_FROM]!))?.push(String.fromCharCode(c));
  }
  for (const [letter, chars] of variants) LETTER_CLASS.set(letter, `[${chars.join('')}]`);
}
/** Characters outside ASCII other than those Latin letters: where a word may fold to what no pattern finds. */
const FOLDS_WIDE = new RegExp(
  `[^\\u0000-\\u007f${[...LETTER_CLASS.values()].map((cls) => cls.slice(1, -1).replace(/[a-zA-Z]/g, '')).join('')}]`,
  'g',
);

/** The term of a plain word text[start, end) of this kind. */
export function termOfPlain(text: string, start: number, end: number, kind: PlainKind): string {
  const word = text.slice(start, end);
  return kind === LOWER ? word : kind === UPPER ? word.toLowerCase() : foldWide(word);
}

/** Whether text[start, end), ASCII letters and digits, lower-cased is `term`. */
export function sameLowered(text: string, start: number, end: number, term: string): boolean {
  if (end - start !== term.length) return false;
  for (let i = 0; i < term.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== term.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether the plain word text[start, end) of this kind has `term` as its term, without making its term. */
export function samePlain(text: string, start: number, end: number, kind: PlainKind, term: string): boolean {
  if (kind !== LATIN) return sameLowered(text, start, end, term);
  let j = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      if (term.charCodeAt(j++) !== c) return false;
      continue;
    }
    if (term.charCodeAt(j++) !== LATIN_FIRST[c - LATIN_FROM]) return false;
    const second = LATIN_SECOND[c - LATIN_FROM]!;
    if (second && term.charCodeAt(j++) !== second) return false;
  }
  return j === term.length;
}

/**
 * Where a scan for the words of some terms of ASCII letters and digits may start in text without
 * missing one, given `find`: their plainTermPatterns joined with |, global. That is the start of
 * the word holding the first place `find` matches (a word of ASCII letters and of Latin letters
 * that fold to one ASCII letter each holds its term's pattern at its start), or of the first word
 * with any other character outside ASCII (ß, Cyrillic, Han, a combining mark…: such a word may
 * fold to anything), whichever comes first; text.length when there is neither. With `find` null
 * (terms outside ASCII only), the second alone. Scanning from here finds exactly what scanning
 * from 0 finds, without reading the words before the first match one by one: a regular
 * expression runs through them several times faster.
 */
export function scanStart(text: string, find: RegExp | null): number {
  let at = text.length;
  if (find) {
    find.lastIndex = 0;
    const found = find.exec(text);
    if (found) at = found.index;
  }
  FOLDS_WIDE.lastIndex = 0;
  for (let m = FOLDS_WIDE.exec(text); m && m.index < at; m = FOLDS_WIDE.exec(text)) {
    const c = text.charCodeAt(m.index);
    // Punctuation (“ ” — …) is not in a word; an unpaired half of a surrogate pair is kept as a word may be.
    if (wordWidth(text, m.index, c) || (c >= 0xd800 && c <= 0xdfff)) {
      at = m.index;
      break;
    }
  }
  // Back to where the word starts: after the nearest character that is surely not in a word.
  while (at > 0) {
    const c = text.charCodeAt(at - 1);
    if (c < 128 && ASCII[c] === 0) break;
    at--;
  }
  return at;
}

/**
 * The RegExp source that matches, case-insensitively, a plain word's text whose term is `term`
 * (ASCII letters and digits), its letters also written with the Latin letters that fold to them
 * one for one (é for e, Ł for l); null for a term with anything else in it.
 */
export function plainTermPattern(term: string): string | null {
  if (!/^[a-z0-9]+$/.test(term)) return null;
  let source = '';
  for (const c of term) source += LETTER_CLASS.get(c) ?? c;
  return source;
}

/**
 * Calls onWord with every word of text from `from` on, in text order, until it returns true; gives
 * where the scan stopped (the end of the run of word characters it stopped in, or text.length).
 * `from` should be where a word may start (0, or the end of a run seen before), else the scan
 * starts in the middle of one.
 */
export function scanWords(text: string, from: number, onWord: OnWord): number {
  return scanRuns(text, from, (start, end, kind) => onWord(start, end, termOfPlain(text, start, end, kind)), onWord);
}

/**
 * scanWords for a caller that can take most words without a string made for each: a plain word,
 * of ASCII letters and digits and the Latin letters that fold to them (nearly every word of an
 * English or French text), goes to onPlain as its place and its term's hash only; any other word
 * goes to onWord with its term. The index reads the nine million words of a large notebook this
 * way, and makes a string only for a term it has not seen before.
 */
export function scanRuns(text: string, from: number, onPlain: OnPlainWord, onWord: OnWord): number {
  const length = text.length;
  let i = from;
  while (i < length) {
    let c = text.charCodeAt(i);
    if (c < 128 ? ASCII[c] === 0 : !wordWidth(text, i, c)) {
      i += c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
      continue;
    }
    const start = i;
    let kind: PlainKind = LOWER;
    let wide = false;
    let hash = HASH_START;
    while (i < length) {
      c = text.charCodeAt(i);
      if (c < 128) {
        const ascii = ASCII[c]!;
        if (ascii === 0) break;
        if (ascii === 2) {
          if (kind === LOWER) kind = UPPER;
          c += 32;
        }
        hash = Math.imul(hash ^ c, HASH_PRIME);
        i++;
      } else if (c >= LATIN_FROM && c < LATIN_TO && LATIN_FIRST[c - LATIN_FROM]) {
        kind = LATIN;
        hash = Math.imul(hash ^ LATIN_FIRST[c - LATIN_FROM]!, HASH_PRIME);
        const second = LATIN_SECOND[c - LATIN_FROM]!;
        if (second) hash = Math.imul(hash ^ second, HASH_PRIME);
        i++;
      } else {
        const width = wordWidth(text, i, c);
        if (!width) break;
        wide = true;
        i += width;
      }
    }
    if (wide ? wideRun(text, start, i, onWord) : onPlain(start, i, kind, hash) === true) return i;
  }
  return length;
}

/** How many UTF-16 units the character at i (whose first unit is c, not ASCII) takes when it is a word character; 0 when it is not. */
function wordWidth(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (!isLowSurrogate(low)) return 0;
    return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = BMP[c]!;
  if (known === 0) BMP[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A run of word characters with some outside ASCII: folded, or cut into pairs where it is of an unspaced script. */
function wideRun(text: string, at: number, end: number, onWord: OnWord): boolean {
  const value = text.slice(at, end);
  if (!HAS_UNSPACED.test(value)) {
    const term = foldWide(value);
    return term ? onWord(at, end, term) === true : false;
  }
  // Split the run into its spaced and unspaced stretches: Pyongyang平壌 is a word and a pair.
  let last = 0;
  for (const stretch of value.matchAll(UNSPACED)) {
    if (stretch.index > last && spacedWord(text, at + last, at + stretch.index, onWord)) return true;
    if (pairs(text, stretch[0], at + stretch.index, onWord)) return true;
    last = stretch.index + stretch[0].length;
  }
  return last < value.length && spacedWord(text, at + last, at + value.length, onWord);
}

function spacedWord(text: string, start: number, end: number, onWord: OnWord): boolean {
  const term = foldTerm(text.slice(start, end));
  // A stretch of marks alone (after an unspaced script's character) has no letter to index.
  return term !== '' && /[\p{L}\p{N}]/u.test(term) && onWord(start, end, term) === true;
}

/**
 * Overlapping pairs of code points of an unspaced stretch; a stretch of one character is indexed
 * alone. A combining mark stays with the character before it (Thai vowel signs and tone marks are
 * marks), so a pair never starts with half a syllable's mark.
 */
function pairs(text: string, stretch: string, offset: number, onWord: OnWord): boolean {
  const chars: { start: number; end: number }[] = [];
  for (const m of stretch.matchAll(/\P{M}\p{M}*/gu)) chars.push({ start: offset + m.index, end: offset + m.index + m[0].length });
  if (chars.length === 1) return onWord(chars[0]!.start, chars[0]!.end, foldTerm(stretch)) === true;
  for (let i = 0; i + 1 < chars.length; i++) {
    const start = chars[i]!.start;
    const end = chars[i + 1]!.end;
    if (onWord(start, end, foldTerm(text.slice(start, end))) === true) return true;
  }
  return false;
}
