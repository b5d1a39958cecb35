// Splits a source's text into sentences, as UTF-16 ranges of the text itself, so every excerpt the
// suggester proposes is a real slice of the text. Pure and linear in the text; runs anywhere.
// Never splits inside a quotation that the sentence goes on after ("… good faith. The other side
// did not," he said.), after a title ("Dr."), an initial ("J.") or an abbreviation ("U.S.") that is
// followed by more of the same sentence.

export interface Sentence {
  /** UTF-16 index of the first character (not whitespace). */
  start: number;
  /** UTF-16 index just past the last character (not whitespace). */
  end: number;
  /** Which paragraph (blank-line-separated block) it is in, from 0. */
  paragraph: number;
}

/** Written before a name: a full stop after them never ends a sentence. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'capt', 'maj', 'sgt', 'adm', 'rev', 'gov', 'sen', 'rep', 'hon', 'st', 'mt', 'ft', 'no', 'nos', 'vs', 'v', 'cf', 'pp', 'fig', 'art']);

/** Abbreviations that may end a sentence too; they end one only before a word that usually starts one. */
const ABBREVIATIONS = new Set(['inc', 'ltd', 'co', 'corp', 'plc', 'jr', 'sr', 'etc', 'e.g', 'i.e', 'approx', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'a.m', 'p.m', 'ave', 'blvd', 'dept', 'govt']);

/** Words that start sentences: after an abbreviation ("… to the U.S. The ministry said …") they mean a new one. */
const STARTERS = new Set(['the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'in', 'on', 'at', 'but', 'and', 'this', 'that', 'these', 'those', 'there', 'his', 'her', 'their', 'its', 'according', 'officials', 'however', 'meanwhile', 'earlier', 'later']);

/** A heading or a short line: a line break after it ends the sentence even without a full stop. */
const SHORT_LINE = 60;

const isSpace = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  // ASCII first: this runs for every character of a long source.
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
};
const OPEN_QUOTES = new Set(['"', '“', '«', '„']);
const CLOSERS = /["”’'»)\]]/;

/**
 * The sentences of text, in order. Paragraphs are separated by blank lines; a single line break
 * ends a sentence after terminal punctuation or a short line (a heading), and is otherwise read as
 * a space (text wrapped by hand or by a PDF).
 *
 * @example
 *   splitSentences('Kim said so. She added more.').length // 2
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  // Paragraphs first: a blank line always ends a sentence.
  const blocks = /\n[ \t\r\f\v]*\n\s*/g;
  let at = 0;
  const emit = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && isSpace(text[a])) a++;
    while (b > a && isSpace(text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b, paragraph });
  };
  const paragraphOf = (from: number, to: number) => {
    splitParagraph(text, from, to, emit);
    paragraph++;
  };
  for (let m = blocks.exec(text); m; m = blocks.exec(text)) {
    if (m.index > at) paragraphOf(at, m.index);
    at = m.index + m[0].length;
  }
  if (at < text.length) paragraphOf(at, text.length);
  return out;
}

/**
 * A news dateline opening a paragraph: the city in capitals, then a date or an agency, then a
 * dash ("SEOUL, Jan. 5 (Wire) - ", "GENEVA, May 3 — ", "KYIV (Wire) -- "). Not part of the
 * sentence it precedes: an excerpt starts after it.
 */
const DATELINE = /^\p{Lu}[\p{Lu}\p{M}'’.]+(?:[ -]\p{Lu}[\p{Lu}\p{M}'’.]+)*(?:,[^\n—–]{1,40}?|\s*\([^()\n]{1,30}\))?\s+(?:--?|—|–)\s+(?=\S)/u;

/** How many characters of a dateline open the text at `from` (0 when none). */
export function datelineLength(text: string, from: number): number {
  const m = DATELINE.exec(text.slice(from, from + 120));
  return m ? m[0].length : 0;
}

function splitParagraph(text: string, from: number, to: number, emit: (a: number, b: number) => void): void {
  let start = from + datelineLength(text, from);
  let quoteOpen = false;
  for (let i = start; i < to; i++) {
    const c = text[i] as string;
    if (c === '“' || c === '«' || c === '„') quoteOpen = true;
    else if (c === '”' || c === '»') quoteOpen = false;
    else if (c === '"') quoteOpen = !quoteOpen;

    if (c === '\n') {
      const line = text.slice(text.lastIndexOf('\n', i - 1) + 1, i).trim();
      const last = line.at(-1) ?? '';
      if (/[.!?:"”’)\]]/.test(last) || line.length < SHORT_LINE || /^\s*[-*•\d]/.test(text.slice(i + 1, i + 4))) {
        emit(start, i);
        start = i + 1 + datelineLength(text, i + 1);
        i = start - 1;
        quoteOpen = false;
      }
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;

    // The end of the sentence takes closing quotes and brackets with it.
    let j = i + 1;
    while (j < to && CLOSERS.test(text[j] as string)) j++;
    if (j < to && !isSpace(text[j])) continue; // "4.2", "U.S.-led", "…" inside a word
    let k = j;
    while (k < to && isSpace(text[k]) && text[k] !== '\n') k++;
    if (k >= to) continue; // the paragraph's end is the sentence's end
    if (text[k] === '\n') continue; // the line break decides (above)
    const next = text[k] as string;
    if (!/[\p{Lu}\p{N}"“«„'‘([]/u.test(next)) continue; // "e.g. a …", lower case goes on

    if (c === '.') {
      const word = wordBefore(text, i, from);
      const lower = word.toLowerCase();
      const nextWord = wordAt(text, k).toLowerCase();
      if (TITLES.has(lower)) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: "J. Smith"
      const dotted = /^(?:\p{L}\.)+\p{L}$/u.test(word); // "U.S", "a.m"
      if ((dotted || ABBREVIATIONS.has(lower)) && !STARTERS.has(nextWord)) continue;
    }
    // Inside a quotation that closes with a comma, the sentence goes on to its attribution.
    if (quoteOpen && !CLOSERS.test(text[i + 1] ?? '') && quotationContinues(text, j, to)) continue;
    emit(start, j);
    start = j;
    if (/["”»]/.test(text.slice(i + 1, j))) quoteOpen = false;
    i = j - 1;
  }
  emit(start, to);
}

/** The word (letters and inner dots) just before index i. */
function wordBefore(text: string, i: number, from: number): string {
  let a = i;
  while (a > from && /[\p{L}\p{N}.]/u.test(text[a - 1] as string)) a--;
  return text.slice(a, i).replace(/^\.+/, '');
}

function wordAt(text: string, k: number): string {
  const m = /^[\p{L}\p{N}]+/u.exec(text.slice(k, k + 40).replace(/^["“«„'‘([]+/, ''));
  return m ? m[0] : '';
}

/** Whether the quotation open at index i closes, later in the paragraph, with a comma before its mark (`…," he said`). */
function quotationContinues(text: string, i: number, to: number): boolean {
  for (let q = i; q < to; q++) {
    const c = text[q];
    if (c === '"' || c === '”' || c === '»') {
      const before = text[q - 1];
      return before === ',' || before === '—' || before === '–' || before === '-';
    }
    if (c === '\n') return false;
  }
  return false;
}

/** Whether a character opens a quotation. */
export const isOpenQuote = (c: string | undefined): boolean => c !== undefined && OPEN_QUOTES.has(c);
