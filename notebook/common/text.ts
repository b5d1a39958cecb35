// Text as excerpts count it: Unicode code points (the W3C Web Annotation rule), over the
// normalised text of a source. Runs anywhere. JavaScript strings index UTF-16 code units, so every
// offset that crosses into the DOM or String.prototype.slice goes through here.

/**
 * The normalised text of a source: byte-order mark dropped, CRLF and lone CR turned into LF, and
 * Unicode NFC, so the same words typed or imported in different ways anchor the same way.
 */
export function normaliseText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Number of code points in s. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/** The UTF-16 index of code point offset cp in s (s.length when cp is the end). */
export function utf16Index(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    i += isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/**
 * The code point offset of UTF-16 index i in s. An index between the two halves of a surrogate
 * pair counts as the start of that pair (the same rounding as CodePointIndex.toCodePoint).
 */
export function codePointIndex(s: string, i: number): number {
  const j = i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i)) ? i - 1 : i;
  return codePointLength(s.slice(0, j));
}

/** s from code point start to code point end. */
export function sliceCodePoints(s: string, start: number, end: number): string {
  const a = utf16Index(s, start);
  return s.slice(a, a + utf16Index(s.slice(a), end - start));
}

/**
 * Code point offsets ⇄ UTF-16 indices for one text, each in O(log n). The functions above walk
 * the text from its start on every call; this is built once per text (one pass, O(n)) and is what
 * the reader and anchoring use when a 1 MB source has thousands of excerpts.
 *
 * How: a code point offset and a UTF-16 index differ only by the number of astral characters
 * (surrogate pairs) before them. The index keeps the UTF-16 position of every surrogate pair,
 * and, for each, its code point offset; converting is a binary search in one of the two lists.
 * A text without astral characters keeps empty lists, and every conversion is the identity.
 *
 * A lone surrogate counts as one code point, as in codePointLength. Offsets outside the text are
 * clamped to it; a UTF-16 index between the halves of a pair maps to the start of that pair.
 *
 * @example
 *   const index = new CodePointIndex('🇰🇷 Seoul');
 *   index.length;          // 8 code points (text.length is 10)
 *   index.toUtf16(3);      // 5: "Seoul" starts at code point 3, UTF-16 index 5
 *   index.toCodePoint(5);  // 3
 *   index.slice(3, 8);     // 'Seoul'
 */
export class CodePointIndex {
  /** The text this index was built for. */
  readonly text: string;
  /** Length of the text in code points. */
  readonly length: number;
  /** UTF-16 index of the high surrogate of each pair, ascending. */
  readonly #pairUtf16: Uint32Array;
  /** Code point offset of each pair: pairUtf16[k] - k, ascending. */
  readonly #pairCodePoint: Uint32Array;

  constructor(text: string) {
    // Two passes, count then fill, so the lists are typed arrays from the start: several times
    // faster on a 1 MB text than growing a plain array.
    let pairs = 0;
    // Most texts have no astral character at all; a regexp finds that out far faster than a loop.
    const first = text.search(/[\uD800-\uDBFF]/);
    const begin = first === -1 ? text.length : first;
    for (let i = begin; i + 1 < text.length; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        pairs++;
        i++;
      }
    }
    const pairUtf16 = new Uint32Array(pairs);
    const pairCodePoint = new Uint32Array(pairs);
    for (let i = begin, k = 0; k < pairs; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        pairUtf16[k] = i;
        pairCodePoint[k] = i - k;
        k++;
        i++;
      }
    }
    this.text = text;
    this.length = text.length - pairs;
    this.#pairUtf16 = pairUtf16;
    this.#pairCodePoint = pairCodePoint;
  }

  /** The UTF-16 index of code point offset cp (text.length when cp is the end). */
  toUtf16(cp: number): number {
    const c = Math.min(Math.max(cp, 0), this.length);
    return c + countBelow(this.#pairCodePoint, c);
  }

  /** The code point offset of UTF-16 index u16. */
  toCodePoint(u16: number): number {
    const u = Math.min(Math.max(u16, 0), this.text.length);
    return u - countBelow(this.#pairUtf16, u);
  }

  /** The text from code point start to code point end. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** How many values in the ascending array are below x (binary search). */
function countBelow(sorted: Uint32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
