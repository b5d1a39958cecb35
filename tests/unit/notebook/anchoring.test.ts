// Anchoring: an analyst's selection becomes selectors that find the same words again, counted in
// code points, never splitting what a reader sees as one character, in any script.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_LENGTH,
  SCAN_LIMIT,
  describe as describeRange,
  isSureBoundary,
  resolve,
  snapToGraphemes,
  verify,
  type CodePointRange,
} from '../../../notebook/common/anchoring.js';
import { isNotebookError } from '../../../notebook/common/errors.js';
import { Selectors } from '../../../notebook/common/model.js';
import { CodePointIndex, codePointIndex, codePointLength, sliceCodePoints } from '../../../notebook/common/text.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/anchoring/${name}`, import.meta.url), 'utf8');
const rtlAndEmoji = fixture('rtl-and-emoji.txt');
const crlf = fixture('crlf.txt');
const nfd = fixture('combining-marks-nfd.txt');

/** The code point range of the first occurrence of needle at or after UTF-16 index from. */
function find(text: string, needle: string, from = 0): CodePointRange {
  const u = text.indexOf(needle, from);
  if (u === -1) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  const start = codePointIndex(text, u);
  return { start, end: start + codePointLength(needle) };
}

/** The code point range of the n-th occurrence (0-based) of needle. */
function findNth(text: string, needle: string, n: number): CodePointRange {
  let u = -1;
  for (let i = 0; i <= n; i++) u = text.indexOf(needle, u + 1);
  return find(text, needle, u);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme boundaries of the whole text, in code points: the truth the windows must agree with. */
function boundaries(text: string): number[] {
  const list = [...segmenter.segment(text)].map((s) => codePointIndex(text, s.index));
  list.push(codePointLength(text));
  return list;
}

/** The snapped range as whole-text segmentation says it should be. */
function expectedSnap(text: string, range: CodePointRange): CodePointRange {
  const b = boundaries(text);
  const start = Math.max(...b.filter((x) => x <= range.start));
  const end = range.end === range.start ? start : Math.min(...b.filter((x) => x >= range.end));
  return { start, end };
}

function invalid(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isNotebookError(e) && e.code === 'invalid') return e.message;
    throw e;
  }
  throw new Error('expected NotebookError invalid, nothing was thrown');
}

// ── Fixtures ───────────────────────────────────────────────────────────────────────────────────

describe('fixtures', () => {
  it('keep their CRLF line ends and their decomposed marks (a checkout must not rewrite them)', () => {
    expect(crlf.split('\r\n')).toHaveLength(5);
    expect(nfd).toContain('cafe\u0301');
    expect(nfd.normalize('NFC')).not.toBe(nfd);
    expect(rtlAndEmoji).toContain('\u200f');
  });
});

// ── Graphemes ──────────────────────────────────────────────────────────────────────────────────

