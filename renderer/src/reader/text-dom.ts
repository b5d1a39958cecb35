// Maps between code-point offsets into a source's normalised text (what excerpts store, the W3C
// rule) and DOM positions in the rendered "Source text" (a text node and a UTF-16 offset).
// Never guesses: a position it cannot place is clamped to the nearest rendered text.
//
// The text is rendered as blocks (text-layout.ts), each an element with data-index naming its
// Paragraph and data-start its first code point, holding its text as its only child text node (a
// blank line has none). The text is virtualised: only some blocks exist at a time, in order, maybe
// with gaps (the blocks a selection starts and ends in are kept while it lasts). Page dividers sit
// between blocks as empty elements with data-before naming the block they precede; they hold no
// text, so they never count. A line's "\n" is not rendered: it sits at offset start + length of
// the line's last block, so a DOM position at the start of the next line counts it, and one at the
// end of the line does not. UTF-16 ⇄ code points goes through one CodePointIndex for the whole
// text (O(log n) each), so a block's UTF-16 start plus the DOM offset is all a conversion needs.
import { paragraphAt, type CodePointRange, type TextLayout } from './text-layout.js';

/** Finds the rendered element of block i, or null when it is not rendered. */
export type BlockFinder = (i: number) => HTMLElement | null;

/** Looks blocks up in the container's DOM; painting many ranges at once passes a prebuilt map instead. */
export function finderOf(container: HTMLElement): BlockFinder {
  return (i) => container.querySelector<HTMLElement>(`[data-index="${i}"]`);
}

/** A map of the blocks rendered now, for many look-ups in one go. */
export function renderedBlocks(container: HTMLElement): Map<number, HTMLElement> {
  const map = new Map<number, HTMLElement>();
  for (const element of container.querySelectorAll<HTMLElement>('[data-index]')) map.set(Number(element.dataset.index), element);
  return map;
}

/** The offset an element of the text stands for at its start or end: a block's edges; a divider is the start of the block after it. */
function edgeOf(layout: TextLayout, element: Element, end: boolean): number | null {
  if (!(element instanceof HTMLElement)) return null;
  const { paragraphs, index } = layout;
  if (element.dataset.before !== undefined) return paragraphs[Number(element.dataset.before)]?.start ?? index.length;
  if (element.dataset.index === undefined) return null;
  const p = paragraphs[Number(element.dataset.index)];
  if (!p) return null;
  return end ? p.start + p.length : p.start;
}

/** The offset of a boundary point between the children of an element that is not a block (the container, or a wrapper in it). */
function offsetBetweenChildren(layout: TextLayout, parent: Node, offset: number): number {
  const children = parent.childNodes;
  for (let i = offset; i < children.length; i++) {
    const at = edgeOf(layout, children[i] as Element, false);
    if (at !== null) return at;
  }
  for (let i = offset - 1; i >= 0; i--) {
    const at = edgeOf(layout, children[i] as Element, true);
    if (at !== null) return at;
  }
  return offset === 0 ? 0 : layout.index.length;
}

/** The code-point offset of a DOM boundary point (as a Selection or Range gives it). */
export function offsetOfPoint(container: HTMLElement, layout: TextLayout, node: Node, offset: number): number {
  const { paragraphs, index } = layout;
  if (!container.contains(node)) {
    // A selection that runs out of the text: clamp to the side it left by.
    return container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING ? index.length : 0;
  }
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const divider = element?.closest<HTMLElement>('[data-before]');
  if (divider && container.contains(divider)) return edgeOf(layout, divider, false) ?? 0;
  const block = element?.closest<HTMLElement>('[data-index]');
  const paragraph = block && container.contains(block) ? paragraphs[Number(block.dataset.index)] : undefined;
  if (!paragraph) return offsetBetweenChildren(layout, node, offset);
  if (node.nodeType === Node.TEXT_NODE) return index.toCodePoint(paragraph.utf16 + Math.min(offset, paragraph.text.length));
  // An element boundary: before its first child is the start, anything else is the end.
  return offset === 0 ? paragraph.start : paragraph.start + paragraph.length;
}

/**
 * The DOM boundary point of code-point offset cp, or null when its block is not rendered. An
 * offset where one block of a long line ends and the next begins is placed at the end of the first
 * when only that one is rendered, so a range clipped to the rendered blocks can always be placed.
 */
export function pointOfOffset(container: HTMLElement, layout: TextLayout, cp: number, find: BlockFinder = finderOf(container)): { node: Node; offset: number } | null {
  const { paragraphs, index } = layout;
  if (paragraphs.length === 0) return null;
  let i = paragraphAt(paragraphs, cp);
  let element = find(i);
  if (!element && i > 0 && paragraphs[i]!.start === cp && paragraphs[i]!.continues) {
    i--;
    element = find(i);
  }
  if (!element) return null;
  const paragraph = paragraphs[i]!;
  const textNode = element.firstChild;
  if (!textNode || textNode.nodeType !== Node.TEXT_NODE) return { node: element, offset: 0 };
  const within = Math.max(paragraph.start, Math.min(cp, paragraph.start + paragraph.length));
  return { node: textNode, offset: index.toUtf16(within) - paragraph.utf16 };
}

/** A live DOM Range over code points [start, end), or null when either end is not rendered. */
export function domRange(container: HTMLElement, layout: TextLayout, range: CodePointRange, find: BlockFinder = finderOf(container)): Range | null {
  const a = pointOfOffset(container, layout, range.start, find);
  const b = pointOfOffset(container, layout, range.end, find);
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
 * The rendered blocks as runs of consecutive indices [first, last], in order: what highlights are
 * painted over. A range can only be placed inside one run.
 */
export function renderedRuns(blocks: Iterable<number>): [number, number][] {
  const sorted = [...blocks].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs.at(-1);
    if (last && i === last[1] + 1) last[1] = i;
    else if (!last || i > last[1]) runs.push([i, i]);
  }
  return runs;
}
