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

/** Number of code points in s. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 index of code point offset cp in s (s.length when cp is the end). */
export function utf16Index(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** The code point offset of UTF-16 index i in s. */
export function codePointIndex(s: string, i: number): number {
  return codePointLength(s.slice(0, i));
}

/** s from code point start to code point end. */
export function sliceCodePoints(s: string, start: number, end: number): string {
  const a = utf16Index(s, start);
  return s.slice(a, a + utf16Index(s.slice(a), end - start));
}
