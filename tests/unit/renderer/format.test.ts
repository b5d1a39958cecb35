import { describe, expect, it } from 'vitest';
import { formatCount, plural } from '../../../renderer/src/ui/format.js';

describe('counts as the analyst reads them', () => {
  it('separates thousands with commas, whatever the size', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(40000)).toBe('40,000');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('says one thing or many, with the count grouped', () => {
    expect(plural(1, 'claim')).toBe('1 claim');
    expect(plural(0, 'claim')).toBe('0 claims');
    expect(plural(10000, 'source')).toBe('10,000 sources');
    expect(plural(2, 'hypothesis', 'hypotheses')).toBe('2 hypotheses');
  });
});
