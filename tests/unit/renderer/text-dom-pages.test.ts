// @vitest-environment jsdom
// Page dividers sit between the reader's lines without taking part in offsets: a position in or
// beside a divider maps to the start of the line after it, and every line still maps both ways.
import { describe, expect, it } from 'vitest';
import { domRange, offsetOfPoint, pointOfOffset } from '../../../renderer/src/reader/text-dom.js';
import { layoutText, type TextLayout } from '../../../renderer/src/reader/text-layout.js';

/** Renders a layout as SourceText does: a <p> per line, a divider before the lines a page starts on. */
function render(layout: TextLayout): HTMLElement {
  const container = document.createElement('article');
  let b = 0;
  const divider = (i: number) => {
    const d = document.createElement('div');
    d.setAttribute('role', 'separator');
    d.dataset.before = String(layout.breaks[i]!.before);
    container.append(d);
  };
  layout.paragraphs.forEach((p, i) => {
    for (; b < layout.breaks.length && layout.breaks[b]!.before === i; b++) divider(b);
    const el = document.createElement('p');
    el.dataset.index = String(i);
    if (p.text) el.append(p.text);
    container.append(el);
  });
  for (; b < layout.breaks.length; b++) divider(b);
  document.body.replaceChildren(container);
  return container;
}

const TEXT = 'One 🙂 first page.\n\nTwo second page.\n\nThree third page.';
const cp = (s: string) => [...TEXT.slice(0, TEXT.indexOf(s))].length;
const layout = layoutText(TEXT, { pageStarts: [0, cp('Two'), cp('Three')] });

describe('offsets around page dividers', () => {
  it('keeps the mapping of every line both ways', () => {
    const container = render(layout);
    expect(layout.breaks.map((b) => b.label)).toEqual(['Page 2', 'Page 3']);
    for (const word of ['One', 'first', 'Two', 'second', 'Three', 'page.']) {
      const at = cp(word);
      const point = pointOfOffset(container, layout, at)!;
      expect(point.node.nodeType, word).toBe(Node.TEXT_NODE);
      expect((point.node as Text).data.slice(point.offset).startsWith(word), word).toBe(true);
      expect(offsetOfPoint(container, layout, point.node, point.offset), word).toBe(at);
    }
    expect(domRange(container, layout, { start: cp('Two'), end: cp('Three') + 5 })!.toString()).toBe('Two second page.Three');
  });

  it('maps a position at or in a divider to the start of the line after it', () => {
    const container = render(layout);
    const dividers = container.querySelectorAll('[role="separator"]');
    expect(offsetOfPoint(container, layout, dividers[0]!, 0)).toBe(cp('Two'));
    const index = Array.from(container.children).indexOf(dividers[1]!);
    expect(offsetOfPoint(container, layout, container, index)).toBe(cp('Three'));
    expect(offsetOfPoint(container, layout, container, index + 1)).toBe(cp('Three'));
    expect(offsetOfPoint(container, layout, container, container.children.length)).toBe([...TEXT].length);
  });
});
