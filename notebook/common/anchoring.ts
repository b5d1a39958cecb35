// Anchoring: turns a selection in a source's text into the selectors an excerpt stores, and finds
// an excerpt again in the text. Pure and synchronous; runs anywhere. Never touches the DOM and
// never guesses: a quote that occurs nowhere is an orphan (null), not the nearest lookalike.
//
// An excerpt is stored as two W3C Web Annotation selectors on the source's normalised text
// (https://www.w3.org/TR/annotation-model/#text-position-selector and #text-quote-selector): a
// TextPositionSelector {start, end} and a TextQuoteSelector {exact, prefix, suffix}. Offsets are
// Unicode code points, as the W3C model says, not the UTF-16 code units JavaScript strings index:
// "🇰🇷" is two code points but four UTF-16 units, so an astral character before a range shifts
// the two counts apart. CodePointIndex (text.ts) converts between them in O(log n).
//
// Graphemes. A range never splits what a reader sees as one character (a grapheme cluster,
// UAX #29): "\r\n", a base letter and its combining marks (e + U+0301), a flag (two regional
// indicators), a skin-tone emoji, a ZWJ family. `snapToGraphemes` widens a range to the nearest
// cluster boundaries with Intl.Segmenter, segmenting only a small window around each end (one
// segmenter lookup in a 1 MB text costs some 25 ms, as V8 copies the whole input into every
// segment it returns; in a window it costs microseconds). The window runs between two places that are boundaries whatever surrounds them: next to a line
// feed or another control character such as a bidi mark, or between two characters from a table
// of plain letters and punctuation (two ASCII characters, say), which no UAX #29 rule joins.
// Segmenting from a place that is not surely a boundary could go wrong: a run of flags pairs up
// by parity from its start, and a ZWJ sequence looks back over its marks. When no sure place lies
// within SCAN_LIMIT units (a long run of flags, say), see windowStart.
//
// Resolving. `resolve` tries the position first: if the text there still equals the quote, with
// the stored prefix and suffix right beside it, that is the answer (the common case: two binary
// searches and three string comparisons). The context is checked too because a quote can recur:
// after lines are moved, the stored position may hold the same words from another line.
// Otherwise every occurrence of quote.exact that does not split a grapheme is a candidate,
// scored like hypothesis' match-quote:
//
//     score = 20 × prefix agreement + 20 × suffix agreement + 0.5 × position closeness
//
// Agreement is 1 − editDistance(stored context, the text beside the candidate) / context length,
// counted in code points, so it is 1 when the context is unchanged, and an edit next to the quote
// costs only what it changed; an empty stored context (the excerpt touched the text's edge) agrees
// fully everywhere. Closeness is 1 − |candidate start − stored start| / text length. The weights:
// context is the evidence of which occurrence the analyst meant, so prefix and suffix carry equal,
// large weight. The stored position goes stale as soon as text is inserted before the excerpt, so
// it may only decide between occurrences whose context agrees equally well (repeated lines that
// differ only beyond the context) or equally badly (a sentence rewritten around the quote): its
// whole range, 0.5, is less than what one differing code point of context costs (at least 20/32
// ≈ 0.63, as a context holds at most 32), so it never outvotes the context. Hypothesis weighs
// position more (2, against 20 for each context and 50 for the quote) because it also matches
// the quote with errors; here the quote must match exactly, so context tells occurrences apart.
// Equal scores go to the earlier occurrence. No occurrence: null, an orphan excerpt.

import { NotebookError } from './errors.js';
import type { Selectors } from './model.js';
import { CodePointIndex } from './text.js';

/** A range of a text in code points, end exclusive. */
export interface CodePointRange {
  start: number;
  end: number;
}

/** Most code points of context kept each side of the quote (hypothesis keeps 32 as well). */
export const CONTEXT_LENGTH = 32;

/** Score weights; see the module comment for why. */
export const WEIGHTS = { prefix: 20, suffix: 20, position: 0.5 } as const;

/**
 * How many UTF-16 units either side of an offset to look for a sure grapheme boundary (see
 * isSureBoundary) before settling for a window this wide. Ordinary text has one every few units.
 */
export const SCAN_LIMIT = 1024;

// ── Graphemes ──────────────────────────────────────────────────────────────────────────────────

