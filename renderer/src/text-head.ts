// The first whole lines of a text from its first bytes, so a long source's first screen can be
// shown while the rest still arrives. Pure; never returns a cut line or a cut character.

/** About this much of a text is enough for its first screens. */
export const HEAD_BYTES = 64 * 1024;

/**
 * The text of `bytes` (the start of a UTF-8 text, possibly cut inside a character) up to its
 * last line break, without that break; "" when the bytes hold no whole line (the first line is
 * longer than they are), since a cut line would be laid out differently from the whole one.
 * A BOM at the start is dropped, as decoding the whole text drops it.
 */
export function headOfText(bytes: Uint8Array): string {
  const newline = bytes.lastIndexOf(0x0a);
  if (newline <= 0) return '';
  // The bytes before a line break end on a whole character: 0x0a is never part of a multi-byte one.
  return new TextDecoder('utf-8').decode(bytes.subarray(0, newline));
}
