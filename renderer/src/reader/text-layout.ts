// How the reader cuts a source's text into the blocks it renders (one per line; a line longer than
// BLOCK_MAX is cut into consecutive blocks that read as one paragraph), with each block's offsets
// in code points and UTF-16, page dividers and heading levels placed on the blocks, and the list of
// items the virtualised text renders. Pure. Never changes the text: the blocks, read in order with
// "\n" between lines, are the text.
import { snapToGraphemes } from '../../../notebook/common/anchoring.js';
import type { SourceContent } from '../../../notebook/common/model.js';
import { CodePointIndex } from '../../../notebook/common/text.js';
import { headingLevels, pageBreaks, type PageBreak } from './structure.js';

/** One rendered block of text: a whole line, or a piece of a long one. */
export interface Paragraph {
  /** Code-point offset of the block's first character in the whole text. */
  start: number;
  /** Length in code points. */
  length: number;
  /** UTF-16 index of the block's first character in the whole text. */
  utf16: number;
  text: string;
  /** The text line (0-based) the block belongs to. */
  line: number;
  /** True for the second and later blocks of a long line: they carry on the same paragraph. */
  continues: boolean;
}

export interface CodePointRange {
  start: number;
  end: number;
}

/** What the virtualised text renders, in order: a block of text, or a page divider. */
export type ReaderItem = { kind: 'paragraph'; paragraph: number } | { kind: 'break'; pageBreak: PageBreak };

/** A text cut for rendering, with the index that converts its offsets. */
export interface TextLayout {
  text: string;
  index: CodePointIndex;
  /** The blocks, in order; for a text without long lines, one per line. */
  paragraphs: readonly Paragraph[];
  /** Page dividers in order of `before`, which is a block index (the number of blocks for one after the last). */
  breaks: readonly PageBreak[];
  /** Heading blocks (the first block of a heading line): block index → ARIA level. */
  headings: ReadonlyMap<number, number>;
  /** Blocks and dividers in reading order: what the virtualiser counts. */
  items: readonly ReaderItem[];
  /** The item index of each block. */
  itemOfParagraph: readonly number[];
}

/** The structure kept from the original: its headings and, for a paged original, where each page starts. */
export type TextStructure = Pick<SourceContent, 'headings' | 'pageStarts'>;

/**
 * The longest block in UTF-16 units. A text with no line breaks (a 1 MB minified page exists in
 * the wild) must not become one element the browser lays out whole on every scroll; 2,000
 * characters are some 25 lines at the reading measure, so a block never fills more than a screen
 * or two. A cut goes after white space found in the block's second half, so a block ends where
 * a wrapped line would; with no white space there it falls on a grapheme boundary.
 */
export const BLOCK_MAX = 2000;

/**
 * Where the blocks of the line text[from, to) after its first begin: UTF-16 indices into text,
 * each after white space in the second half of the block before, or failing that on the grapheme
 * boundary at or before `max` units (never between a surrogate pair, a flag's two halves or an
 * emoji's joined parts). `index` is the text's CodePointIndex, so a cut costs O(log n).
 */
export function cutLine(text: string, from: number, to: number, index: CodePointIndex = new CodePointIndex(text), max = BLOCK_MAX): number[] {
  const cuts: number[] = [];
  const half = Math.floor(max / 2);
  let at = from;
  while (to - at > max) {
    let cut = -1;
    for (let i = at + max; i > at + half; i--) {
      if (/\s/.test(text[i - 1]!)) {
        cut = i;
        break;
      }
    }
    if (cut === -1) {
      const cp = index.toCodePoint(at + max);
      cut = index.toUtf16(snapToGraphemes(text, { start: cp, end: cp }, index).start);
      // A single cluster longer than a block (thousands of combining marks) is cut through.
      if (cut <= at) cut = index.toUtf16(index.toCodePoint(at + max));
      if (cut <= at) cut = at + max + 1;
    }
    cuts.push(cut);
    at = cut;
  }
  return cuts;
}

