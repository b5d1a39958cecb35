// The reader's text layout: paragraph offsets in code points, trimming a selection, and the
// stretches where excerpts overlap (painted darker).
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../../notebook/common/text.js';
import { layoutText, overlaps, paragraphAt, trimRange } from '../../../renderer/src/reader/text-layout.js';

describe('layoutText', () => {
  it('gives each line its code-point start, counting astral characters once', () => {
    const text = 'Flag 🇰🇵 first\n\nÇa va 👩‍👩‍👧 ok\nlast';
    const layout = layoutText(text);
    expect(layout.paragraphs.map((p) => p.text)).toEqual(['Flag 🇰🇵 first', '', 'Ça va 👩‍👩‍👧 ok', 'last']);
    for (const p of layout.paragraphs) {
      expect(sliceCodePoints(text, p.start, p.start + p.length)).toBe(p.text);
      expect(text.slice(p.utf16, p.utf16 + p.text.length)).toBe(p.text);
    }
    expect(paragraphAt(layout.paragraphs, layout.paragraphs[2]!.start + 3)).toBe(2);
    expect(paragraphAt(layout.paragraphs, 0)).toBe(0);
  });
});

describe('trimRange', () => {
  it('drops white space and line breaks at either end of a selection', () => {
    const layout = layoutText('one 🙂 two\n  three  \nfour');
    const all = { start: 0, end: [...layout.text].length };
    const trimmed = trimRange(layout, { start: 9, end: 20 })!;
    expect(sliceCodePoints(layout.text, trimmed.start, trimmed.end)).toBe('three');
    expect(trimRange(layout, all)).toEqual(all);
  });

  it('gives nothing for a selection of only white space', () => {
    expect(trimRange(layoutText('a \n\n b'), { start: 1, end: 5 })).toBeNull();
  });
});

describe('overlaps', () => {
  it('finds stretches covered twice or more, and not ranges that only touch', () => {
    expect(overlaps([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 15, end: 20 }, { start: 7, end: 8 }])).toEqual([{ start: 5, end: 10 }]);
    expect(overlaps([{ start: 0, end: 5 }, { start: 5, end: 9 }])).toEqual([]);
  });
});
