// The structure the reader shows over a source's plain text: headings kept from the original and
// the page breaks of a paged original (PDF), placed on the text's lines, and page citations for
// excerpts. Pure. Never changes the text or its offsets: headings and breaks only decorate lines.
import type { Excerpt, Source } from '../../../notebook/common/model.js';
import { pageOf } from '../../../notebook/common/queries.js';
import type { Paragraph } from './text-layout.js';

/** A divider drawn before line `before` (the number of lines when it falls after the last one). */
export interface PageBreak {
  before: number;
  /** "Page 4", or "Pages 3–4" when page 3 has no text of its own. */
  label: string;
}

/** The index of the first line that starts at or after code point `at` (the number of lines if none does). */
function firstLineFrom(paragraphs: readonly Paragraph[], at: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "Page 7" for one page, "Pages 7–9" for a run of pages that begin at the same line. */
export function pageRangeLabel(first: number, last: number): string {
  return first === last ? `Page ${first}` : `Pages ${first}–${last}`;
}

/**
 * Where page n (n ≥ 2) begins: before the first line at or after pageStarts[n - 1]. Pages with no
 * text of their own (a scanned page, a blank page) begin at the same line as the next one and
 * share its divider, so no divider stands alone between two others.
 */
export function pageBreaks(paragraphs: readonly Paragraph[], pageStarts: readonly number[] | undefined): PageBreak[] {
  if (!pageStarts || pageStarts.length < 2) return [];
  const runs: { before: number; first: number; last: number }[] = [];
  for (let page = 2; page <= pageStarts.length; page++) {
    const before = firstLineFrom(paragraphs, pageStarts[page - 1]!);
    const run = runs.at(-1);
    if (run && run.before === before) run.last = page;
    else runs.push({ before, first: page, last: page });
  }
  return runs.map((r) => ({ before: r.before, label: pageRangeLabel(r.first, r.last) }));
}

/**
 * The ARIA level of each heading line, by line index. The reader's title is the level-2 heading,
 * so a document's level-1 heading is level 3 (2 + level, at most 6). A document that skips levels
 * (starts at its level 2, or goes from 1 to 3) is closed up: a heading sits one level below the
 * nearest heading before it of a higher document level, so the page's outline has no gaps (axe's
 * heading-order) and headings of one document level stay at one level. Blank lines are never headings.
 */
export function headingLevels(paragraphs: readonly Paragraph[], headings: Source['content']['headings']): Map<number, number> {
  const levels = new Map<number, number>();
  if (!headings?.length) return levels;
  // The open sections: each heading's document level and the level it was given.
  const open: { document: number; aria: number }[] = [];
  for (const h of [...headings].sort((a, b) => a.start - b.start)) {
    const line = firstLineFrom(paragraphs, h.start);
    const paragraph = paragraphs[line];
    if (!paragraph || paragraph.start !== h.start || !paragraph.text.trim() || levels.has(line)) continue;
    while (open.length && open.at(-1)!.document >= h.level) open.pop();
    const level = Math.min(6, 2 + h.level, (open.at(-1)?.aria ?? 2) + 1);
    levels.set(line, level);
    open.push({ document: h.level, aria: level });
  }
  return levels;
}

/** How many pages a paged source has; undefined for a source without pages. */
export function pageCount(source: Source): number | undefined {
  return source.content.pageStarts?.length || undefined;
}

/** The citation of an excerpt of a paged source, "p. 12" or "pp. 12–13"; "" for an unpaged source. */
export function excerptPages(source: Source | undefined, excerpt: Excerpt): string {
  if (!source) return '';
  const { start, end } = excerpt.selectors.position;
  const first = pageOf(source, start);
  if (first === undefined) return '';
  const last = pageOf(source, Math.max(start, end - 1)) ?? first;
  return last === first ? `p. ${first}` : `pp. ${first}–${last}`;
}
