import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutPassages, PASSAGE_MAX } from '../../../../notebook/common/search/passages.js';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

describe('cutPassages', () => {
  it('keeps a short text whole, trimmed', () => {
    expect(cutPassages('  One paragraph.\n\n')).toEqual([{ start: 2, end: 16 }]);
    expect(cutPassages(' \n\n ')).toEqual([]);
  });

  it('cuts at a blank line rather than inside a paragraph', () => {
    const a = `${'Word '.repeat(120)}first paragraph ends here.`;
    const b = 'Second paragraph. '.repeat(60);
    const text = `${a}\n\n${b}`;
    const spans = cutPassages(text);
    expect(spans[0]).toEqual({ start: 0, end: a.length });
    expect(spans[1]!.start).toBe(a.length + 2);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(PASSAGE_MAX);
  });

  it('prefers a paragraph break to a line break, and a line break to a sentence end', () => {
    const line = 'A line of a table, 40 characters long.\n';
    const text = `${line.repeat(20)}\n${line.repeat(40)}`;
    const first = cutPassages(text)[0]!;
    expect(first.end).toBe(line.length * 20 - 1);
  });

  it('covers every word exactly once, in order, within the bounds, never splitting a surrogate pair', () => {
    const piece = fc.constantFrom('word ', 'longerword ', '🙂', '\n', '\n\n', '. ', 'x'.repeat(300), '한국어 ', '\t');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), (pieces) => {
        const text = pieces.join('');
        const spans = cutPassages(text);
        let at = 0;
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(at);
          expect(text.slice(at, s.start).trim()).toBe('');
          expect(s.end - s.start).toBeLessThanOrEqual(PASSAGE_MAX);
          expect(isHigh(text.charCodeAt(s.end - 1))).toBe(false);
          at = s.end;
        }
        expect(text.slice(at).trim()).toBe('');
      }),
      { numRuns: 200 },
    );
  });
});
