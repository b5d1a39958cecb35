// Maps between code-point offsets into a source's normalised text (what excerpts store, the W3C
// rule) and DOM positions in the rendered "Source text" (a text node and a UTF-16 offset).
// Never guesses: a position it cannot place is clamped to the text's start or end.
//
// The text is rendered as one <p> per line (split on "\n"), in order, each holding its line as
// its only child text node (a blank line has none), with data-index naming its Paragraph. The
// "\n" itself is not rendered: it sits at offset paragraph.start + paragraph.length, so a DOM
// position at the start of the next paragraph counts it, and one at the end of a paragraph does
// not. UTF-16 ⇄ code points goes through one CodePointIndex for the whole text (O(log n) each),
// so a paragraph's UTF-16 start plus the DOM offset is all a conversion needs.
import { CodePointIndex } from '../../../notebook/common/text.js';

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
}

export function layoutText(text: string): TextLayout {
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
  return { text, index, paragraphs };
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

function paragraphElement(container: HTMLElement, index: number): HTMLElement | null {
  const element = container.children[index];
  return element instanceof HTMLElement ? element : null;
}

/** The code-point offset of a DOM boundary point (as a Selection or Range gives it). */
export function offsetOfPoint(container: HTMLElement, layout: TextLayout, node: Node, offset: number): number {
  const { paragraphs, index } = layout;
  if (!container.contains(node)) {
    // A selection that runs out of the text: clamp to the side it left by.
    return container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING ? index.length : 0;
  }
  if (node === container) {
    const child = paragraphElement(container, offset);
    return child ? (paragraphs[Number(child.dataset.index)]?.start ?? 0) : index.length;
  }
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
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
  const p = paragraphElement(container, i);
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
