// Paints excerpts over the rendered part of the source text with the CSS Custom Highlight API:
// ranges are registered by name and styled by ::highlight(name) in reader.css, so the text's DOM is
// never wrapped or split (2,000 ranges cost ~15 ms this way against ~146 ms wrapping spans,
// DESIGN.md §5). Only the blocks on screen (and the virtualiser's overscan) are painted; a new
// excerpt is added to the existing Highlight objects, not repainted with all the others, so it
// shows in the next frame. Never touches the text's DOM.
import type { TagColorName } from '../tags/tag-colors.js';
import { excerptsInBlocks, type ExcerptIndex, type Placed } from './excerpt-index.js';
import { domRange, renderedBlocks, renderedRuns } from './text-dom.js';
import { overlaps, type CodePointRange, type TextLayout } from './text-layout.js';

/**
 * The highlight names reader.css styles: every excerpt in the default colour or in its tag's
 * colour (`excerpt-<colour>`); stretches under two or more excerpts again (so overlaps read
 * darker); the selected excerpt; a search hit being shown (and fading); the passage of a suggested
 * claim the analyst points at in the Suggestions panel (styled in suggest/suggest.css).
 */
export const HIGHLIGHT = {
  excerpt: 'excerpt',
  overlap: 'excerpt-overlap',
  selected: 'excerpt-selected',
  flash: 'search-flash',
  flashFading: 'search-flash-fade',
  suggestion: 'suggestion-preview',
} as const;

/** The highlight an excerpt of this colour is painted in. */
export function colourHighlight(colour: TagColorName | null): string {
  return colour ? `excerpt-${colour}` : HIGHLIGHT.excerpt;
}

const PRIORITY: Record<string, number> = { [HIGHLIGHT.overlap]: 1, [HIGHLIGHT.selected]: 2, [HIGHLIGHT.flash]: 3, [HIGHLIGHT.flashFading]: 3, [HIGHLIGHT.suggestion]: 4 };

/** Registered even when empty, so a page can tell "painted nothing" from "not painting". */
const ALWAYS = new Set<string>([HIGHLIGHT.excerpt, HIGHLIGHT.overlap, HIGHLIGHT.selected]);

export const highlightsSupported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

export interface PaintInput<E extends Placed> {
  container: HTMLElement;
  layout: TextLayout;
  index: ExcerptIndex<E>;
  colourOf: (excerpt: E) => TagColorName | null;
  selectedId: string | null;
  /** A passage being shown (a search hit), and whether it is fading out. */
  flash: { range: CodePointRange; fading: boolean } | null;
  /** The passage of a suggested claim being pointed at (the Suggestions panel), if any. */
  preview?: CodePointRange | null;
}

interface Painted {
  /** Position and highlight name: a change of either repaints the excerpt. */
  key: string;
  name: string;
  ranges: Range[];
}

/** Clips a range to [from, to); null when nothing of it is left. */
function clip(range: CodePointRange, from: number, to: number): CodePointRange | null {
  const start = Math.max(range.start, from);
  const end = Math.min(range.end, to);
  return start < end ? { start, end } : null;
}

/** One per rendered text: owns the highlights it registered, and removes only those. */
export class HighlightPainter<E extends Placed> {
  private readonly highlights = new Map<string, Highlight>();
  private readonly painted = new Map<string, Painted>();
  private windowKey = '';

