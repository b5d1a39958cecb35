// @vitest-environment jsdom
// Where the analyst was in each source: stored per notebook and source, read back only when it is
// a whole number within the text, and never an error when storage fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodePosition, encodePosition, positionKey, recallPosition, rememberPosition } from '../../../renderer/src/reader/position-memory.js';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('encoding a position', () => {
  it('stores the code point as a whole number and reads it back', () => {
    expect(encodePosition(1234.7)).toBe('1234');
    expect(decodePosition(encodePosition(1234), 5000)).toBe(1234);
    expect(decodePosition('0', 10)).toBe(0);
  });

  it('refuses anything else: beyond the text, negative, fractional, not a number, missing', () => {
    for (const stored of ['5001', '-3', '12.5', 'abc', '1e3', '', null, undefined, '12345678901234567890']) {
      expect(decodePosition(stored, 5000), String(stored)).toBeNull();
    }
  });
});

describe('remembering per notebook and source', () => {
  it('keeps one position per notebook and source, under corroborate.position.<notebook>.<source>', () => {
    rememberPosition('nb1', 'src1', 420);
    rememberPosition('nb1', 'src2', 77);
    rememberPosition('nb2', 'src1', 9);
    expect(localStorage.getItem('corroborate.position.nb1.src1')).toBe('420');
    expect(positionKey('nb1', 'src2')).toBe('corroborate.position.nb1.src2');
    expect(recallPosition('nb1', 'src1', 1000)).toBe(420);
    expect(recallPosition('nb1', 'src2', 1000)).toBe(77);
    expect(recallPosition('nb2', 'src1', 1000)).toBe(9);
    expect(recallPosition('nb2', 'src2', 1000)).toBeNull();
    // A source whose text is now shorter (another notebook with the same ids, a hand edit) opens at its start.
    expect(recallPosition('nb1', 'src1', 100)).toBeNull();
  });

  it('leaves nothing behind for the start of a source', () => {
    rememberPosition('nb', 'src', 50);
    rememberPosition('nb', 'src', 0);
    expect(localStorage.getItem(positionKey('nb', 'src'))).toBeNull();
  });

  it('ignores storage that refuses to write or read', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => rememberPosition('nb', 'src', 10)).not.toThrow();
    expect(recallPosition('nb', 'src', 100)).toBeNull();
  });
});