let segmenter: Intl.Segmenter | undefined;
const graphemes = (s: string): Intl.Segments =>
  (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(s);

const LF = 0x0a;
const CR = 0x0d;

/**
 * Format and control characters whose grapheme break property is Control: UAX #29 breaks before
 * and after them whatever their neighbours are (GB4, GB5). Bidi marks are among them, so
 * right-to-left text has sure boundaries wherever it has marks.
 */
const CONTROL: readonly (readonly [number, number])[] = [
  [0x00, 0x1f], // C0 controls (tab, LF, CR are handled first)
  [0x7f, 0x9f], // DEL, C1 controls
  [0xad, 0xad], // soft hyphen
  [0x61c, 0x61c], // Arabic letter mark
  [0x200b, 0x200b], // zero width space
  [0x200e, 0x200f], // left-to-right and right-to-left marks
  [0x2028, 0x202e], // line and paragraph separators, bidi embeddings and overrides
  [0x2060, 0x2064], // word joiner, invisible operators
  [0x2066, 0x206f], // bidi isolates, deprecated format characters
  [0xfeff, 0xfeff], // zero width no-break space (byte-order mark)
];

/**
 * Characters whose grapheme break property is Other (or LV/LVT Hangul syllables), none of them
 * Prepend, Extend, SpacingMark, ZWJ, a regional indicator or an Indic linker: between two of
 * them UAX #29 always breaks (rule GB999), whatever comes before or after. A table of plain
 * letters and punctuation rather than the full property, which JavaScript regexps cannot test;
 * the unit tests check every entry against Intl.Segmenter.
 */
const PLAIN: readonly (readonly [number, number])[] = [
  [0xa0, 0x24f], // Latin-1 Supplement, Latin Extended-A and -B (ASCII is tested first)
  [0x391, 0x3a1], // Greek capitals
  [0x3a3, 0x3c9], // Greek capitals and small letters
  [0x410, 0x44f], // Cyrillic basic letters
  [0x5d0, 0x5ea], // Hebrew letters
  [0x621, 0x64a], // Arabic letters
  [0x2010, 0x2027], // dashes, quotation marks, bullet, ellipsis
  [0x3000, 0x3029], // CJK space and punctuation (U+302A… are combining tone marks)
  [0x3041, 0x3096], // Hiragana
  [0x30a1, 0x30fa], // Katakana
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0xff01, 0xff5e], // full-width ASCII
];

const inTable = (table: readonly (readonly [number, number])[], c: number): boolean => table.some(([lo, hi]) => c >= lo && c <= hi);
const isControl = (c: number): boolean => c < 0x20 || (c >= 0x7f && inTable(CONTROL, c));
const isPlain = (c: number): boolean => (c < 0x7f ? c >= 0x20 : inTable(PLAIN, c));

/**
 * Whether UTF-16 index i of text is a grapheme boundary whatever the rest of the text says:
 * the edges of the text, next to a control character except inside CR LF, or between two plain
 * characters. False means "look closer", not "no boundary".
 */
export function isSureBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const p = text.charCodeAt(i - 1);
  const c = text.charCodeAt(i);
  if (p === CR) return c !== LF; // GB3: CR LF is one grapheme; GB4: a lone CR ends one
  if (isControl(p) || isControl(c)) return true; // GB4, GB5
  return isPlain(p) && isPlain(c); // GB999
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isRegionalIndicator = (text: string, i: number): boolean => {
  const c = text.codePointAt(i) ?? 0;
  return c >= 0x1f1e6 && c <= 0x1f1ff;
};

/**
 * A window start for when no sure boundary lies within SCAN_LIMIT: not inside a surrogate pair,
 * and inside a run of regional indicators, at an even count from the run's start, since flags
 * pair up from there (GB12, GB13). Every other rule that looks back (GB9c, GB11) looks back only
 * within one cluster, so from here on the window segments as the whole text would, except inside
 * a cluster longer than SCAN_LIMIT that straddles the start, which Unicode's stream-safe limit of
 * 30 combining marks rules out in practice.
 */
function windowStart(text: string, a: number): number {
  if (isLow(text.charCodeAt(a)) && isHigh(text.charCodeAt(a - 1))) a--;
  if (!isRegionalIndicator(text, a)) return a;
  let before = 0;
  for (let j = a - 2; j >= 0 && isHigh(text.charCodeAt(j)) && isRegionalIndicator(text, j); j -= 2) before++;
  return before % 2 === 1 ? a - 2 : a;
}

/**
 * The grapheme cluster holding the UTF-16 unit at u (0 ≤ u < text.length), as UTF-16 [start, end).
 * Segments only a window around u, between the nearest sure boundaries, so the cost does not grow
 * with the text.
 */