  private get(name: string): Highlight {
    let highlight = this.highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = PRIORITY[name] ?? 0;
      this.highlights.set(name, highlight);
    }
    return highlight;
  }

  /** Registers the non-empty highlights (and the ALWAYS ones); unregisters emptied ones that are ours. */
  private sync(): void {
    for (const name of ALWAYS) this.get(name);
    for (const [name, highlight] of this.highlights) {
      const registered = CSS.highlights.get(name);
      if (highlight.size > 0 || ALWAYS.has(name)) {
        if (registered !== highlight) CSS.highlights.set(name, highlight);
      } else if (registered === highlight) {
        CSS.highlights.delete(name);
      }
    }
  }

  paint({ container, layout, index, colourOf, selectedId, flash, preview }: PaintInput<E>): void {
    if (!highlightsSupported()) return;
    const blocks = renderedBlocks(container);
    const find = (i: number) => blocks.get(i) ?? null;
    const runs = renderedRuns(blocks.keys());
    const { paragraphs } = layout;
    const spans = runs.map(([a, b]) => [paragraphs[a]!.start, paragraphs[b]!.start + paragraphs[b]!.length] as const);

    // A scroll changes which blocks exist: ranges into blocks that left are dead, so start over
    // (only the excerpts in view, a few dozen). Otherwise only what changed is repainted.
    const windowKey = runs.map((r) => r.join('-')).join(',');
    if (windowKey !== this.windowKey) {
      for (const highlight of this.highlights.values()) highlight.clear();
      this.painted.clear();
      this.windowKey = windowKey;
    }

    // The visible part of each excerpt in view, per run of rendered blocks.
    const visible = new Map<string, { excerpt: E; parts: CodePointRange[] }>();
    const perRun: CodePointRange[][] = [];
    runs.forEach(([a, b], r) => {
      const [from, to] = spans[r]!;
      const parts: CodePointRange[] = [];
      for (const excerpt of excerptsInBlocks(index, a, b)) {
        const part = clip(excerpt.selectors.position, from, to);
        if (!part) continue;
        parts.push(part);
        const entry = visible.get(excerpt.id);
        if (entry) entry.parts.push(part);
        else visible.set(excerpt.id, { excerpt, parts: [part] });
      }
      perRun.push(parts);
    });

    for (const [id, painted] of this.painted) {
      const now = visible.get(id);
      const key = now && keyOf(now.parts, colourHighlight(colourOf(now.excerpt)));
      if (key === painted.key) continue;
      const highlight = this.get(painted.name);
      for (const range of painted.ranges) highlight.delete(range);
      this.painted.delete(id);
    }
    for (const [id, { excerpt, parts }] of visible) {
      if (this.painted.has(id)) continue;
      const name = colourHighlight(colourOf(excerpt));
      const highlight = this.get(name);
      const ranges = parts.map((p) => domRange(container, layout, p, find)).filter((x): x is Range => x !== null);
      for (const range of ranges) highlight.add(range);
      this.painted.set(id, { key: keyOf(parts, name), name, ranges });
    }

    const overlap = this.get(HIGHLIGHT.overlap);
    overlap.clear();
    for (const parts of perRun) for (const part of overlaps(parts)) add(overlap, domRange(container, layout, part, find));

    const selected = this.get(HIGHLIGHT.selected);
    selected.clear();
    for (const part of (selectedId && visible.get(selectedId)?.parts) || []) add(selected, domRange(container, layout, part, find));

    const shown = this.get(HIGHLIGHT.flash);
    const fading = this.get(HIGHLIGHT.flashFading);
    shown.clear();
    fading.clear();
    if (flash) {
      for (const [from, to] of spans) {
        const part = clip(flash.range, from, to);
        if (part) add(flash.fading ? fading : shown, domRange(container, layout, part, find));
      }
    }

    const suggestion = this.get(HIGHLIGHT.suggestion);
    suggestion.clear();
    if (preview) {
      for (const [from, to] of spans) {
        const part = clip(preview, from, to);
        if (part) add(suggestion, domRange(container, layout, part, find));
      }
    }
    this.sync();
  }

  /** Unregisters this painter's highlights (a later text may already have registered its own: those stay). */
  dispose(): void {
    if (!highlightsSupported()) return;
    for (const [name, highlight] of this.highlights) if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    this.highlights.clear();
    this.painted.clear();
    this.windowKey = '';
  }
}

function keyOf(parts: readonly CodePointRange[], name: string): string {
  return `${name}|${parts.map((p) => `${p.start}-${p.end}`).join(',')}`;
}

function add(highlight: Highlight, range: Range | null): void {
  if (range) highlight.add(range);
}
