// Builds a source's normalised text from the blocks an extractor finds (headings, paragraphs,
// page breaks), keeping the offsets that the model records: headings and page starts in code points.
// Never keeps markup: what it is given is plain text.
import { codePointLength, normaliseText } from '../../common/text.js';

export interface BuiltText {
  text: string;
  headings: { start: number; level: number }[];
  pageStarts: number[];
}

/**
 * Blocks are joined by a blank line ("\n\n"), so paragraphs stay paragraphs in the reader.
 * White space inside a block is collapsed to single spaces unless `keepLines` is set (poetry,
 * addresses, preformatted text), where line breaks survive.
 */
export class TextBuilder {
  private parts: string[] = [];
  private length = 0; // code points so far
  private readonly headings: { start: number; level: number }[] = [];
  private readonly pageStarts: number[] = [];

  paragraph(text: string, options: { keepLines?: boolean } = {}): void {
    this.block(text, options.keepLines ?? false);
  }

  heading(text: string, level: number): void {
    const start = this.block(text, false);
    if (start !== undefined) this.headings.push({ start, level: Math.min(6, Math.max(1, Math.round(level))) });
  }

  /** The next block begins a new page (PDF). Call once per page, before its first block, even when the page is empty. */
  page(): void {
    this.pageStarts.push(this.parts.length ? this.length + 2 : 0);
  }

  build(): BuiltText {
    const text = this.parts.join('\n\n');
    // Page starts past the end (trailing empty pages) are clamped to the end of the text.
    const end = this.length;
    return { text, headings: this.headings, pageStarts: this.pageStarts.map((p) => Math.min(p, end)) };
  }

  private block(raw: string, keepLines: boolean): number | undefined {
    const clean = keepLines
      ? normaliseText(raw)
          .split('\n')
          .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
          .join('\n')
          .replace(/\n{3,}/g, '\n\n')
          .trim()
      : normaliseText(raw).replace(/\s+/g, ' ').trim();
    if (!clean) return undefined;
    const start = this.parts.length ? this.length + 2 : 0;
    this.parts.push(clean);
    this.length = start + codePointLength(clean);
    return start;
  }
}