function clusterAt(text: string, u: number): [number, number] {
  if (isSureBoundary(text, u) && isSureBoundary(text, u + 1)) return [u, u + 1];
  let a = u;
  while (a > 0 && u - a < SCAN_LIMIT && !isSureBoundary(text, a)) a--;
  if (!isSureBoundary(text, a)) a = windowStart(text, a);
  let b = u + 1;
  while (b < text.length && b - u < SCAN_LIMIT && !isSureBoundary(text, b)) b++;
  if (isLow(text.charCodeAt(b)) && isHigh(text.charCodeAt(b - 1))) b++;
  const part = graphemes(text.slice(a, b)).containing(u - a);
  // containing() finds a segment for every index inside the string it was given.
  if (!part) throw new Error(`no grapheme at ${u - a} of a ${b - a}-unit window`);
  return [a + part.index, a + part.index + part.segment.length];
}

/** The grapheme boundary at or before UTF-16 index u. */
function boundaryAtOrBefore(text: string, u: number): number {
  return u >= text.length || isSureBoundary(text, u) ? u : clusterAt(text, u)[0];
}

/** The grapheme boundary at or after UTF-16 index u. */
function boundaryAtOrAfter(text: string, u: number): number {
  return u <= 0 || isSureBoundary(text, u) ? u : clusterAt(text, u - 1)[1];
}

/** Whether UTF-16 index u of text is a grapheme boundary. */
function isBoundary(text: string, u: number): boolean {
  return boundaryAtOrBefore(text, u) === u;
}

// ── Checks ─────────────────────────────────────────────────────────────────────────────────────

function indexFor(text: string, index: CodePointIndex | undefined): CodePointIndex {
  if (!index) return new CodePointIndex(text);
  // A cheap guard against an index built for another text; comparing the texts would cost O(n).
  if (index.text.length !== text.length) {
    throw new NotebookError('invalid', `the code point index was built for another text (${index.text.length} UTF-16 units, not ${text.length})`);
  }
  return index;
}

function checkRange(range: CodePointRange, length: number): void {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new NotebookError('invalid', `the selection ${start}–${end} must be whole code point offsets`);
  }
  if (start > end) throw new NotebookError('invalid', `the selection ${start}–${end} ends before it starts`);
  if (start < 0 || end > length) {
    throw new NotebookError('invalid', `the selection ${start}–${end} lies outside the text (${length} code points)`);
  }
}

/** Whitespace and the invisible marks that come with it (bidi marks, zero-width spaces, BOM). */
const BLANK = /^[\s\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]*$/u;

// ── The API ────────────────────────────────────────────────────────────────────────────────────

/**
 * Widens a code point range to grapheme cluster boundaries: the start moves back and the end moves
 * forward to the edge of the cluster they fall in, so "e" of a decomposed "é" becomes "é", and
 * half a flag becomes the flag. A range already on boundaries comes back unchanged.
 * Throws NotebookError('invalid') for a range outside the text.
 *
 * @example
 *   snapToGraphemes('Go 🇰🇷!', { start: 3, end: 4 }); // { start: 3, end: 5 }: the whole flag
 */
export function snapToGraphemes(text: string, range: CodePointRange, index?: CodePointIndex): CodePointRange {
  const idx = indexFor(text, index);
  checkRange(range, idx.length);
  const start = boundaryAtOrBefore(text, idx.toUtf16(range.start));
  const end = range.end === range.start ? start : boundaryAtOrAfter(text, idx.toUtf16(range.end));
  return { start: idx.toCodePoint(start), end: idx.toCodePoint(end) };
}

/**
 * The selectors an excerpt stores for a selection: the range snapped to graphemes, the quote, and
 * up to CONTEXT_LENGTH code points of context either side (clipped at the text's edges, and
 * shortened so that it neither begins nor ends inside a grapheme).
 * Throws NotebookError('invalid') for an empty selection, one outside the text, or one that is
 * only whitespace.
 */
export function describe(text: string, range: CodePointRange, index?: CodePointIndex): Selectors {
  const idx = indexFor(text, index);
  checkRange(range, idx.length);
  if (range.start === range.end) throw new NotebookError('invalid', `the selection is empty (it starts and ends at ${range.start})`);
  const { start, end } = snapToGraphemes(text, range, idx);
  const u0 = idx.toUtf16(start);
  const u1 = idx.toUtf16(end);
  const exact = text.slice(u0, u1);
  if (BLANK.test(exact)) throw new NotebookError('invalid', 'the selection is only whitespace');
  const prefixStart = boundaryAtOrAfter(text, idx.toUtf16(Math.max(0, start - CONTEXT_LENGTH)));
  const suffixEnd = boundaryAtOrBefore(text, idx.toUtf16(Math.min(idx.length, end + CONTEXT_LENGTH)));
  return {
    position: { start, end },
    quote: { exact, prefix: text.slice(prefixStart, u0), suffix: text.slice(u1, suffixEnd) },
  };
}

