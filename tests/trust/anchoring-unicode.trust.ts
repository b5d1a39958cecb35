// Issue 7 item 8: anchoring under Unicode. Texts built from emoji ZWJ sequences, flags, skin tones,
// combining marks, right-to-left scripts with bidi marks, CRLF and astral characters; excerpts
// described at random grapheme-aligned ranges must re-resolve exactly, also after edits around
// them, and no selector may split a grapheme or hold a lone surrogate. Never trusts the code under
// test for the truth: grapheme boundaries come from Intl.Segmenter over the whole text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describe as describeRange, resolve, snapToGraphemes, type CodePointRange } from '../../notebook/common/anchoring.js';
import { isNotebookError } from '../../notebook/common/errors.js';
import type { Selectors } from '../../notebook/common/model.js';
import { CodePointIndex } from '../../notebook/common/text.js';
import { recordFigure } from './figures.js';
import { scaled } from './hostile/size.js';

const PROGRAM = 'anchoring-unicode';
const SEED = 20240807;

/**
 * Pieces texts are built from. Joined at random, they also make clusters no single piece is: a
 * combining mark after an emoji, a ZWJ between two pictographs, an odd run of regional indicators
 * whose pairing depends on where it starts.
 */
const PIECES: readonly string[] = [
  // plain words and white space
  'the ', 'cat ', 'Seoul ', 'said ', '. ', ', ', ' ', '  ', '\t',
  // line ends, including CRLF (one grapheme) and a lone CR
  '\r\n', '\n', '\r', '\n\n',
  // combining marks: NFD accents, stacked marks, a lone mark, Devanagari conjunct, Hangul jamo
  'e\u0301', 'a\u0308\u0323', 'o\u0302\u0303\u0304', '\u0301', 'Zoe\u0308', '\u0915\u094d\u0937', '\u1100\u1161\u11a8', 'n\u0303o',
  // emoji: ZWJ families and professions, skin tones, flags, keycaps, tag sequences, variation selectors
  '👨‍👩‍👧‍👦', '👩🏽‍💻', '🏳️‍🌈', '👍🏿', '🇰🇷', '🇺🇸', '🇰', '🇷', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤️', '\u200d', '\ufe0f', '🧑‍🤝‍🧑',
  // right to left: Hebrew, Arabic with harakat, bidi marks, embeddings and isolates
  'שלום ', 'مرحبا ', 'بِسْمِ ', '\u200f', '\u200e', '\u202bעברית\u202c', '\u2067عربي\u2069', '\u061c',
  // astral characters outside emoji: mathematical letters, CJK extension B, Gothic
  '𝒜', '𠀋', '𐌰', '😀', '𝔘𝔫𝔦',
  // CJK and Korean, zero-width space, BOM-like no-break space
  '北朝鮮', '김여정 ', '\u200b', '\ufeff',
];

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme boundaries of the whole text as UTF-16 indices, text.length included. */
function boundariesOf(text: string): Set<number> {
  const set = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) set.add(s.index);
  return set;
}

/** A lone surrogate anywhere in s (String#isWellFormed, which ES2023's library types lack). */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 120 }).map((parts) => parts.join('')) },
  // Arbitrary graphemes from all of Unicode, mixed with the pieces above.
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 80 })
      .map((parts) => parts.join('')),
  },
);


/** A describe that a detector must catch: slices UTF-16 units where it is told, snapping nothing (the positive control). */
function naiveDescribe(text: string, u0: number, u1: number): Selectors {
  const index = new CodePointIndex(text);
  return {
    position: { start: index.toCodePoint(u0), end: index.toCodePoint(u1) },
    quote: { exact: text.slice(u0, u1), prefix: text.slice(Math.max(0, u0 - 32), u0), suffix: text.slice(u1, u1 + 32) },
  };
}

/**
 * What is wrong with selectors for a text, or null: a position off grapheme boundaries, a quote that
 * is not the text at its position, or a prefix or suffix that begins or ends inside a grapheme, or
 * any part with a lone surrogate. The judge of every anchor below, and of the naive control.
 */
