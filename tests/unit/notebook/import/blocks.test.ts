import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../../../notebook/common/text.js';
import { TextBuilder } from '../../../../notebook/node/import/blocks.js';

describe('TextBuilder', () => {
  it('joins blocks with blank lines and records headings and page starts in code points', () => {
    const b = new TextBuilder();
    b.page();
    b.heading('  Arms  transfers 🚢 ', 1);
    b.paragraph('Officials   said\nthousands of containers.');
    b.page();
    b.paragraph('   ');
    b.paragraph('Second page.');
    b.page(); // an empty last page
    const built = b.build();
    expect(built.text).toBe('Arms transfers 🚢\n\nOfficials said thousands of containers.\n\nSecond page.');
    expect(built.headings).toEqual([{ start: 0, level: 1 }]);
    expect(built.pageStarts).toHaveLength(3);
    expect(sliceCodePoints(built.text, built.pageStarts[1]!, built.pageStarts[1]! + 12)).toBe('Second page.');
    expect(built.pageStarts[2]).toBe([...built.text].length);
  });

  it('keeps line breaks where asked', () => {
    const b = new TextBuilder();
    b.paragraph('line one  \n  line two\n\n\n\nline three', { keepLines: true });
    expect(b.build().text).toBe('line one\nline two\n\nline three');
  });
});
