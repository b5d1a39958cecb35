// @vitest-environment jsdom
// The virtualised text has only some blocks in the DOM, maybe with gaps (the blocks a selection
// starts and ends in stay while it lasts). Offsets still map both ways for every rendered block,
// a block that is not rendered gives no DOM point, a seam between two blocks of a long line is
// placed in whichever is rendered, and a boundary between items counts the item after it.
import { describe, expect, it } from 'vitest';
import { domRange, offsetOfPoint, pointOfOffset, renderedRuns, selectedRange } from '../../../renderer/src/reader/text-dom.js';
import { BLOCK_MAX, layoutText, type TextLayout } from '../../../renderer/src/reader/text-layout.js';

/** Renders the items holding the given blocks (and the dividers right before them), as SourceText does. */
function render(layout: TextLayout, blocks: number[]): HTMLElement {
  const container = document.createElement('article');
  for (const i of blocks) {
    const item = layout.itemOfParagraph[i]!;
    const before = layout.items[item - 1];
    if (before?.kind === 'break') {
      const d = document.createElement('div');
      d.setAttribute('role', 'separator');
      d.dataset.before = String(before.pageBreak.before);
      container.append(d);
    }
    const p = document.createElement('p');
    p.dataset.index = String(i);
    p.dataset.start = String(layout.paragraphs[i]!.start);
    if (layout.paragraphs[i]!.text) p.append(layout.paragraphs[i]!.text);
    container.append(p);
  }
  document.body.replaceChildren(container);
  return container;
}

// Line 0 short, line 1 long (three blocks), then short lines, with emoji before and in them.
const LONG = Array.from({ length: 900 }, (_, i) => (i % 50 === 0 ? '🇰🇷' : `w${i}`)).join(' ');
const TEXT = `Start 🙂 here\n${LONG}\nafter one\nafter two 👩‍👩‍👧 end\nlast line`;
const layout = layoutText(TEXT);
const cpOf = (s: string) => [...TEXT.slice(0, TEXT.indexOf(s))].length;

describe('offsets with only some blocks rendered', () => {
  it('maps every code point of a rendered block both ways, and gives nothing for a block not rendered', () => {
    expect(layout.paragraphs.length).toBeGreaterThan(5);
    const shown = [0, layout.paragraphs.length - 2, layout.paragraphs.length - 1];
    const container = render(layout, shown);
    for (const i of shown) {
      const p = layout.paragraphs[i]!;
      for (let cp = p.start; cp <= p.start + p.length; cp++) {
        const point = pointOfOffset(container, layout, cp)!;
        expect(point, `cp ${cp}`).not.toBeNull();
        expect(offsetOfPoint(container, layout, point.node, point.offset), `cp ${cp}`).toBe(cp);
      }
    }
    expect(pointOfOffset(container, layout, cpOf('after one'))).toBeNull();
    expect(domRange(container, layout, { start: 0, end: cpOf('after one') + 3 })).toBeNull();
    expect(domRange(container, layout, { start: cpOf('end'), end: cpOf('last') + 4 })!.toString()).toBe('endlast');
  });

  it('places the seam between two blocks of a long line in the earlier block when the later one is not rendered', () => {
    const [first, second] = layout.paragraphs.filter((p) => p.line === 1);
    expect(first!.text.length).toBeLessThanOrEqual(BLOCK_MAX);
    const i = layout.paragraphs.indexOf(first!);
    const seam = second!.start;
    const alone = render(layout, [i]);
    const point = pointOfOffset(alone, layout, seam)!;
    expect(point.node.parentElement!.dataset.index).toBe(String(i));
    expect(offsetOfPoint(alone, layout, point.node, point.offset)).toBe(seam);
    // A range over the whole first block, ending at the seam, can be placed.
    expect(domRange(alone, layout, { start: first!.start, end: seam })!.toString()).toBe(first!.text);
    // With both rendered, the seam is the start of the later one.
    const both = render(layout, [i, i + 1]);
    expect(pointOfOffset(both, layout, seam)!.node.parentElement!.dataset.index).toBe(String(i + 1));
  });

  it('counts a boundary point between items as the item after it, or the end of the one before', () => {
    const last = layout.paragraphs.length - 1;
    const container = render(layout, [0, last - 1, last]);
    expect(offsetOfPoint(container, layout, container, 0)).toBe(0);
    expect(offsetOfPoint(container, layout, container, 1)).toBe(layout.paragraphs[last - 1]!.start);
    expect(offsetOfPoint(container, layout, container, 3)).toBe([...TEXT].length);
  });

  it('reads a selection across a gap of blocks that are not rendered as the whole passage', () => {
    const last = layout.paragraphs.length - 1;
    const container = render(layout, [0, last]);
    const selection = window.getSelection()!;
    const range = document.createRange();
    range.setStart(container.querySelector('[data-index="0"]')!.firstChild!, 'Start '.length);
    range.setEnd(container.querySelector(`[data-index="${last}"]`)!.firstChild!, 4);
    selection.removeAllRanges();
    selection.addRange(range);
    expect(selectedRange(container, layout)).toEqual({ start: 6, end: cpOf('last') + 4 });
  });
});

describe('renderedRuns', () => {
  it('groups rendered blocks into runs of consecutive indices', () => {
    expect(renderedRuns([7, 3, 4, 5, 12, 8, 20])).toEqual([
      [3, 5],
      [7, 8],
      [12, 12],
      [20, 20],
    ]);
    expect(renderedRuns([])).toEqual([]);
  });
});
