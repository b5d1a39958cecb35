// Cuts a source's text into passages, the pieces the search indexes and answers with, so a hit in a
// 1 MB source names the place to open, not just the source. Runs anywhere; never cuts a word, a
// line that fits, or a surrogate pair in two when it can avoid it.
//
// Each passage is 500–1,500 UTF-16 units where the text allows: a cut goes at the last paragraph
// break (a blank line) in that window, else the last line break, else the last sentence end, else
// the last white space, and only in a text with none of these (a 1,500-letter word) at the window's
// end. Passages do not overlap, so words on either side of a cut are in different passages: a
// search for both finds neither. Cutting at paragraphs first makes that rare: an analyst's words
// usually sit in one paragraph.

/** Shortest a passage is made when the text goes on (UTF-16 units). */
export const PASSAGE_MIN = 500;
/** Longest a passage is made (UTF-16 units). */
export const PASSAGE_MAX = 1500;

/** A passage: [start, end) in UTF-16 units of the text, trimmed of white space at either end. */
export interface PassageSpan {
  start: number;
  end: number;
}

/** The passages of text, in order; a text of white space only has none. */
export function cutPassages(text: string): PassageSpan[] {
  const spans: PassageSpan[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.length - at;
    const end = rest <= PASSAGE_MAX ? text.length : cutPoint(text, at);
    pushTrimmed(spans, text, at, end);
    at = end;
  }
  return spans;
}

/** Where to end the passage that starts at `from`, in a text that goes on past from + PASSAGE_MAX. */
function cutPoint(text: string, from: number): number {
  const window = text.slice(from + PASSAGE_MIN, from + PASSAGE_MAX);
  const base = from + PASSAGE_MIN;
  for (const boundary of [/\n[ \t]*\n/g, /\n/g, /[.!?。！？][)"'”’]*\s/g, /\s/g]) {
    let last = -1;
    for (const m of window.matchAll(boundary)) last = m.index + m[0].length;
    if (last > 0) return base + last;
  }
  // No boundary at all: cut at the window's end, but not between the halves of a surrogate pair.
  const end = from + PASSAGE_MAX;
  const high = text.charCodeAt(end - 1);
  return high >= 0xd800 && high <= 0xdbff ? end - 1 : end;
}

function pushTrimmed(spans: PassageSpan[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) spans.push({ start: s, end: e });
}
