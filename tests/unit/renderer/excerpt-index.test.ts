// The excerpts by block: which touch a run of rendered blocks (each once, wide ones too), and which
// cover a code point, innermost first, as the hover list and a click in the text need them.
import { describe, expect, it } from 'vitest';
import { excerptsAt, excerptsInBlocks, indexExcerpts, WIDE_BLOCKS, type Placed } from '../../../renderer/src/reader/excerpt-index.js';
import { layoutText } from '../../../renderer/src/reader/text-layout.js';

// Forty lines of ten characters: line i starts at code point 11 * i.
const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(2, '0')} ok`);
const layout = layoutText(lines.join('\n'));
const at = (line: number, column = 0) => 11 * line + column;

function excerpt(id: string, start: number, end: number, createdAt = '2024-01-01T00:00:00.000Z'): Placed {
  return { id, createdAt, selectors: { position: { start, end } } };
}

describe('excerptsInBlocks', () => {
  it('gives the excerpts touching the blocks, each once, in the order given', () => {
    const list = [
      excerpt('a', at(0), at(0, 5)),
      excerpt('b', at(2, 3), at(5, 2)),
      excerpt('c', at(4), at(4, 9)),
      excerpt('d', at(9), at(10)),
    ];
    const index = indexExcerpts(layout.paragraphs, list);
    expect(excerptsInBlocks(index, 3, 4).map((e) => e.id)).toEqual(['b', 'c']);
    expect(excerptsInBlocks(index, 0, 2).map((e) => e.id)).toEqual(['a', 'b']);
    // "d" ends where line 10 starts: it does not touch line 10.
    expect(excerptsInBlocks(index, 10, 12).map((e) => e.id)).toEqual([]);
    expect(excerptsInBlocks(index, 9, 9).map((e) => e.id)).toEqual(['d']);
  });

  it('keeps an excerpt over more than WIDE_BLOCKS blocks out of the per-block lists, and still finds it', () => {
    const many = layoutText(Array.from({ length: WIDE_BLOCKS * 3 }, (_, i) => `l${i}`).join('\n'));
    const wide = excerpt('wide', 0, many.paragraphs[WIDE_BLOCKS * 2]!.start + 1);
    const small = excerpt('small', many.paragraphs[5]!.start, many.paragraphs[5]!.start + 2);
    const index = indexExcerpts(many.paragraphs, [wide, small]);
    expect(index.wide).toEqual([0]);
    expect(index.byBlock.filter(Boolean)).toHaveLength(1);
    expect(excerptsInBlocks(index, 4, 6).map((e) => e.id)).toEqual(['wide', 'small']);
    expect(excerptsInBlocks(index, WIDE_BLOCKS * 2 + 1, WIDE_BLOCKS * 2 + 3).map((e) => e.id)).toEqual([]);
    expect(excerptsAt(index, many.paragraphs[WIDE_BLOCKS]!.start).map((e) => e.id)).toEqual(['wide']);
  });
});

describe('excerptsAt', () => {
  const list = [
    excerpt('long', at(1), at(3)),
    excerpt('short', at(2, 3), at(2, 6)),
    excerpt('older-same', at(2, 4), at(2, 8), '2024-01-01T00:00:00.000Z'),
    excerpt('newer-same', at(2, 4), at(2, 8), '2024-02-01T00:00:00.000Z'),
  ];
  const index = indexExcerpts(layout.paragraphs, list);

  it('lists what covers a code point, the shortest first, then the newest', () => {
    expect(excerptsAt(index, at(2, 5)).map((e) => e.id)).toEqual(['short', 'newer-same', 'older-same', 'long']);
    expect(excerptsAt(index, at(1, 1)).map((e) => e.id)).toEqual(['long']);
  });

  it('counts the start in and the end out', () => {
    expect(excerptsAt(index, at(2, 3)).map((e) => e.id)).toEqual(['short', 'long']);
    expect(excerptsAt(index, at(2, 6)).map((e) => e.id)).toEqual(['newer-same', 'older-same', 'long']);
    expect(excerptsAt(index, at(3)).map((e) => e.id)).toEqual([]);
    expect(excerptsAt(indexExcerpts([], list), 0)).toEqual([]);
  });
});