/** Whether the text at the excerpt's position still equals its quote. */
export function verify(text: string, selectors: Selectors, index?: CodePointIndex): boolean {
  const idx = indexFor(text, index);
  const { start, end } = selectors.position;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > idx.length || start >= end) return false;
  const u0 = idx.toUtf16(start);
  const exact = selectors.quote.exact;
  return idx.toUtf16(end) - u0 === exact.length && text.startsWith(exact, u0);
}

/**
 * Finds the excerpt in the text: its position when the quote and its context are still there,
 * else the occurrence of the quote whose context agrees best (see the module comment), else null
 * (an orphan).
 * Pass one CodePointIndex per text when resolving many excerpts.
 *
 * @example
 *   const s = describe('the cat sat on the mat', { start: 15, end: 18 }); // the second "the"
 *   resolve('Look: the cat sat on the mat', s); // { start: 21, end: 24 }
 */
export function resolve(text: string, selectors: Selectors, index?: CodePointIndex): CodePointRange | null {
  const idx = indexFor(text, index);
  const { exact, prefix, suffix } = selectors.quote;
  if (verify(text, selectors, idx)) {
    const u0 = idx.toUtf16(selectors.position.start);
    const u1 = u0 + exact.length;
    if (isBoundary(text, u0) && isBoundary(text, u1) && u0 >= prefix.length && text.startsWith(prefix, u0 - prefix.length) && text.startsWith(suffix, u1)) {
      return { start: selectors.position.start, end: selectors.position.end };
    }
  }
  if (exact.length === 0) return null;
  const expected = selectors.position.start;
  const closeness = (start: number): number => 1 - Math.min(1, Math.abs(start - expected) / Math.max(1, idx.length));
  let best: CodePointRange | null = null;
  let bestScore = -Infinity;

  // First the occurrences with the whole stored context beside them (the text changed elsewhere):
  // each outscores any occurrence whose context differs, so only closeness is left to compare.
  const whole = prefix + exact + suffix;
  for (let u = text.indexOf(whole); u !== -1; u = text.indexOf(whole, u + 1)) {
    const u0 = u + prefix.length;
    const u1 = u0 + exact.length;
    if (!isBoundary(text, u0) || !isBoundary(text, u1)) continue;
    const start = idx.toCodePoint(u0);
    const score = closeness(start);
    if (score > bestScore) {
      bestScore = score;
      best = { start, end: idx.toCodePoint(u1) };
    }
  }
  if (best) return best;

  // Then every occurrence of the quote, scored.
  const storedPrefix = codePoints(prefix);
  const storedSuffix = codePoints(suffix);
  for (let u = text.indexOf(exact); u !== -1; u = text.indexOf(exact, u + 1)) {
    const u1 = u + exact.length;
    if (!isBoundary(text, u) || !isBoundary(text, u1)) continue;
    const start = idx.toCodePoint(u);
    const end = idx.toCodePoint(u1);
    const partial =
      WEIGHTS.position * closeness(start) +
      WEIGHTS.prefix * agreement(storedPrefix, idx.slice(start - storedPrefix.length, start));
    if (partial + WEIGHTS.suffix <= bestScore) continue; // cannot win even with the whole suffix
    const score = partial + WEIGHTS.suffix * agreement(storedSuffix, idx.slice(end, end + storedSuffix.length));
    if (score > bestScore) {
      bestScore = score;
      best = { start, end };
    }
  }
  return best;
}

// ── Scoring ────────────────────────────────────────────────────────────────────────────────────

/** The code points of s. */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) as number;
    out.push(c);
    if (c > 0xffff) i++;
  }
  return out;
}

/**
 * How well the text beside a candidate agrees with the stored context: 1 − edit distance / length,
 * in code points, in [0, 1]. Counting code points (not UTF-16 units) is what makes one differing
 * character cost at least 20/32 of a score, whatever the script.
 */
function agreement(stored: readonly number[], actual: string): number {
  if (stored.length === 0) return 1;
  const b = codePoints(actual);
  return 1 - editDistance(stored, b) / Math.max(stored.length, b.length);
}

/** Levenshtein distance, one row at a time: contexts are at most 32 code points, so this stays small. */
function editDistance(a: readonly number[], b: readonly number[]): number {
  let row = new Int32Array(b.length + 1).map((_, j) => j);
  let next = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitute = (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      next[j] = Math.min(substitute, (row[j] as number) + 1, (next[j - 1] as number) + 1);
    }
    [row, next] = [next, row];
  }
  return row[b.length] as number;
}
