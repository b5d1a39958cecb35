// The reader's structure over plain text: page dividers before the line a page starts on (empty
// pages sharing the next one's), heading levels under the title without gaps, page citations.
import { describe, expect, it } from 'vitest';
import type { Excerpt, Source } from '../../../notebook/common/model.js';
import { excerptPages, headingLevels, pageBreaks, pageCount, pageRangeLabel } from '../../../renderer/src/reader/structure.js';
import { layoutText } from '../../../renderer/src/reader/text-layout.js';

// Three pages as TextBuilder joins them: blocks apart by a blank line.
const TEXT = 'Page one text.\n\nMore on one.\n\nPage two text.\n\nPage three text.';
const lines = layoutText(TEXT).paragraphs; // 0 "Page one text." 1 "" 2 "More on one." 3 "" 4 "Page two text." 5 "" 6 "Page three text."
const start = (s: string) => [...TEXT.slice(0, TEXT.indexOf(s))].length;

describe('pageBreaks', () => {
  it('puts a divider before the first line of each page after the first', () => {
    expect(pageBreaks(lines, [0, start('Page two'), start('Page three')])).toEqual([
      { before: 4, label: 'Page 2' },
      { before: 6, label: 'Page 3' },
    ]);
  });

  it('gives pages without text one divider with the next page ("Pages 2–3"), and trailing empty pages one at the end', () => {
    expect(pageBreaks(lines, [0, start('Page two'), start('Page two'), start('Page three')])).toEqual([
      { before: 4, label: 'Pages 2–3' },
      { before: 6, label: 'Page 4' },
    ]);
    const end = [...TEXT].length;
    expect(pageBreaks(lines, [0, start('Page three'), end, end])).toEqual([
      { before: 6, label: 'Page 2' },
      { before: 7, label: 'Pages 3–4' },
    ]);
  });

  it('has no divider for an unpaged or one-page source', () => {
    expect(pageBreaks(lines, undefined)).toEqual([]);
    expect(pageBreaks(lines, [0])).toEqual([]);
    expect(pageRangeLabel(12, 12)).toBe('Page 12');
  });
});

describe('headingLevels', () => {
  const doc = 'Title\n\nIntro\n\nPart\n\nDetail\n\nNext';
  const paragraphs = layoutText(doc).paragraphs;
  const at = (s: string) => doc.indexOf(s);

  it('puts the document’s level 1 at ARIA level 3, under the reader’s title (level 2)', () => {
    const levels = headingLevels(paragraphs, [
      { start: at('Title'), level: 1 },
      { start: at('Part'), level: 2 },
      { start: at('Next'), level: 1 },
    ]);
    expect([...levels]).toEqual([
      [0, 3],
      [4, 4],
      [8, 3],
    ]);
  });

  it('never skips a level: a document starting at level 2, or jumping from 1 to 4, steps one deeper at most; 6 is the deepest', () => {
    expect([...headingLevels(paragraphs, [{ start: at('Title'), level: 2 }])]).toEqual([[0, 3]]);
    const siblings = headingLevels(paragraphs, [
      { start: at('Title'), level: 2 },
      { start: at('Part'), level: 2 },
      { start: at('Detail'), level: 4 },
      { start: at('Next'), level: 3 },
    ]);
    expect([...siblings.values()]).toEqual([3, 3, 4, 4]);
    const deep = headingLevels(paragraphs, [
      { start: at('Title'), level: 1 },
      { start: at('Part'), level: 4 },
      { start: at('Detail'), level: 5 },
      { start: at('Next'), level: 6 },
    ]);
    expect([...deep.values()]).toEqual([3, 4, 5, 6]);
  });

  it('ignores a heading that does not start a line with text', () => {
    expect(headingLevels(paragraphs, [{ start: at('Title') + 1, level: 1 }]).size).toBe(0);
    expect(headingLevels(paragraphs, [{ start: at('Intro') - 1, level: 1 }]).size).toBe(0);
  });
});

describe('page citations', () => {
  const source = (pageStarts?: number[]) => ({ content: { pageStarts } }) as unknown as Source;
  const excerpt = (s: number, e: number) => ({ selectors: { position: { start: s, end: e } } }) as unknown as Excerpt;

  it('cites the page, or the pages an excerpt runs over; nothing for unpaged sources', () => {
    const paged = source([0, 100, 250]);
    expect(excerptPages(paged, excerpt(10, 40))).toBe('p. 1');
    expect(excerptPages(paged, excerpt(120, 250))).toBe('p. 2');
    expect(excerptPages(paged, excerpt(260, 270))).toBe('p. 3');
    expect(excerptPages(paged, excerpt(90, 260))).toBe('pp. 1–3');
    expect(excerptPages(source(undefined), excerpt(10, 40))).toBe('');
    expect(excerptPages(undefined, excerpt(10, 40))).toBe('');
  });

  it('counts pages of paged sources only', () => {
    expect(pageCount(source([0, 100, 250]))).toBe(3);
    expect(pageCount(source(undefined))).toBeUndefined();
  });
});