describe('snapToGraphemes', () => {
  const family = '👨‍👩‍👧‍👦';

  it('widens any range that cuts into a ZWJ family to the whole family', () => {
    const f = find(rtlAndEmoji, family);
    expect(f.end - f.start).toBe(7);
    for (let k = 1; k < 7; k++) {
      expect(snapToGraphemes(rtlAndEmoji, { start: f.start + k, end: f.start + k + 1 })).toEqual(f);
      expect(snapToGraphemes(rtlAndEmoji, { start: f.start, end: f.start + k })).toEqual(f);
      expect(snapToGraphemes(rtlAndEmoji, { start: f.start + k, end: f.end })).toEqual(f);
    }
  });

  it('never splits a flag, and pairs regional indicators from the start of their run', () => {
    const flag = find(rtlAndEmoji, '🇰🇷');
    expect(snapToGraphemes(rtlAndEmoji, { start: flag.start + 1, end: flag.start + 2 })).toEqual(flag);
    const flags = 'See 🇰🇷🇺🇸🇰🇵 now';
    expect(snapToGraphemes(flags, { start: 5, end: 7 })).toEqual({ start: 4, end: 8 });
    expect(snapToGraphemes(flags, { start: 6, end: 8 })).toEqual({ start: 6, end: 8 });
  });

  it('keeps a skin-tone modifier with its emoji', () => {
    const thumb = find(rtlAndEmoji, '👎🏿');
    expect(snapToGraphemes(rtlAndEmoji, { start: thumb.start, end: thumb.start + 1 })).toEqual(thumb);
    const coder = find(rtlAndEmoji, '👩🏽‍💻');
    expect(snapToGraphemes(rtlAndEmoji, { start: coder.start + 2, end: coder.start + 3 })).toEqual(coder);
  });

  it('keeps combining marks with their base letter in decomposed (non-NFC) text', () => {
    const cafe = find(nfd, 'cafe');
    expect(snapToGraphemes(nfd, cafe)).toEqual({ start: cafe.start, end: cafe.end + 1 });
    const mark = find(nfd, '\u0301');
    expect(snapToGraphemes(nfd, { start: mark.start, end: mark.end })).toEqual({ start: mark.start - 1, end: mark.end });
    const viet = find(nfd, 'Vie\u0323\u0302t');
    expect(snapToGraphemes(nfd, { start: viet.start + 3, end: viet.start + 4 })).toEqual({ start: viet.start + 2, end: viet.start + 5 });
  });

  it('keeps Arabic vowel marks with their letter', () => {
    const word = find(rtlAndEmoji, 'مَفارَقَةٌ');
    expect(snapToGraphemes(rtlAndEmoji, { start: word.start, end: word.start + 1 })).toEqual({ start: word.start, end: word.start + 2 });
  });

  it('never splits CR LF', () => {
    const march = find(crlf, 'March\r');
    expect(snapToGraphemes(crlf, march)).toEqual({ start: march.start, end: march.end + 1 });
    const lf = find(crlf, '\n');
    expect(snapToGraphemes(crlf, lf)).toEqual({ start: lf.start - 1, end: lf.end });
  });

  it('leaves a range on grapheme boundaries as it is, at the edges of the text too', () => {
    const n = codePointLength(rtlAndEmoji);
    expect(snapToGraphemes(rtlAndEmoji, { start: 0, end: n })).toEqual({ start: 0, end: n });
    expect(snapToGraphemes(rtlAndEmoji, { start: 0, end: 5 })).toEqual({ start: 0, end: 5 });
    const hebrew = find(rtlAndEmoji, 'הפרדוקס');
    expect(snapToGraphemes(rtlAndEmoji, hebrew)).toEqual(hebrew);
  });

  it('snaps a collapsed range inside a grapheme to the start of the grapheme', () => {
    expect(snapToGraphemes('a🇰🇷b', { start: 2, end: 2 })).toEqual({ start: 1, end: 1 });
  });

  it('agrees with whole-text segmentation in a run of flags longer than the scan window', () => {
    // An odd indicator in front of the run changes how every later pair is formed.
    const run = 'x\u{1F1F0}' + '🇰🇷'.repeat(SCAN_LIMIT) + '!';
    for (const start of [2, 3, 1000, 1001, 2 * SCAN_LIMIT - 1]) {
      const range = { start, end: start + 1 };
      expect(snapToGraphemes(run, range)).toEqual(expectedSnap(run, range));
    }
  }, 60_000);

  it('refuses a range outside the text', () => {
    expect(invalid(() => snapToGraphemes('abc', { start: 2, end: 4 }))).toMatch(/2–4.*3 code points/);
    expect(invalid(() => snapToGraphemes('abc', { start: -1, end: 1 }))).toMatch(/outside the text/);
  });
});

describe('isSureBoundary', () => {
  it('says so only where whole-text segmentation has a boundary, for every plain character', () => {
    // Each plain character doubled, between probes that join with many things in UAX #29.
    const probes = ['a', '\u0301', '\u200d', '\u0915', '\u094d', '\u1100', '\u1161', '\u0e33', '🇰', '👍', '\u0600', '\r', '\n'];
    const plain: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSureBoundary('a' + String.fromCharCode(c) + 'a', 1)) plain.push(String.fromCharCode(c));
    expect(plain.length).toBeGreaterThan(30_000);
    // Short strings: each segment V8 hands out carries a copy of the whole input.
    for (const p of probes) {
      for (let k = 0; k < plain.length; k += 16) {
        const t = p + plain.slice(k, k + 16).map((ch) => ch + ch + p).join('');
        const truth = new Set([...segmenter.segment(t)].map((s) => s.index));
        for (let i = 1; i < t.length; i++) {
          if (isSureBoundary(t, i) && !truth.has(i)) expect.fail(`${i} of ${JSON.stringify(t)} is no boundary`);
        }
      }
    }
  }, 60_000);
});

