// How the reader cuts a text into blocks: a very long line becomes consecutive blocks that read as
// one paragraph, cut after white space or on a grapheme boundary, with every offset still right;
// page dividers and headings land on the right blocks; the items the virtualiser counts.
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../../notebook/common/text.js';
import { BLOCK_MAX, cutLine, headingOf, layoutText, paragraphAt, spacedBefore, type TextLayout } from '../../../renderer/src/reader/text-layout.js';

/** Every block maps back onto the text by both its code-point and its UTF-16 offsets, and the blocks cover the text. */
function expectFaithful(layout: TextLayout): void {
  const { text, paragraphs } = layout;
  let rebuilt = '';
  paragraphs.forEach((p, i) => {
    expect(sliceCodePoints(text, p.start, p.start + p.length), `block ${i} by code points`).toBe(p.text);
    expect(text.slice(p.utf16, p.utf16 + p.text.length), `block ${i} by UTF-16`).toBe(p.text);
    if (i > 0) rebuilt += p.continues ? '' : '\n';
    rebuilt += p.text;
  });
  expect(rebuilt).toBe(text);
}

const graphemeBoundaries = (s: string) => new Set([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.index).concat(s.length));

describe('cutting a long line into blocks', () => {
  it('leaves lines up to BLOCK_MAX whole, one block per line', () => {
    const layout = layoutText(`short\n${'x'.repeat(BLOCK_MAX)}\n\nlast`);
    expect(layout.paragraphs.map((p) => p.text.length)).toEqual([5, BLOCK_MAX, 0, 4]);
    expect(layout.paragraphs.every((p) => !p.continues)).toBe(true);
    expect(layout.paragraphs.map((p) => p.line)).toEqual([0, 1, 2, 3]);
  });

  it('cuts a line of words after white space, each block at most BLOCK_MAX, the pieces reading as one line', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const text = `Title\n${words}\nEnd`;
    const layout = layoutText(text);
    const pieces = layout.paragraphs.filter((p) => p.line === 1);
    expect(pieces.length).toBeGreaterThan(8);
    expect(pieces.map((p) => p.continues)).toEqual(pieces.map((_, k) => k > 0));
    for (const p of pieces) expect(p.text.length).toBeLessThanOrEqual(BLOCK_MAX);
    // Each piece but the last ends with the space a wrapped line would end at; none starts with one.
    for (const p of pieces.slice(0, -1)) expect(p.text.endsWith(' ')).toBe(true);
    for (const p of pieces) expect(p.text.startsWith(' ')).toBe(false);
    expectFaithful(layout);
    expect(layout.paragraphs.at(-1)!.line).toBe(2);
  });

  it('cuts a line with no white space on grapheme boundaries: never inside an emoji, a flag or a joined family', () => {
    const unit = 'ab🇰🇷👩‍👩‍👧é😀';
    const line = unit.repeat(Math.ceil((BLOCK_MAX * 5) / unit.length));
    const text = `🙂 before\n${line}`;
    const layout = layoutText(text);
    const pieces = layout.paragraphs.filter((p) => p.line === 1);
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    const boundaries = graphemeBoundaries(line);
    const lineStart = layout.paragraphs.find((p) => p.line === 1)!.utf16;
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(BLOCK_MAX);
      expect(boundaries.has(p.utf16 - lineStart), `a cut at ${p.utf16 - lineStart}`).toBe(true);
    }
    expectFaithful(layout);
  });

  it('cutLine gives the cuts as UTF-16 indices into the text, after the line start', () => {
    const text = `x\n${'aaaa '.repeat(1000)}`;
    const cuts = cutLine(text, 2, text.length, undefined, 1000);
    expect(cuts.length).toBeGreaterThan(3);
    for (const [k, cut] of cuts.entries()) {
      expect(cut).toBeGreaterThan(k ? cuts[k - 1]! : 2);
      expect(text[cut - 1]).toBe(' ');
    }
  });

  it('finds the block of any offset, the seam between two blocks belonging to the later one', () => {
    const layout = layoutText('y'.repeat(BLOCK_MAX * 2 + 10));
    const [first, second, third] = layout.paragraphs;
    expect(paragraphAt(layout.paragraphs, 0)).toBe(0);
    expect(paragraphAt(layout.paragraphs, second!.start - 1)).toBe(0);
    expect(paragraphAt(layout.paragraphs, second!.start)).toBe(1);
    expect(paragraphAt(layout.paragraphs, third!.start + third!.length)).toBe(2);
    expect(first!.length + second!.length + third!.length).toBe(BLOCK_MAX * 2 + 10);
  });
});

describe('structure over blocks', () => {
  it('puts page dividers before the first block of the line a page starts on, after a long line', () => {
    const long = 'word '.repeat(1000).trim();
    const text = `${long}\nPage two.\nPage three.`;
    const cp = (s: string) => [...text.slice(0, text.indexOf(s))].length;
    const layout = layoutText(text, { pageStarts: [0, cp('Page two'), cp('Page three')] });
    const two = layout.paragraphs.findIndex((p) => p.text === 'Page two.');
    expect(two).toBeGreaterThan(1);
    expect(layout.breaks).toEqual([
      { before: two, label: 'Page 2' },
      { before: two + 1, label: 'Page 3' },
    ]);
    // The items interleave the dividers, and each block knows its item.
    expect(layout.items.map((item) => (item.kind === 'break' ? item.pageBreak.label : layout.paragraphs[item.paragraph]!.text.slice(0, 4)))).toEqual([
      ...layout.paragraphs.slice(0, two).map((p) => p.text.slice(0, 4)),
      'Page 2',
      'Page',
      'Page 3',
      'Page',
    ]);
    layout.paragraphs.forEach((_, i) => expect(layout.items[layout.itemOfParagraph[i]!]).toEqual({ kind: 'paragraph', paragraph: i }));
  });

  it('marks a heading on its first block, and draws the rest of a giant heading line alike', () => {
    const heading = 'H'.repeat(BLOCK_MAX + 50);
    const text = `Intro\n${heading}\nBody`;
    const layout = layoutText(text, { headings: [{ start: 6, level: 1 }] });
    const first = layout.paragraphs.findIndex((p) => p.line === 1);
    expect(layout.headings.get(first)).toBe(3);
    expect(layout.headings.has(first + 1)).toBe(false);
    expect(headingOf(layout, first + 1)).toBe(3);
    expect(headingOf(layout, first + 2)).toBeUndefined();
  });

  it('spaces a line from the line before it, but not after a blank line, a divider, or within a long line', () => {
    const long = 'z '.repeat(BLOCK_MAX);
    const text = `One\nTwo\n\nThree\n${long}\nFour`;
    const layout = layoutText(text, { pageStarts: [0, [...text.slice(0, text.indexOf('Four'))].length] });
    const spaced = layout.paragraphs.map((p, i) => [p.text.slice(0, 5), spacedBefore(layout, i)]);
    expect(spaced.slice(0, 4)).toEqual([
      ['One', false],
      ['Two', true],
      ['', false],
      ['Three', false],
    ]);
    expect(spaced[4]).toEqual(['z z z', true]);
    expect(spaced[5]![1]).toBe(false);
    // "Four" follows a page divider.
    expect(spaced.at(-1)).toEqual(['Four', false]);
  });
});
