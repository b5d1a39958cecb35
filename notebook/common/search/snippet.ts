// Cuts the piece of a matching field that a search hit shows, with the matching words marked.
// Runs anywhere; never cuts a surrogate pair in two (an emoji split in half shows as garbage).
import type { Snippet } from './query.js';
import { hashTerm, plainTermPattern, samePlain, scanRuns, scanStart, type Word } from './words.js';

/** How long a snippet is, in UTF-16 units: about two lines of a results list. */
export const SNIPPET_LENGTH = 160;
/** How much of the text before the first match the snippet keeps, so the match is read in context. */
const LEAD = 50;
/** How far a cut moves to land on white space rather than inside a word. */
const SNAP = 20;

export interface CutSnippet {
  snippet: Snippet;
  /** The first matching word in the whole text (UTF-16), or null when no word matched. */
  first: { start: number; end: number } | null;
}

/** Terms to mark, ready for cutSnippet: made once per search, used for each of its hits. */
export interface TermMatcher {
  terms: ReadonlySet<string>;
  /** The terms by their hash (hashTerm), so a plain word is compared by number first. */
  byHash: ReadonlyMap<number, readonly string[]>;
  /**
   * The same hashes, sorted: looked up for every word of a snippet's text, where a Map is slow (a
   * 32-bit hash is mostly not a small integer to V8, so each look-up hashes a heap number).
   */
  hashes: Int32Array;
  /**
   * The terms of ASCII letters and digits, as one RegExp (see scanStart), so a snippet's scan
   * starts at the word of the first match, not at the text's beginning; null when there are none.
   */
  find: RegExp | null;
  /** Too many terms for `find` (a short prefix's): the scan reads every word from the beginning. */
  scanAll: boolean;
}

/** More ASCII terms than this are not made into a RegExp: an alternation of hundreds is slow to run. */
const MAX_REGEXP_TERMS = 64;

export function termMatcher(terms: Iterable<string>): TermMatcher {
  const set = new Set(terms);
  const byHash = new Map<number, string[]>();
  for (const term of set) {
    const h = hashTerm(term);
    const same = byHash.get(h);
    if (same) same.push(term);
    else byHash.set(h, [term]);
  }
  const patterns = [...set].flatMap((t) => plainTermPattern(t) ?? []);
  const scanAll = patterns.length > MAX_REGEXP_TERMS;
  return {
    terms: set,
    byHash,
    hashes: Int32Array.from(byHash.keys()).sort(),
    find: patterns.length && !scanAll ? new RegExp(patterns.join('|'), 'g') : null,
    scanAll,
  };
}

/** Whether sorted `hashes` holds `hash`: looked through when few (a search's words), halved when many (a prefix's terms). */
function hasHash(hashes: Int32Array, hash: number): boolean {
  if (hashes.length <= 8) {
    for (let i = 0; i < hashes.length; i++) if (hashes[i] === hash) return true;
    return false;
  }
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const h = hashes[mid]!;
    if (h === hash) return true;
    if (h < hash) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * The snippet of text around its first word whose term is in `terms`, marking every such word in
 * it. With no matching word (or no terms), the text's beginning, unmarked. White space shows as
 * single spaces (a line break in a results list would break the layout); offsets stay the same.
 */
export function cutSnippet(text: string, terms: ReadonlySet<string> | TermMatcher, length = SNIPPET_LENGTH): CutSnippet {
  const { terms: wanted, byHash, hashes, find, scanAll } = terms instanceof Set ? termMatcher(terms) : (terms as TermMatcher);
  // The words are read only as far as they can matter: to the end of the snippet around the first
  // match; and a plain word (see scanRuns) is compared by its hash, its term made only when it
  // matches. A search shows a snippet for each of up to hundreds of hits, in texts of a thousand words.
  const matches: Word[] = [];
  let shownEnd = Infinity;
  const found = (start: number, end: number, term: string): boolean => {
    if (start >= shownEnd) return true;
    const word = { start, end, term };
    if (!matches.length) shownEnd = shownOf(text, word, length).end;
    matches.push(word);
    return false;
  };
  if (wanted.size) {
    scanRuns(
      text,
      scanAll ? 0 : scanStart(text, find),
      (start, end, kind, hash) => {
        if (start >= shownEnd) return true;
        if (!hasHash(hashes, hash)) return false;
        const candidates = byHash.get(hash);
        const term = candidates?.find((t) => samePlain(text, start, end, kind, t));
        return term !== undefined && found(start, end, term);
      },
      (start, end, term) => (start >= shownEnd ? true : wanted.has(term) && found(start, end, term)),
    );
  }
  const first = matches[0] ?? null;
  const { start, end } = shownOf(text, first, length);
  const marks: [number, number][] = [];
  for (const m of matches) {
    if (m.start < start || m.end > end) continue;
    const last = marks.at(-1);
    // Pairs of an unspaced script overlap (俄罗, 罗斯): one mark covers them.
    if (last && m.start - start <= last[1]) last[1] = Math.max(last[1], m.end - start);
    else marks.push([m.start - start, m.end - start]);
  }
  return {
    snippet: {
      text: text.slice(start, end).replace(/\s/g, ' '),
      marks,
      cutStart: /\S/.test(text.slice(0, start)),
      cutEnd: /\S/.test(text.slice(end)),
    },
    first: first ? { start: first.start, end: first.end } : null,
  };
}

/** The stretch of text a snippet shows: around `first` (or from the beginning), trimmed, cut at white space where it can be. */
function shownOf(text: string, first: Word | null, length: number): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    start = first ? Math.min(Math.max(first.start - LEAD, 0), text.length - length) : 0;
    end = start + length;
    if (start > 0) start = snapForward(text, start, first ? first.start : start + SNAP);
    if (end < text.length) end = snapBack(text, end, first ? first.end : end - SNAP);
  }
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start: pairSafe(text, start, -1), end: pairSafe(text, end, +1) };
}

/** Moves a snippet's start up to just after white space within SNAP units, but never past `limit`. */
function snapForward(text: string, at: number, limit: number): number {
  for (let i = at; i < Math.min(at + SNAP, limit); i++) if (/\s/.test(text[i]!)) return i + 1;
  return at;
}

/** Moves a snippet's end back to white space within SNAP units, but never before `limit`. */
function snapBack(text: string, at: number, limit: number): number {
  for (let i = at; i > Math.max(at - SNAP, limit); i--) if (/\s/.test(text[i - 1]!)) return i - 1;
  return at;
}

/** An index that does not fall between the halves of a surrogate pair: moved out of the pair in `direction`. */
function pairSafe(text: string, at: number, direction: -1 | 1): number {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  const inside = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  return inside ? at + direction : at;
}