function selectorFault(text: string, boundaries: Set<number>, s: Selectors): string | null {
  const index = new CodePointIndex(text);
  const u0 = index.toUtf16(s.position.start);
  const u1 = index.toUtf16(s.position.end);
  const { exact, prefix, suffix } = s.quote;
  for (const [name, part] of [['exact', exact], ['prefix', prefix], ['suffix', suffix]] as const) {
    if (hasLoneSurrogate(part)) return `${name} holds a lone surrogate`;
  }
  if (!boundaries.has(u0) || !boundaries.has(u1)) return `position ${s.position.start}–${s.position.end} splits a grapheme`;
  if (text.slice(u0, u1) !== exact) return 'the quote is not the text at its position';
  if (!boundaries.has(u0 - prefix.length) || text.slice(u0 - prefix.length, u0) !== prefix) return 'the prefix begins inside a grapheme or is not the text before';
  if (!boundaries.has(u1 + suffix.length) || text.slice(u1, u1 + suffix.length) !== suffix) return 'the suffix ends inside a grapheme or is not the text after';
  return null;
}

/** Random grapheme-aligned ranges of a text, as code points (empty when the text has one grapheme boundary pair only). */
function alignedRanges(text: string, picks: readonly [number, number][]): CodePointRange[] {
  const list = [...boundariesOf(text)].sort((a, b) => a - b);
  const index = new CodePointIndex(text);
  const out: CodePointRange[] = [];
  for (const [a, b] of picks) {
    const i = a % list.length;
    const j = b % list.length;
    if (i === j) continue;
    const [lo, hi] = i < j ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
    out.push({ start: index.toCodePoint(lo), end: index.toCodePoint(hi) });
  }
  return out;
}

function describeOrNull(text: string, range: CodePointRange): Selectors | null {
  try {
    return describeRange(text, range);
  } catch (e) {
    // A selection of white space only is refused by design: not an anchor.
    if (isNotebookError(e) && /only whitespace/.test(e.message)) return null;
    throw e;
  }
}

/** How many times needle occurs in text (overlapping occurrences counted). */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let u = text.indexOf(needle); u !== -1; u = text.indexOf(needle, u + 1)) n++;
  return n;
}

const show = (s: string): string => JSON.stringify(s);