// ── describe ───────────────────────────────────────────────────────────────────────────────────

describe('describe', () => {
  it('counts positions in code points: astral characters before the range shift UTF-16 offsets', () => {
    const words = 'shipped artillery';
    const range = find(rtlAndEmoji, words);
    const s = describeRange(rtlAndEmoji, range);
    expect(s.position).toEqual(range);
    // Three flags (six code points, twelve UTF-16 units) come before it.
    expect(rtlAndEmoji.indexOf(words) - range.start).toBe(6);
    expect(s.quote.exact).toBe(words);
    expect(s.quote.prefix).toBe(sliceCodePoints(rtlAndEmoji, range.start - CONTEXT_LENGTH, range.start));
    expect(s.quote.suffix).toBe(sliceCodePoints(rtlAndEmoji, range.end, range.end + CONTEXT_LENGTH));
    expect(codePointLength(s.quote.prefix)).toBe(32);
    expect(s.quote.prefix.length).toBeGreaterThan(32);
  });

  it('clips the context at the edges of the text', () => {
    const n = codePointLength(crlf);
    const first = describeRange(crlf, { start: 0, end: 4 });
    expect(first.quote).toEqual({ exact: 'Wire', prefix: '', suffix: sliceCodePoints(crlf, 4, 36) });
    const last = describeRange(crlf, { start: n - 3, end: n });
    expect(last.quote.exact).toBe('.\r\n');
    expect(last.quote.suffix).toBe('');
    expect(last.position).toEqual({ start: n - 3, end: n });
  });

  it('shortens the context rather than begin or end it inside a grapheme', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = `${family}${'x'.repeat(30)}QUOTE${'y'.repeat(30)}${family}`;
    const s = describeRange(text, find(text, 'QUOTE'));
    expect(s.quote).toEqual({ exact: 'QUOTE', prefix: 'x'.repeat(30), suffix: 'y'.repeat(30) });
  });

  it('snaps the selection and quotes what the reader sees', () => {
    const s = describeRange(nfd, find(nfd, 'cafe'));
    expect(s.quote.exact).toBe('cafe\u0301');
    expect(s.quote.suffix.startsWith(' in Pyongyang')).toBe(true);
    const flag = find(rtlAndEmoji, '🇷🇺');
    expect(describeRange(rtlAndEmoji, { start: flag.start + 1, end: flag.end }).quote.exact).toBe('🇷🇺');
  });

  it('quotes right-to-left text with its bidi marks', () => {
    const hebrew = '\u200f"הפרדוקס האבסורדי"\u200f';
    const s = describeRange(rtlAndEmoji, find(rtlAndEmoji, hebrew));
    expect(s.quote.exact).toBe(hebrew);
    expect(s.quote.prefix.endsWith('עברית: ')).toBe(true);
    const arabic = 'قَالَتْ كيم';
    expect(describeRange(rtlAndEmoji, find(rtlAndEmoji, arabic)).quote.exact).toBe(arabic);
  });

  it('gives selectors the notebook schema accepts', () => {
    const s = describeRange(rtlAndEmoji, find(rtlAndEmoji, '👨‍👩‍👧‍👦 watched'));
    expect(Selectors.parse(s)).toEqual(s);
  });

  it('refuses an empty selection, one outside the text, and one that is only whitespace', () => {
    const n = codePointLength(rtlAndEmoji);
    expect(invalid(() => describeRange(rtlAndEmoji, { start: 5, end: 5 }))).toMatch(/empty/);
    expect(invalid(() => describeRange(rtlAndEmoji, { start: 5, end: n + 1 }))).toBe(
      `the selection 5–${n + 1} lies outside the text (${n} code points)`,
    );
    expect(invalid(() => describeRange(rtlAndEmoji, { start: 9, end: 3 }))).toBe('the selection 9–3 ends before it starts');
    expect(invalid(() => describeRange(rtlAndEmoji, { start: 0.5, end: 3 }))).toMatch(/whole code point offsets/);
    expect(invalid(() => describeRange(crlf, find(crlf, '\r\n\r\n')))).toBe('the selection is only whitespace');
    expect(invalid(() => describeRange(rtlAndEmoji, find(rtlAndEmoji, '\u200f ')))).toBe('the selection is only whitespace');
  });

  it('refuses a code point index built for another text', () => {
    expect(invalid(() => describeRange('abcd', { start: 0, end: 2 }, new CodePointIndex('abc')))).toMatch(/another text/);
  });
});

