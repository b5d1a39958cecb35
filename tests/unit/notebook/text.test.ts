// Text helpers: what the normalised text of a source is, and code point ⇄ UTF-16 offsets, where
// CodePointIndex must agree with the plain walking functions everywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointIndex, codePointLength, normaliseText, sliceCodePoints, utf16Index } from '../../../notebook/common/text.js';

describe('normaliseText', () => {
  it('drops a leading byte-order mark but keeps one inside the text', () => {
    expect(normaliseText('\uFEFFWire report')).toBe('Wire report');
    expect(normaliseText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(normaliseText('one\r\ntwo\rthree\nfour\r\n\r\n')).toBe('one\ntwo\nthree\nfour\n\n');
  });

  it('composes to NFC, so a decomposed é and a composed one read the same', () => {
    expect(normaliseText('cafe\u0301')).toBe('caf\u00e9');
    expect(normaliseText('Vie\u0323\u0302t')).toBe('Vi\u1ec7t');
  });

  it('keeps emoji, flags and right-to-left text with its bidi marks as they are', () => {
    const s = '🇰🇷 👨‍👩‍👧 \u200f"שלום"\u200f 👍🏽';
    expect(normaliseText(s)).toBe(s);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => normaliseText(normaliseText(s)) === normaliseText(s)));
  });
});

describe('code point helpers', () => {
  const s = 'a🇰🇷b👍🏽c';

  it('count code points, not UTF-16 units', () => {
    expect(s.length).toBe(11);
    expect(codePointLength(s)).toBe(7);
    expect(utf16Index(s, 3)).toBe(5);
    expect(codePointIndex(s, 5)).toBe(3);
    expect(sliceCodePoints(s, 3, 6)).toBe('b👍🏽');
  });

  it('count a lone surrogate as one code point', () => {
    expect(codePointLength('a\ud83d')).toBe(2);
    expect(codePointLength('\udc00\ud83d\ude00')).toBe(2);
  });

  it('map a UTF-16 index inside a surrogate pair to the start of the pair', () => {
    expect(codePointIndex(s, 2)).toBe(1);
    expect(new CodePointIndex(s).toCodePoint(2)).toBe(1);
  });
});

describe('CodePointIndex', () => {
  it('converts both ways on a text with astral characters', () => {
    const index = new CodePointIndex('🇰🇷 Seoul');
    expect(index.length).toBe(8);
    expect(index.toUtf16(3)).toBe(5);
    expect(index.toCodePoint(5)).toBe(3);
    expect(index.slice(3, 8)).toBe('Seoul');
    expect(index.slice(0, 2)).toBe('🇰🇷');
  });

  it('is the identity on a text without astral characters', () => {
    const index = new CodePointIndex('plain text, é');
    expect(index.length).toBe(13);
    expect(index.toUtf16(7)).toBe(7);
    expect(index.toCodePoint(13)).toBe(13);
  });

  it('clamps offsets outside the text to its edges', () => {
    const index = new CodePointIndex('a😀');
    expect(index.toUtf16(-1)).toBe(0);
    expect(index.toUtf16(9)).toBe(3);
    expect(index.toCodePoint(9)).toBe(2);
    expect(index.slice(1, 99)).toBe('😀');
  });

  it('handles the empty text', () => {
    const index = new CodePointIndex('');
    expect(index.length).toBe(0);
    expect(index.toUtf16(0)).toBe(0);
    expect(index.slice(0, 0)).toBe('');
  });

  // Strings mixing BMP characters, surrogate pairs and lone surrogates of both kinds.
  const texts = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(fc.constantFrom('a', 'é', '😀', '🇰', '\ud83d', '\ude00', '\n', 'ש'), { maxLength: 60 }).map((a) => a.join('')),
  );

  it('agrees with the walking functions on every offset of random strings', () => {
    fc.assert(
      fc.property(texts, (s) => {
        const index = new CodePointIndex(s);
        expect(index.length).toBe(codePointLength(s));
        for (let cp = 0; cp <= index.length; cp++) expect(index.toUtf16(cp)).toBe(utf16Index(s, cp));
        for (let u = 0; u <= s.length; u++) expect(index.toCodePoint(u)).toBe(codePointIndex(s, u));
      }),
    );
  });

  it('slices like sliceCodePoints, and round-trips every code point offset', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (s, x, y) => {
        const index = new CodePointIndex(s);
        const a = x % (index.length + 1);
        const b = y % (index.length + 1);
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(index.slice(start, end)).toBe(sliceCodePoints(s, start, end));
        expect(index.toCodePoint(index.toUtf16(start))).toBe(start);
      }),
    );
  });
});