describe('anchoring under Unicode (issue 7, item 8)', () => {
  const runs = scaled(400);
  const picksArb = fc.array(fc.tuple(fc.nat(10_000), fc.nat(10_000)), { minLength: 4, maxLength: 4 });

  it('anchors at random grapheme-aligned ranges re-resolve exactly and never split a grapheme', () => {
    const samples = fc.sample(fc.tuple(textArb, picksArb, fc.array(fc.tuple(fc.nat(10_000), fc.nat(10_000)), { minLength: 4, maxLength: 4 })), { numRuns: runs, seed: SEED });
    let anchors = 0;
    let exact = 0;
    let splits = 0;
    let snapped = 0;
    let snapFaults = 0;
    const failures: string[] = [];
    for (const [text, picks, rawPicks] of samples) {
      const boundaries = boundariesOf(text);
      for (const range of alignedRanges(text, picks)) {
        const selectors = describeOrNull(text, range);
        if (!selectors) continue;
        anchors++;
        const fault = selectorFault(text, boundaries, selectors);
        const samePosition = selectors.position.start === range.start && selectors.position.end === range.end;
        if (fault || !samePosition) {
          splits++;
          failures.push(`${show(text)} ${range.start}–${range.end}: ${fault ?? 'describe moved an aligned range'}`);
        }
        const found = resolve(text, selectors);
        if (found && found.start === range.start && found.end === range.end) exact++;
        else failures.push(`${show(text)} ${range.start}–${range.end} resolved to ${JSON.stringify(found)}`);
      }
      // Ranges anywhere (not aligned): snapping must land on boundaries and cover the selection.
      const index = new CodePointIndex(text);
      for (const [a, b] of rawPicks) {
        const x = a % (index.length + 1);
        const y = b % (index.length + 1);
        const range = { start: Math.min(x, y), end: Math.max(x, y) };
        const snap = snapToGraphemes(text, range);
        snapped++;
        const on = boundaries.has(index.toUtf16(snap.start)) && boundaries.has(index.toUtf16(snap.end));
        // An empty range (a caret) collapses to the boundary at or before it; any other must be covered.
        const covers = range.start === range.end ? snap.start === snap.end && snap.start <= range.start : snap.start <= range.start && snap.end >= range.end;
        if (!on || !covers) {
          snapFaults++;
          failures.push(`${show(text)} snap ${range.start}–${range.end} gave ${snap.start}–${snap.end}`);
        }
      }
    }

    // Positive control: the same judge over a describe that slices UTF-16 units where it is told.
    let controlChecked = 0;
    let controlFaults = 0;
    for (const [text, picks] of samples) {
      const boundaries = boundariesOf(text);
      for (const [a, b] of picks) {
        const x = a % (text.length + 1);
        const y = b % (text.length + 1);
        if (x === y) continue;
        controlChecked++;
        if (selectorFault(text, boundaries, naiveDescribe(text, Math.min(x, y), Math.max(x, y)))) controlFaults++;
      }
    }

    const control = `naive UTF-16 slicing: ${controlFaults} of ${controlChecked} anchors split a grapheme or a surrogate pair`;
    recordFigure({ program: PROGRAM, figure: 'anchors re-resolved exactly', value: `${pct(exact, anchors)} (${exact}/${anchors})`, expected: '100%', control });
    recordFigure({ program: PROGRAM, figure: 'anchors splitting a grapheme or with a lone surrogate', value: splits, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'snapped random ranges off grapheme boundaries', value: snapFaults, expected: '0', control: `${snapped} ranges snapped` });

    expect(failures.slice(0, 5)).toEqual([]);
    expect(anchors).toBeGreaterThanOrEqual(runs);
    expect(exact).toBe(anchors);
    expect(splits).toBe(0);
    expect(snapFaults).toBe(0);
    expect(controlFaults, 'the judge must catch naive slicing').toBeGreaterThan(controlChecked / 4);
  });

  it('after edits around an anchor it is found by its quote, exactly where the words moved', () => {
    const editArb = fc.record({
      kind: fc.constantFrom('insert', 'delete'),
      /** Where, among the boundaries outside the quote. */
      at: fc.nat(10_000),
      length: fc.nat(10_000),
      inserted: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
    });
    const samples = fc.sample(fc.tuple(textArb, picksArb, fc.array(editArb, { minLength: 4, maxLength: 4 })), { numRuns: runs, seed: SEED + 1 });
    let unambiguous = 0;
    let exact = 0;
    let ambiguous = 0;
    let ambiguousWrong = 0;
    let shiftedOff = 0;
    let splits = 0;
    let controlUnambiguous = 0;
    let controlWrong = 0;
    const failures: string[] = [];

    for (const [text, picks, edits] of samples) {
      const ranges = alignedRanges(text, picks);
      ranges.forEach((range, k) => {
        const selectors = describeOrNull(text, range);
        const edit = edits[k];
        if (!selectors || !edit) return;
        const index = new CodePointIndex(text);
        const u0 = index.toUtf16(range.start);
        const u1 = index.toUtf16(range.end);
        // The edit lies wholly before or wholly after the quote, at grapheme boundaries, and may
        // reach into the stored context (then only the quote and what is left of it can say where).
        const list = [...boundariesOf(text)].sort((a, b) => a - b);
        const before = list.filter((b) => b <= u0);
        const after = list.filter((b) => b >= u1);
        const side = edit.at % 2 === 0 && before.length > 0 ? before : after;
        const p = side[Math.floor(edit.at / 2) % side.length]!;
        let edited: string;
        let shift: number;
        if (edit.kind === 'insert') {
          edited = text.slice(0, p) + edit.inserted + text.slice(p);
          shift = p <= u0 ? edit.inserted.length : 0;
        } else {
          const ends = side.filter((b) => b > p);
          if (ends.length === 0) return;
          const q = ends[edit.length % ends.length]!;
          if (p < u0 && q > u0) return; // would cut into the quote
          edited = text.slice(0, p) + text.slice(q);
          shift = q <= u0 ? -(q - p) : 0;
        }
        const n0 = u0 + shift;
        const n1 = u1 + shift;
        const editedBoundaries = boundariesOf(edited);
        const editedIndex = new CodePointIndex(edited);
        const found = resolve(edited, selectors);
        // Whatever resolve answers must be whole graphemes holding the quote.
        if (found) {
          const f0 = editedIndex.toUtf16(found.start);
          const f1 = editedIndex.toUtf16(found.end);
          if (!editedBoundaries.has(f0) || !editedBoundaries.has(f1) || edited.slice(f0, f1) !== selectors.quote.exact) {
            splits++;
            failures.push(`${show(text)} → ${show(edited)}: ${JSON.stringify(selectors)} resolved ${found.start}–${found.end}, which is not the quote on grapheme boundaries`);
          }
        }
        if (!editedBoundaries.has(n0) || !editedBoundaries.has(n1)) {
          // The edit changed how the quote's own characters cluster (a flag's partner removed, a
          // mark joined on): its old words are no longer whole graphemes there, so no exact answer exists.
          shiftedOff++;
          return;
        }
        const expected = { start: editedIndex.toCodePoint(n0), end: editedIndex.toCodePoint(n1) };
        const naive = naiveResolve(edited, selectors);
        if (occurrences(edited, selectors.quote.exact) === 1) {
          unambiguous++;
          controlUnambiguous++;
          if (found && found.start === expected.start && found.end === expected.end) exact++;
          else failures.push(`${show(text)} → ${show(edited)}: expected ${expected.start}–${expected.end}, resolved ${JSON.stringify(found)}`);
        } else {
          ambiguous++;
          if (!found || found.start !== expected.start || found.end !== expected.end) ambiguousWrong++;
        }
        if (!naive || naive.start !== expected.start || naive.end !== expected.end) controlWrong++;
      });
    }

    const control = `a resolver that trusts the stored position: ${controlWrong} wrong of ${controlUnambiguous + ambiguous}`;
    recordFigure({ program: PROGRAM, figure: 'anchors re-resolved exactly after edits (quote unique)', value: `${pct(exact, unambiguous)} (${exact}/${unambiguous})`, expected: '100%', control });
    recordFigure({ program: PROGRAM, figure: 'resolved ranges after edits splitting a grapheme', value: splits, expected: '0', control: `${shiftedOff} edits re-clustered the quote itself` });
    recordFigure({
      program: PROGRAM,
      figure: 'anchors after edits, quote repeated: other occurrence chosen',
      value: `${ambiguousWrong} of ${ambiguous}`,
      expected: 'reported, not a fault',
      control: 'a repeated quote with the same context cannot be told apart',
    });

    expect(failures.slice(0, 5)).toEqual([]);
    expect(unambiguous).toBeGreaterThanOrEqual(runs);
    expect(exact).toBe(unambiguous);
    expect(splits).toBe(0);
    expect(controlWrong, 'the exactness check must catch a resolver that ignores the quote').toBeGreaterThan(0);
  });
});

/** The positive control's resolver: the stored position, whatever the text now says there. */
function naiveResolve(_text: string, selectors: Selectors): CodePointRange | null {
  return { start: selectors.position.start, end: selectors.position.end };
}

function pct(n: number, of: number): string {
  return of === 0 ? 'n/a' : `${Math.floor((n / of) * 1000) / 10}%`;
}
