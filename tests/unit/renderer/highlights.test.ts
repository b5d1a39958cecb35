// @vitest-environment jsdom
// The painter over the virtualised text: it paints only the rendered blocks, clipped to them; a
// new excerpt is added to the existing highlights (the ranges already painted stay the same
// objects); colours follow the excerpt's tag colour, each in its own highlight, registered only
// while it has ranges; overlaps and the selected excerpt; a search flash; and dispose removes only
// its own highlights. jsdom has no CSS Custom Highlight API, so a minimal one stands in for it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexExcerpts, type Placed } from '../../../renderer/src/reader/excerpt-index.js';
import { HighlightPainter, type PaintInput } from '../../../renderer/src/reader/highlights.js';
import { layoutText, type TextLayout } from '../../../renderer/src/reader/text-layout.js';
import type { TagColorName } from '../../../renderer/src/tags/tag-colors.js';

class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

let registry: Map<string, FakeHighlight>;

beforeEach(() => {
  registry = new Map();
  Object.assign(globalThis, { Highlight: FakeHighlight, CSS: { highlights: registry } });
});

afterEach(() => {
  delete (globalThis as { Highlight?: unknown }).Highlight;
  delete (globalThis as { CSS?: unknown }).CSS;
});

// Ten lines "line 0 text" … : line i starts at code point 12 * i.
const TEXT = Array.from({ length: 10 }, (_, i) => `line ${i} text`).join('\n');
const layout = layoutText(TEXT);
const at = (line: number, column = 0) => 12 * line + column;

function render(text: TextLayout, blocks: number[]): HTMLElement {
  const container = document.createElement('article');
  for (const i of blocks) {
    const p = document.createElement('p');
    p.dataset.index = String(i);
    p.append(text.paragraphs[i]!.text);
    container.append(p);
  }
  document.body.replaceChildren(container);
  return container;
}

interface Ex extends Placed {
  colour: TagColorName | null;
}
const ex = (id: string, start: number, end: number, colour: TagColorName | null = null): Ex => ({ id, createdAt: '2024-01-01T00:00:00.000Z', selectors: { position: { start, end } }, colour });

function input(container: HTMLElement, excerpts: Ex[], more: Partial<PaintInput<Ex>> = {}): PaintInput<Ex> {
  return { container, layout, index: indexExcerpts(layout.paragraphs, excerpts), colourOf: (e) => e.colour, selectedId: null, flash: null, ...more };
}

const texts = (name: string) =>
  [...(registry.get(name) ?? [])].map((r) => (r as Range).toString()).sort();

describe('painting the rendered blocks', () => {
  it('paints only excerpts in the rendered blocks, clipped to them', () => {
    const container = render(layout, [2, 3, 4]);
    const painter = new HighlightPainter<Ex>();
    painter.paint(input(container, [ex('before', at(0), at(1, 4)), ex('in', at(3, 5), at(3, 11)), ex('across', at(4, 7), at(6, 4)), ex('after', at(8), at(9))]));
    expect(texts('excerpt')).toEqual(['3 text', 'text']);
    expect(registry.get('excerpt')!.size).toBe(2);
  });

  it('adds a new excerpt to the existing highlight, leaving the ranges already painted as they were', () => {
    const container = render(layout, [0, 1, 2]);
    const painter = new HighlightPainter<Ex>();
    const first = [ex('a', at(0), at(0, 4)), ex('b', at(1), at(1, 6))];
    painter.paint(input(container, first));
    const before = [...registry.get('excerpt')!];
    const highlight = registry.get('excerpt');
    painter.paint(input(container, [...first, ex('c', at(2, 7), at(2, 11))]));
    expect(registry.get('excerpt')).toBe(highlight);
    const after = [...registry.get('excerpt')!];
    expect(after).toHaveLength(3);
    for (const range of before) expect(after).toContain(range);
    expect(texts('excerpt')).toEqual(['line', 'line 1', 'text']);

    // Taking one away (an undo) removes just its range.
    painter.paint(input(container, [first[1]!, ex('c', at(2, 7), at(2, 11))]));
    expect(texts('excerpt')).toEqual(['line 1', 'text']);
    expect([...registry.get('excerpt')!]).toContain(before[1]);
  });

  it('paints each excerpt in its tag colour, registering a colour only while it has ranges', () => {
    const container = render(layout, [0, 1]);
    const painter = new HighlightPainter<Ex>();
    painter.paint(input(container, [ex('plain', at(0), at(0, 4)), ex('red', at(1), at(1, 4), 'red')]));
    expect(texts('excerpt')).toEqual(['line']);
    expect(texts('excerpt-red')).toEqual(['line']);
    expect(registry.has('excerpt-blue')).toBe(false);
    // The tag's colour changed: the excerpt moves from red to blue.
    painter.paint(input(container, [ex('plain', at(0), at(0, 4)), ex('red', at(1), at(1, 4), 'blue')]));
    expect(registry.has('excerpt-red')).toBe(false);
    expect(texts('excerpt-blue')).toEqual(['line']);
  });

  it('paints the stretches under two or more excerpts again, and the selected excerpt', () => {
    const container = render(layout, [0]);
    const painter = new HighlightPainter<Ex>();
    painter.paint(input(container, [ex('a', at(0), at(0, 6)), ex('b', at(0, 5), at(0, 11))], { selectedId: 'b' }));
    expect(texts('excerpt-overlap')).toEqual(['0']);
    expect(texts('excerpt-selected')).toEqual(['0 text']);
    expect(registry.get('excerpt-overlap')!.priority).toBeGreaterThan(registry.get('excerpt')!.priority);
  });

  it('starts over when the rendered blocks change (a scroll), painting what is rendered now', () => {
    const painter = new HighlightPainter<Ex>();
    const list = [ex('top', at(0), at(0, 4)), ex('low', at(7), at(7, 4))];
    painter.paint(input(render(layout, [0, 1]), list));
    expect(texts('excerpt')).toEqual(['line']);
    painter.paint(input(render(layout, [6, 7]), list));
    expect(registry.get('excerpt')!.size).toBe(1);
    expect(([...registry.get('excerpt')!][0] as Range).startContainer.parentElement!.dataset.index).toBe('7');
  });

  it('flashes a search hit where it is rendered, then fading, then not at all', () => {
    const container = render(layout, [5]);
    const painter = new HighlightPainter<Ex>();
    painter.paint(input(container, [], { flash: { range: { start: at(5, 7), end: at(5, 11) }, fading: false } }));
    expect(texts('search-flash')).toEqual(['text']);
    painter.paint(input(container, [], { flash: { range: { start: at(5, 7), end: at(5, 11) }, fading: true } }));
    expect(registry.has('search-flash')).toBe(false);
    expect(texts('search-flash-fade')).toEqual(['text']);
    painter.paint(input(container, []));
    expect(registry.has('search-flash-fade')).toBe(false);
  });

  it('removes only its own highlights when disposed', () => {
    const painter = new HighlightPainter<Ex>();
    painter.paint(input(render(layout, [0]), [ex('a', at(0), at(0, 4), 'green')]));
    const next = new HighlightPainter<Ex>();
    next.paint(input(render(layout, [0]), [ex('b', at(0), at(0, 6))]));
    painter.dispose();
    expect(texts('excerpt')).toEqual(['line 0']);
    expect(registry.has('excerpt-green')).toBe(false);
  });
});