export function layoutText(text: string, structure: TextStructure = {}): TextLayout {
  const index = new CodePointIndex(text);
  // Lines first: page breaks and headings are placed on lines, as the importers give them.
  const lines: Paragraph[] = [];
  let from = 0;
  for (let line = 0; ; line++) {
    const newline = text.indexOf('\n', from);
    const to = newline === -1 ? text.length : newline;
    const start = index.toCodePoint(from);
    lines.push({ start, length: index.toCodePoint(to) - start, utf16: from, text: text.slice(from, to), line, continues: false });
    if (newline === -1) break;
    from = newline + 1;
  }

  const paragraphs: Paragraph[] = [];
  const firstBlockOfLine: number[] = [];
  for (const l of lines) {
    firstBlockOfLine.push(paragraphs.length);
    if (l.text.length <= BLOCK_MAX) {
      paragraphs.push(l);
      continue;
    }
    const to = l.utf16 + l.text.length;
    const bounds = [l.utf16, ...cutLine(text, l.utf16, to, index), to];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const start = index.toCodePoint(bounds[k]!);
      const end = index.toCodePoint(bounds[k + 1]!);
      paragraphs.push({ start, length: end - start, utf16: bounds[k]!, text: text.slice(bounds[k], bounds[k + 1]), line: l.line, continues: k > 0 });
    }
  }

  const blockOf = (line: number): number => firstBlockOfLine[line] ?? paragraphs.length;
  const breaks = pageBreaks(lines, structure.pageStarts).map((b) => ({ ...b, before: blockOf(b.before) }));
  const headings = new Map<number, number>();
  for (const [line, level] of headingLevels(lines, structure.headings)) headings.set(blockOf(line), level);

  const items: ReaderItem[] = [];
  const itemOfParagraph: number[] = [];
  let b = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    for (; b < breaks.length && breaks[b]!.before === i; b++) items.push({ kind: 'break', pageBreak: breaks[b]! });
    itemOfParagraph.push(items.length);
    items.push({ kind: 'paragraph', paragraph: i });
  }
  for (; b < breaks.length; b++) items.push({ kind: 'break', pageBreak: breaks[b]! });

  return { text, index, paragraphs, breaks, headings, items, itemOfParagraph };
}

/** Index of the block holding code-point offset cp (the one it starts or ends in). */
export function paragraphAt(paragraphs: readonly Paragraph[], cp: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[mid]!.start <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The heading level a block is drawn at: its own, or for a later block of a long heading line, its line's. */
export function headingOf(layout: TextLayout, i: number): number | undefined {
  let first = i;
  while (first > 0 && layout.paragraphs[first]!.continues) first--;
  return layout.headings.get(first);
}

/**
 * Whether a block gets the space between paragraphs above it: text imported with one line break
 * between paragraphs still reads as paragraphs. Not after a blank line (which is space itself), a
 * divider, or within one long line.
 */
export function spacedBefore(layout: TextLayout, i: number): boolean {
  const p = layout.paragraphs[i];
  const previous = layout.paragraphs[i - 1];
  if (!p || !previous || p.continues || p.length === 0 || previous.length === 0) return false;
  return layout.items[layout.itemOfParagraph[i]! - 1]?.kind === 'paragraph';
}

/**
 * Narrows a range so it does not begin or end in white space: a triple-click or a drag past the
 * end of a line takes the line break along, and an analyst never means to quote that.
 * Null when nothing but white space is left.
 */
export function trimRange(layout: TextLayout, range: CodePointRange): CodePointRange | null {
  const { text, index } = layout;
  let a = index.toUtf16(range.start);
  let b = index.toUtf16(range.end);
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return a < b ? { start: index.toCodePoint(a), end: index.toCodePoint(b) } : null;
}

/**
 * The stretches covered by two or more of the ranges, so overlaps can be painted a second time
 * and read darker. A sweep over the sorted boundaries: O(n log n).
 */
export function overlaps(ranges: readonly CodePointRange[]): CodePointRange[] {
  const events: [number, number][] = [];
  for (const r of ranges) events.push([r.start, 1], [r.end, -1]);
  // Ends before starts at the same offset: ranges that only touch do not overlap.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const result: CodePointRange[] = [];
  let depth = 0;
  let from = 0;
  for (const [at, step] of events) {
    const before = depth;
    depth += step;
    if (before < 2 && depth >= 2) from = at;
    else if (before >= 2 && depth < 2 && at > from) result.push({ start: from, end: at });
  }
  return result;
}
