// Maps between code-point offsets into a source's normalised text (what excerpts store, the W3C
// rule) and DOM positions in the rendered "Source text" (a text node and a UTF-16 offset).
// Never guesses: a position it cannot place is clamped to the text's start or end.
//
// The text is rendered as one <p> per line (split on "\n"), in order, each holding its line as
// its only child text node (a blank line has none), with data-index naming its Paragraph. Page
// dividers (paged sources) sit between the <p>s as empty elements with data-before naming the line
// they precede; they hold no text, so they never count. The
// "\n" itself is not rendered: it sits at offset paragraph.start + paragraph.length, so a DOM
// position at the start of the next paragraph counts it, and one at the end of a paragraph does
// not. UTF-16 ⇄ code points goes through one CodePointIndex for the whole text (O(log n) each),
// so a paragraph's UTF-16 start plus the DOM offset is all a conversion needs.
import type { SourceContent } from '../../../notebook/common/model.js';
import { CodePointIndex } from '../../../notebook/common/text.js';
import { headingLevels, pageBreaks, type PageBreak } from './structure.js';

export interface Paragraph {
  /** Code-point offset of the paragraph's first character in the whole text. */
  start: number;
  /** Length in code points. */
  length: number;
  /** UTF-16 index of the paragraph's first character in the whole text. */
  utf16: number;
  text: string;
}

export interface CodePointRange {
  start: number;
  end: number;
}

/** A text split for rendering, with the index that converts its offsets. */
export interface TextLayout {
  text: string;
  index: CodePointIndex;
  paragraphs: readonly Paragraph[];
  /** Page dividers, in order of `before`. */
  breaks: readonly PageBreak[];
  /** Heading lines: line index → ARIA level. */
  headings: ReadonlyMap<number, number>;
}

/** The structure kept from the original: its headings and, for a paged original, where each page starts. */
export type TextStructure = Pick<SourceContent, 'headings' | 'pageStarts'>;

export function layoutText(text: string, structure: TextStructure = {}): TextLayout {
  const index = new CodePointIndex(text);
  const paragraphs: Paragraph[] = [];
  let from = 0;
  for (;;) {
    const newline = text.indexOf('\n', from);
    const to = newline === -1 ? text.length : newline;
    const start = index.toCodePoint(from);
    paragraphs.push({ start, length: index.toCodePoint(to) - start, utf16: from, text: text.slice(from, to) });
    if (newline === -1) break;
    from = newline + 1;
  }
  return { text, index, paragraphs, breaks: pageBreaks(paragraphs, structure.pageStarts), headings: headingLevels(paragraphs, structure.headings) };
}

/** Index of the paragraph holding code-point offset cp (the one it starts or ends in). */
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

/** The number of page dividers rendered before line `index`. */
function breaksBefore(breaks: readonly PageBreak[], index: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]!.before <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function paragraphElement(container: HTMLElement, layout: TextLayout, index: number): HTMLElement | null {
  const element = container.children[index + breaksBefore(layout.breaks, index)];
  return element instanceof HTMLElement ? element : null;
}

/** The offset a child of the container stands for: a line's start, or for a divider the start of the line after it. */
function offsetOfChild(layout: TextLayout, child: Element | undefined): number {
  const { paragraphs, index } = layout;
  if (!(child instanceof HTMLElement)) return index.length;
  const line = child.dataset.index ?? child.dataset.before;
  return paragraphs[Number(line)]?.start ?? index.length;
}

/** The code-point offset of a DOM boundary point (as a Selection or Range gives it). */
export function offsetOfPoint(container: HTMLElement, layout: TextLayout, node: Node, offset: number): number {
  const { paragraphs, index } = layout;
  if (!container.contains(node)) {
    // A selection that runs out of the text: clamp to the side it left by.
    return container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING ? index.length : 0;
  }
  if (node === container) return offsetOfChild(layout, container.children[offset]);
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const divider = element?.closest<HTMLElement>('[data-before]');
  if (divider && container.contains(divider)) return offsetOfChild(layout, divider);
  const p = element?.closest<HTMLElement>('[data-index]');
  const paragraph = p && container.contains(p) ? paragraphs[Number(p.dataset.index)] : undefined;
  if (!paragraph) return 0;
  if (node.nodeType === Node.TEXT_NODE) return index.toCodePoint(paragraph.utf16 + Math.min(offset, paragraph.text.length));
  // An element boundary: before its first child is the start, anything else is the end.
  return offset === 0 ? paragraph.start : paragraph.start + paragraph.length;
}

/** The DOM boundary point of code-point offset cp. */
export function pointOfOffset(container: HTMLElement, layout: TextLayout, cp: number): { node: Node; offset: number } | null {
  const { paragraphs, index } = layout;
  if (paragraphs.length === 0) return null;
  const i = paragraphAt(paragraphs, cp);
  const paragraph = paragraphs[i]!;
  const p = paragraphElement(container, layout, i);
  if (!p) return null;
  const textNode = p.firstChild;
  if (!textNode || textNode.nodeType !== Node.TEXT_NODE) return { node: p, offset: 0 };
  const within = Math.max(0, Math.min(cp, paragraph.start + paragraph.length));
  return { node: textNode, offset: index.toUtf16(within) - paragraph.utf16 };
}

/** A live DOM Range over code points [start, end), or null when the text is not rendered. */
export function domRange(container: HTMLElement, layout: TextLayout, range: CodePointRange): Range | null {
  const a = pointOfOffset(container, layout, range.start);
  const b = pointOfOffset(container, layout, range.end);
  if (!a || !b) return null;
  const dom = document.createRange();
  dom.setStart(a.node, a.offset);
  dom.setEnd(b.node, b.offset);
  return dom;
}

/** The current selection as code points, when it touches the text; null when there is none. */
export function selectedRange(container: HTMLElement, layout: TextLayout): CodePointRange | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const dom = selection.getRangeAt(0);
  if (!dom.intersectsNode(container)) return null;
  const start = offsetOfPoint(container, layout, dom.startContainer, dom.startOffset);
  const end = offsetOfPoint(container, layout, dom.endContainer, dom.endOffset);
  return end > start ? { start, end } : null;
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
