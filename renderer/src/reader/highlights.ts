// Paints excerpts over the source text with the CSS Custom Highlight API: ranges are registered
// by name and styled by ::highlight(name) in reader.css, so the text's DOM is never wrapped or
// split (2,000 ranges cost ~15 ms this way against ~146 ms wrapping spans, DESIGN.md §5).
// Never touches the text's DOM.
import type { Excerpt, Id } from '../../../notebook/common/model.js';
import { domRange, overlaps, type TextLayout } from './text-dom.js';

/** Every excerpt; stretches under two or more excerpts again (so overlaps read darker); the selected one. */
export const HIGHLIGHT = { excerpt: 'excerpt', overlap: 'excerpt-overlap', selected: 'excerpt-selected' } as const;

const supported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

export function paintExcerpts(container: HTMLElement, layout: TextLayout, excerpts: readonly Excerpt[], selectedId: Id | null): void {
  if (!supported()) return;
  const positions = excerpts.map((e) => e.selectors.position);
  const all = positions.map((p) => domRange(container, layout, p)).filter((r): r is Range => r !== null);
  const twice = overlaps(positions)
    .map((p) => domRange(container, layout, p))
    .filter((r): r is Range => r !== null);
  const selected = excerpts.find((e) => e.id === selectedId);
  const selectedRange = selected ? domRange(container, layout, selected.selectors.position) : null;

  const excerptHighlight = new Highlight(...all);
  const overlapHighlight = new Highlight(...twice);
  overlapHighlight.priority = 1;
  const selectedHighlight = new Highlight(...(selectedRange ? [selectedRange] : []));
  selectedHighlight.priority = 2;
  CSS.highlights.set(HIGHLIGHT.excerpt, excerptHighlight);
  CSS.highlights.set(HIGHLIGHT.overlap, overlapHighlight);
  CSS.highlights.set(HIGHLIGHT.selected, selectedHighlight);
}

export function clearExcerpts(): void {
  if (!supported()) return;
  for (const name of Object.values(HIGHLIGHT)) CSS.highlights.delete(name);
}