// ── resolve and verify ─────────────────────────────────────────────────────────────────────────

describe('resolve', () => {
  it('finds an excerpt at its position in the unchanged text', () => {
    const range = find(rtlAndEmoji, 'the most absurd paradox');
    expect(resolve(rtlAndEmoji, describeRange(rtlAndEmoji, range))).toEqual(range);
  });

  it('finds an excerpt by quote and context after astral text is inserted before it', () => {
    const range = find(rtlAndEmoji, 'הפרדוקס האבסורדי');
    const s = describeRange(rtlAndEmoji, range);
    const insert = 'Update 🇺🇦 from the family 👨‍👩‍👧‍👦:\n';
    const shifted = codePointLength(insert);
    expect(resolve(insert + rtlAndEmoji, s)).toEqual({ start: range.start + shifted, end: range.end + shifted });
  });

  it('finds an excerpt of CRLF text after a line is inserted before it', () => {
    const range = find(crlf, 'thousands of containers');
    const s = describeRange(crlf, range);
    const edited = crlf.replace('\r\n\r\n', '\r\nBy our correspondent\r\n\r\n');
    expect(resolve(edited, s)).toEqual(find(edited, 'thousands of containers'));
  });

  it('finds an excerpt of decomposed text without normalising it', () => {
    const range = find(nfd, 're\u0301sume\u0301');
    const s = describeRange(nfd, range);
    expect(s.quote.exact).toBe('re\u0301sume\u0301');
    const edited = 'Preface.\n' + nfd;
    expect(resolve(edited, s)).toEqual(find(edited, 're\u0301sume\u0301'));
    expect(resolve(edited.normalize('NFC'), s)).toBeNull();
  });

  it('lets the context pick the right occurrence of a repeated quote', () => {
    // "naïve" occurs twice; the analyst chose the second.
    const second = findNth(nfd, 'nai\u0308ve', 1);
    const s = describeRange(nfd, second);
    const edited = nfd.replace('twice: ', 'twice, as she said: ');
    expect(resolve(edited, s)).toEqual(findNth(edited, 'nai\u0308ve', 1));
  });

  it('follows a repeated quote when lines are reordered, even if the old position holds the same words', () => {
    const row = (city: string) => `Officials told reporters in ${city}: thousands of containers were shipped north.`;
    const text = [row('Seoul'), row('Tokyo'), row('Minsk')].join('\n');
    const s = describeRange(text, findNth(text, 'thousands', 2));
    const moved = [row('Minsk'), row('Seoul'), row('Tokyo')].join('\n');
    // The stored position now holds Tokyo's "thousands", word for word.
    expect(sliceCodePoints(moved, s.position.start, s.position.end)).toBe('thousands');
    expect(verify(moved, s)).toBe(true);
    expect(resolve(moved, s)).toEqual(find(moved, 'thousands'));
  });

  it('picks the occurrence nearest the old position when the contexts are the same', () => {
    const line = `${'-'.repeat(40)} the same words ${'-'.repeat(40)}\n`;
    const text = line.repeat(5);
    const s = describeRange(text, findNth(text, 'the same words', 3));
    const edited = 'A short preface.\n' + text;
    expect(resolve(edited, s)).toEqual(findNth(edited, 'the same words', 3));
  });

  it('returns null (an orphan) when the quote occurs nowhere', () => {
    const s = describeRange(crlf, find(crlf, 'absurd paradox'));
    expect(resolve(crlf.replace('absurd', 'strange'), s)).toBeNull();
  });

  it('does not take a match that splits a grapheme for the quote', () => {
    const text = 'The cafe\u0301 and the cafe';
    const s = describeRange(text, findNth(text, 'cafe', 1));
    expect(s.quote.exact).toBe('cafe');
    // Only "cafe" inside "café" is left: its e belongs to a grapheme with the accent.
    expect(resolve('The cafe\u0301 and the bar', s)).toBeNull();
  });

  it('resolves many excerpts with one shared index over a large text', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i} 🇰🇷 report ${i * 7} says 👨‍👩‍👧 "claim ${i}" — עברית ${i}`);
    const text = lines.join('\n');
    const index = new CodePointIndex(text);
    const claim = (t: string, i: CodePointIndex, n: number): CodePointRange => {
      const u = t.indexOf(`"claim ${n}"`);
      return { start: i.toCodePoint(u), end: i.toCodePoint(u + `"claim ${n}"`.length) };
    };
    const selectors = Array.from({ length: 2000 }, (_, n) => describeRange(text, claim(text, index, n), index));
    for (const [n, s] of selectors.entries()) expect(resolve(text, s, index)).toEqual(claim(text, index, n));
    const edited = '🇺🇦\n' + text;
    const editedIndex = new CodePointIndex(edited);
    for (const n of [0, 999, 1999]) {
      expect(resolve(edited, selectors[n] as Selectors, editedIndex)).toEqual(claim(edited, editedIndex, n));
    }
  }, 60_000);
});

describe('verify', () => {
  it('says whether the text at the position still equals the quote', () => {
    const s = describeRange(crlf, find(crlf, 'containers shipped'));
    expect(verify(crlf, s)).toBe(true);
    expect(verify(crlf.replace('containers', 'container'), s)).toBe(false);
    expect(verify('Wire', s)).toBe(false);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────

/** Pieces that join into graphemes in every tricky way, and plain ones. */
const PIECES = [
  'a', 'b', 'x', ' ', 'the', '\n', '\r', '\r\n', '\t', 'é', 'e\u0301', '\u0301', '\u0308', '\u200d', '\u200f', '\u200e',
  '👨‍👩‍👧', '👍', '🏽', '🇰', '🇷', '🇺', '🇸', '😀', 'ש', 'לום', 'ل', '\u064e', 'क', '\u094d', 'ष', '\u093f',
  '\u1100', '\u1161', '\u11a8', '한', 'ก', '\u0e33', '中文', '\ud83d', '\u0600',
];
const trickyText = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
);

/** A text and a non-empty code point range in it. */
const textAndRange = trickyText.chain((text) => {
  const n = codePointLength(text);
  return fc
    .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ text, range: { start: Math.min(a, b), end: Math.max(a, b) } }));
});

const BLANK = /^[\s\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]*$/u;

describe('properties', () => {
  it('a snapped range agrees with whole-text segmentation, so it never splits a grapheme', () => {
    fc.assert(
      fc.property(textAndRange, ({ text, range }) => {
        expect(snapToGraphemes(text, range)).toEqual(expectedSnap(text, range));
      }),
      { numRuns: 500 },
    );
  });

  it('a snapped range agrees with whole-text segmentation where no sure boundary is near (long runs)', () => {
    // Pieces none of which is plain, so the windows fall back to windowStart.
    const joining = ['🇰', '🇷', '😀', '\u200d', '🏽', '\u0301', 'ก', '\u0e33', 'क', '\u094d', 'ष', '\u1100', '\u1161', '\u064e'];
    const longText = fc.oneof(
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 5 }), fc.integer({ min: SCAN_LIMIT / 2, max: SCAN_LIMIT * 1.5 }), fc.array(fc.constantFrom(...joining), { maxLength: 5 }))
        .map(([before, n, after]) => before + '🇰🇷'.repeat(n) + after.join('')),
      fc.array(fc.constantFrom(...joining), { minLength: SCAN_LIMIT, maxLength: SCAN_LIMIT * 2 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(longText, fc.nat(), fc.integer({ min: 1, max: 40 }), (text, at, width) => {
        const n = codePointLength(text);
        const start = at % n;
        const range = { start, end: Math.min(n, start + width) };
        expect(snapToGraphemes(text, range)).toEqual(expectedSnap(text, range));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('describe then resolve gives back the snapped range; the quote is the text there; the context is beside it', () => {
    fc.assert(
      fc.property(textAndRange, ({ text, range }) => {
        const snapped = snapToGraphemes(text, range);
        const exact = sliceCodePoints(text, snapped.start, snapped.end);
        if (BLANK.test(exact)) {
          expect(invalid(() => describeRange(text, range))).toBe('the selection is only whitespace');
          return;
        }
        const s = describeRange(text, range);
        expect(s.position).toEqual(snapped);
        expect(s.quote.exact).toBe(sliceCodePoints(text, s.position.start, s.position.end));
        const p = codePointLength(s.quote.prefix);
        const q = codePointLength(s.quote.suffix);
        expect(p).toBeLessThanOrEqual(CONTEXT_LENGTH);
        expect(q).toBeLessThanOrEqual(CONTEXT_LENGTH);
        expect(sliceCodePoints(text, s.position.start - p, s.position.start)).toBe(s.quote.prefix);
        expect(sliceCodePoints(text, s.position.end, s.position.end + q)).toBe(s.quote.suffix);
        const b = new Set(boundaries(text));
        expect(b.has(s.position.start - p) && b.has(s.position.end + q)).toBe(true);
        expect(resolve(text, s)).toEqual(snapped);
        expect(verify(text, s)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('after text is inserted before an excerpt, resolve finds it by quote and context', () => {
    fc.assert(
      fc.property(textAndRange, trickyText, ({ text, range }, inserted) => {
        const snapped = snapToGraphemes(text, range);
        if (BLANK.test(sliceCodePoints(text, snapped.start, snapped.end))) return;
        const s = describeRange(text, range);
        // A new first paragraph: it ends with a line break, so it cannot join the old text's first grapheme.
        const insert = inserted + '\n';
        const edited = insert + text;
        const found = resolve(edited, s);
        const shift = codePointLength(insert);
        expect(found).not.toBeNull();
        if (!found) return;
        if (found.start !== snapped.start + shift) {
          // Only an occurrence that looks exactly the same may win instead: same quote, same context.
          const index = new CodePointIndex(edited);
          const u0 = index.toUtf16(found.start);
          const u1 = index.toUtf16(found.end);
          expect(edited.slice(u0, u1)).toBe(s.quote.exact);
          expect(edited.slice(0, u0).endsWith(s.quote.prefix)).toBe(true);
          expect(edited.startsWith(s.quote.suffix, u1)).toBe(true);
        } else {
          expect(found.end).toBe(snapped.end + shift);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Whole graphemes only, so a quote never merges with the labels around it.
  const GRAPHEMES = ['a', 'the', ' ', 'e\u0301', '👨‍👩‍👧', '🇰🇷', '👍🏽', 'ש', 'مَ', 'क्ष', '中', '\u200f'];
  const quote = fc
    .array(fc.constantFrom(...GRAPHEMES), { minLength: 1, maxLength: 6 })
    .map((a) => a.join(''))
    .filter((q) => !BLANK.test(q));
  const filler = fc.array(fc.constantFrom(...GRAPHEMES, '\n'), { maxLength: 12 }).map((a) => a.join(''));

  it('with the quote occurring several times, the context picks the right occurrence after the text changes', () => {
    fc.assert(
      fc.property(
        quote,
        fc.array(filler, { minLength: 2, maxLength: 5 }),
        fc.nat(),
        filler,
        fc.nat(),
        (q, fillers, pick, preface, rotation) => {
          // Occurrence i is framed by its own label (AAA, BBB, …) on both sides, inside a padding as
          // long as the context, so moving whole parts around keeps each occurrence's context.
          const label = (i: number) => String.fromCharCode(65 + i).repeat(3);
          const pad = '.'.repeat(CONTEXT_LENGTH);
          const parts = fillers.map((f, i) => `${f}\n${pad}${label(i)}${q}${label(i)}${pad}\n`);
          const chosen = pick % parts.length;
          const text = parts.join('');
          const u = text.indexOf(label(chosen) + q) + 3;
          const range = { start: codePointIndex(text, u), end: codePointIndex(text, u) + codePointLength(q) };
          const s = describeRange(text, range);
          expect(s.position).toEqual(range);
          // The text changes: a preface, and the parts rotated, so that the stored position is stale.
          const r = rotation % parts.length;
          const edited = `${preface}\n${[...parts.slice(r), ...parts.slice(0, r)].join('')}`;
          const v = edited.indexOf(label(chosen) + q) + 3;
          const start = codePointIndex(edited, v);
          expect(resolve(edited, s)).toEqual({ start, end: start + codePointLength(q) });
        },
      ),
      { numRuns: 300 },
    );
  });
});
