import { describe, expect, it } from 'vitest';
import { headOfText } from '../../../renderer/src/text-head.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('headOfText (the first lines shown while a long text arrives)', () => {
  it('keeps whole lines only, never the line cut at the end of the bytes', () => {
    expect(headOfText(bytes('First line.\nSecond line.\nThird li'))).toBe('First line.\nSecond line.');
  });

  it('never shows a character cut in the middle of its bytes', () => {
    const all = bytes('Séoul — 서울\n평양 은');
    // Cut inside the last Korean syllable (3 bytes in UTF-8).
    const cut = all.subarray(0, all.length - 1);
    const head = headOfText(cut);
    expect(head).toBe('Séoul — 서울');
    expect(head).not.toContain('\uFFFD');
  });

  it('shows nothing when the bytes hold no whole line', () => {
    expect(headOfText(bytes('one very long first line without a break'))).toBe('');
    expect(headOfText(bytes('\nstarts with a break'))).toBe('');
  });

  it('drops a byte-order mark, as decoding the whole text does', () => {
    expect(headOfText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Title\nBody')]))).toBe('Title');
  });
});
