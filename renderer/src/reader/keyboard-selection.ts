// Selecting text without a mouse: Shift+Arrow extends the selection by character (or line),
// Ctrl+Shift+Arrow (Alt+Shift on macOS) by word, Shift+Home/End to the line's ends, using the
// browser's own Selection.modify so it follows the text as laid out (bidi, wrapping, graphemes).
// Never moves the selection outside the source text. The text is virtualised: after each step the
// selection's moving end is scrolled into view, so the blocks beyond it get rendered and the next
// step has somewhere to go.
import { isMac } from '../ui/format.js';

type Direction = 'forward' | 'backward';
type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

function command(event: KeyboardEvent): [Direction, Granularity] | null {
  if (!event.shiftKey) return null;
  const byWord = isMac ? event.altKey && !event.ctrlKey && !event.metaKey : event.ctrlKey && !event.altKey && !event.metaKey;
  const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
  if (!byWord && !plain) return null;
  switch (event.key) {
    case 'ArrowRight':
      return ['forward', byWord ? 'word' : 'character'];
    case 'ArrowLeft':
      return ['backward', byWord ? 'word' : 'character'];
    case 'ArrowDown':
      return plain ? ['forward', 'line'] : null;
    case 'ArrowUp':
      return plain ? ['backward', 'line'] : null;
    case 'End':
      return plain ? ['forward', 'lineboundary'] : null;
    case 'Home':
      return plain ? ['backward', 'lineboundary'] : null;
    default:
      return null;
  }
}

/** A collapsed position at the first character the analyst can see in the scrolled text. */
function firstVisiblePoint(container: HTMLElement, viewport: HTMLElement): { node: Node; offset: number } | null {
  const top = viewport.getBoundingClientRect().top;
  for (const p of Array.from(container.querySelectorAll('[data-index]'))) {
    const text = p.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const rect = p.getBoundingClientRect();
    if (rect.bottom <= top) continue;
    if (rect.top >= top) return { node: text, offset: 0 };
    // The paragraph is cut by the top edge: start on its first line that is in view.
    const position = document.caretPositionFromPoint?.(rect.left + 1, top + 4);
    if (position && p.contains(position.offsetNode)) return { node: position.offsetNode, offset: position.offset };
    return { node: text, offset: 0 };
  }
  return null;
}

/** Handles the key if it is a selection key; returns whether it did. */
export function extendSelectionByKey(event: KeyboardEvent, container: HTMLElement, viewport: HTMLElement): boolean {
  const step = command(event);
  if (!step) return false;
  const selection = window.getSelection();
  if (!selection) return false;
  event.preventDefault();
  const inside = selection.rangeCount > 0 && container.contains(selection.anchorNode) && container.contains(selection.focusNode);
  if (!inside) {
    const start = firstVisiblePoint(container, viewport);
    if (!start) return true;
    selection.collapse(start.node, start.offset);
  }
  selection.modify('extend', step[0], step[1]);
  keepFocusInView(selection, viewport);
  return true;
}

/** Scrolls the viewport just enough that the selection's moving end (its focus) is in view. */
function keepFocusInView(selection: Selection, viewport: HTMLElement): void {
  if (!selection.focusNode) return;
  const caret = document.createRange();
  caret.setStart(selection.focusNode, selection.focusOffset);
  const rect = caret.getClientRects()[0] ?? (selection.focusNode instanceof Element ? selection.focusNode.getBoundingClientRect() : caret.getBoundingClientRect());
  const view = viewport.getBoundingClientRect();
  const margin = 24;
  if (rect.bottom > view.bottom - margin) viewport.scrollTop += rect.bottom - view.bottom + margin;
  else if (rect.top < view.top + margin) viewport.scrollTop -= view.top + margin - rect.top;
}
