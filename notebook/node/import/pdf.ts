// Reads a PDF into text with a page map (so an excerpt can cite "p. 12") and the document's own
// metadata, with pdf.js. Never fetches anything (CMaps and standard fonts come from the package on
// disk), never evaluates the PDF's code, and never renders it.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy, TextContent, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { NotebookError, isNotebookError } from '../../common/errors.js';
import { TextBuilder } from './blocks.js';
import { looseDateFromIso, looseDateFromPdf } from './dates.js';
import type { ExtractedDate, ExtractedSource, ExtractLimits, Extractor } from './types.js';

/**
 * pdf.js reads CMaps (needed for some CJK fonts) and the standard 14 fonts' data through its Node
 * factories, which read files with fs: pointing them at the package's own folders keeps every read
 * local. The URLs must end in "/" (pdf.js checks), also on Windows, where fs accepts either slash.
 */
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_DIR = `${path.join(PDFJS_DIR, 'cmaps')}/`;
const STANDARD_FONT_DIR = `${path.join(PDFJS_DIR, 'standard_fonts')}/`;

const NO_TEXT_LAYER =
  'This PDF has no text layer (it is probably a scan): there is no text to excerpt. Run OCR on it and import the result.';

const count = (n: number): string => n.toLocaleString('en');

/**
 * PDF → ExtractedSource. Text comes page by page (pdf.js getTextContent items, turned into lines
 * and paragraphs below); each page starts a new block, so pageStarts is exact. A PDF without any
 * text (a scan) still imports, as one "[Page N has no text layer]" line per page with a notice.
 *
 * Refused with NotebookError('invalid'), before any page is read where possible: more pages than
 * limits.maxPages, a password, bytes pdf.js cannot open; and, while reading, more text than
 * limits.maxTextLength.
 */
export const extractPdf: Extractor = async ({ filename, bytes }, limits) => {
  const task = pdfjs.getDocument({
    // pdf.js hands its input to its worker by transfer, which empties the caller's buffer: give it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false, // PDF functions are interpreted, never compiled with new Function
    disableFontFace: true, // no fonts are loaded into anything: we only read text
    useSystemFonts: false,
    stopAtErrors: false, // a damaged content stream loses its own text, not the whole document
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    enableXfa: false,
  });
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (e) {
      throw openError(filename, e);
    }
    if (doc.numPages > limits.maxPages) {
      throw new NotebookError('invalid', `${filename} has ${count(doc.numPages)} pages; Corroborate imports PDFs of up to ${count(limits.maxPages)} pages`);
    }
    if (doc.numPages === 0) throw new NotebookError('invalid', `${filename} has no pages`);
    const metadata = await readMetadata(doc);
    const pages = await readPages(filename, doc, limits);
    return { ...pages, ...metadata, mediaType: 'application/pdf', type: 'report' };
  } catch (e) {
    if (isNotebookError(e)) throw e;
    throw new NotebookError('invalid', `${filename} is not a readable PDF (${reasonOf(e)})`);
  } finally {
    await task.destroy().catch(() => undefined);
  }
};

function openError(filename: string, e: unknown): NotebookError {
  if (e instanceof Error && e.name === 'PasswordException') {
    return new NotebookError('invalid', `${filename} is password-protected: remove the password and import it again`);
  }
  return new NotebookError('invalid', `${filename} is not a readable PDF (${reasonOf(e)})`);
}

/** pdf.js's own words, made to fit inside a sentence: "Invalid PDF structure." → "invalid PDF structure". */
function reasonOf(e: unknown): string {
  const raw = (e instanceof Error ? e.message : String(e)).trim().replace(/\.$/, '') || 'unknown error';
  const short = raw.length > 160 ? `${raw.slice(0, 157)}…` : raw;
  return /^[A-Z][a-z]/.test(short) ? short[0]!.toLowerCase() + short.slice(1) : short;
}

// ── Text ─────────────────────────────────────────────────────────────────────────────────────

type PageText = Pick<ExtractedSource, 'text' | 'pageStarts' | 'notice'>;

async function readPages(filename: string, doc: PDFDocumentProxy, limits: ExtractLimits): Promise<PageText> {
  const builder = new TextBuilder();
  const empty: number[] = [];
  const budget = { left: limits.maxTextLength };
  const tooLong = (): NotebookError =>
    new NotebookError('invalid', `${filename} has more than ${count(limits.maxTextLength)} characters of text; Corroborate imports up to ${count(limits.maxTextLength)} from one file`);
  for (let n = 1; n <= doc.numPages; n++) {
    let paragraphs: string[];
    try {
      const page = await doc.getPage(n);
      const items = await readItems(page, budget);
      page.cleanup();
      if (items === null) throw tooLong();
      paragraphs = paragraphsOf(linesOf(items));
    } catch (e) {
      if (isNotebookError(e)) throw e;
      throw new NotebookError('invalid', `${filename} is not a readable PDF (page ${n}: ${reasonOf(e)})`);
    }
    builder.page(); // also for a page without text, so the next page keeps its number
    if (paragraphs.length === 0) empty.push(n);
    for (const paragraph of paragraphs) builder.paragraph(paragraph);
  }

  if (empty.length === doc.numPages) {
    // A scan: nothing to excerpt, but each page stays visible and citable.
    const placeholder = new TextBuilder();
    for (let n = 1; n <= doc.numPages; n++) {
      placeholder.page();
      placeholder.paragraph(`[Page ${n} has no text layer]`);
    }
    const { text, pageStarts } = placeholder.build();
    return { text, pageStarts, notice: NO_TEXT_LAYER };
  }
  const { text, pageStarts } = builder.build();
  if (text.length > limits.maxTextLength) throw tooLong();
  if (empty.length === 0) return { text, pageStarts };
  const one = empty.length === 1;
  const notice =
    `${count(empty.length)} of ${count(doc.numPages)} pages ${one ? 'has' : 'have'} no text layer (probably scanned pages): ` +
    `${pageList(empty)}. Run OCR on ${one ? 'it' : 'them'} to excerpt ${one ? 'its' : 'their'} text.`;
  return { text, pageStarts, notice };
}

/** "page 2", "pages 2, 5–7 and 9", cut short when long (a notice holds 2,000 characters). */
function pageList(pages: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    ranges.push(i === j ? String(pages[i]) : `${pages[i]}–${pages[j]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, 30);
  const more = ranges.length > shown.length ? ` and ${ranges.length - shown.length} more ranges` : '';
  if (pages.length === 1) return `page ${shown[0]}`;
  if (more || shown.length === 1) return `pages ${shown.join(', ')}${more}`;
  return `pages ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * The page's text items, read as a stream so that a page with an absurd amount of text (a
 * decompression bomb of text operators) is abandoned as soon as the document's text is over the
 * limit, instead of after it has all been held in memory. Returns null when over the limit.
 *
 * The count is of non-white-space characters, which all survive into the normalised text; NFC and
 * dropped line-end hyphens can shorten it a little, so a text within a hair of the limit may be
 * refused here that would just have fitted. The exact check is on the built text.
 */
async function readItems(page: PDFPageProxy, budget: { left: number }): Promise<TextItem[] | null> {
  const reader = (page.streamTextContent() as ReadableStream<TextContent>).getReader();
  const items: TextItem[] = [];
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        return items;
      }
      for (const item of value.items) {
        if (!('str' in item)) continue;
        items.push(item);
        budget.left -= item.str.replace(/\s+/g, '').length;
      }
      if (budget.left < 0) return null;
    }
  } finally {
    // Stops pdf.js working on the rest of the page. The reason is not optional: a cancel without
    // one throws, leaves the page's task running, and the document's destroy() never finishes.
    if (!finished) await reader.cancel(new Error('no longer needed')).catch(() => undefined);
    reader.releaseLock();
  }
}

interface Line {
  text: string;
  /** Baseline, in PDF user space (y grows upwards). */
  y: number;
  /** Font size: the largest on the line. */
  size: number;
}

/**
 * Text items → lines. pdf.js gives items in content-stream order (usually reading order) and marks
 * some line ends (hasEOL, often as an empty item). A new line also starts when the baseline moves
 * by more than half the font size: less than that is a superscript or subscript on the same line.
 * Between two items on one line a space goes in when the horizontal gap is over 0.15 em (a word
 * space is about 0.25–0.33 em; letter spacing and kerning stay well under 0.1) and neither side
 * already has white space. Vertical and rotated text is left to pdf.js's own spacing.
 */
function linesOf(items: readonly TextItem[]): Line[] {
  const lines: Line[] = [];
  // Parts are joined once per line: appending to a string and testing its end with a regular
  // expression would flatten it each time, quadratic on a hostile page with one endless line.
  let parts: string[] = [];
  let line: Omit<Line, 'text'> | null = null;
  const flush = (): void => {
    const text = parts.join('');
    if (line && text.trim() !== '') lines.push({ ...line, text });
    parts = [];
  };
  let endX = 0;
  let endOfLine = false;
  for (const item of items) {
    const [a, b, c, d, x, y] = item.transform as number[];
    if (item.str === '') {
      endOfLine ||= item.hasEOL;
      continue;
    }
    const size = Math.hypot(c!, d!) || item.height || 1;
    if (!line || endOfLine || Math.abs(y! - line.y) > 0.5 * Math.max(size, line.size)) {
      flush();
      line = { y: y!, size };
    } else {
      const horizontal = b === 0 && c === 0 && a! > 0 && item.dir !== 'ttb';
      const before = parts[parts.length - 1] ?? '';
      if (horizontal && x! - endX > 0.15 * size && !/\s$/.test(before) && !/^\s/.test(item.str)) parts.push(' ');
      line.size = Math.max(line.size, size);
    }
    parts.push(item.str);
    endX = x! + item.width;
    endOfLine = item.hasEOL;
  }
  flush();
  return lines;
}

/**
 * Lines → paragraphs. Inside a paragraph, baselines are about 1.2 × the font size apart (1.0–1.4
 * in practice); a gap over 1.5 × is the extra space between paragraphs. A change of font size by
 * more than a fifth (a heading, a footnote) or a jump upwards (the next column) also starts a new
 * paragraph. Known limit: double-spaced text (gaps of 2 ×) comes out one paragraph per line, and
 * paragraphs marked only by a first-line indent run together; the words are right either way.
 */
function paragraphsOf(lines: readonly Line[]): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous) {
      const size = Math.max(previous.size, line.size);
      const gap = previous.y - line.y;
      if (gap > 1.5 * size || gap < -size || Math.abs(line.size - previous.size) > 0.2 * size) {
        paragraphs.push(joinLines(current));
        current = [];
      }
    }
    current.push(line.text);
    previous = line;
  }
  if (current.length) paragraphs.push(joinLines(current));
  return paragraphs.filter((p) => p !== '');
}

/**
 * The lines of one paragraph as one string. A hyphen at the end of a line, right after a letter,
 * is taken for a word split by hyphenation and dropped when the next line starts with a lower-case
 * letter: "anal-" + "ysis" → "analysis". When the next line starts otherwise ("Anglo-" + "Saxon",
 * "1990-" + "2000") the hyphen stays and the lines join without a space. The rule misreads a
 * compound broken at its own hyphen ("long-" + "range" → "longrange"): telling the two apart needs
 * a dictionary, and typeset reports hyphenate far more line ends than they break compounds at.
 * Excerpts anchor to this text as it is, so either way they stay consistent. Hyphen-minus, U+2010
 * HYPHEN and U+00AD SOFT HYPHEN all count. Any other line end becomes a space.
 */
function joinLines(lines: readonly string[]): string {
  const parts: string[] = []; // one per line, and the spaces between them
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const previous = parts[parts.length - 1];
    if (previous === undefined) parts.push(line);
    else if (/\p{L}[-\u2010\u00ad]$/u.test(previous) && /^\p{Ll}/u.test(line)) {
      parts[parts.length - 1] = previous.slice(0, -1);
      parts.push(line);
    } else if (/[\p{L}\p{N}][-\u2010\u00ad]$/u.test(previous)) parts.push(line);
    else parts.push(' ', line);
  }
  return parts.join('');
}

// ── Metadata ─────────────────────────────────────────────────────────────────────────────────

type Metadata = Pick<ExtractedSource, 'title' | 'authors' | 'language' | 'dates'>;

/**
 * Title, authors, dates and language from the Info dictionary and the XMP packet. Where both say
 * something, XMP wins: it is the newer standard (ISO 32000-2 deprecates Info except for dates) and
 * editing tools update it. The creation date stands in for the published date, since a PDF has no
 * other; the detail says so. A damaged metadata section gives no metadata, never a refusal.
 */
async function readMetadata(doc: PDFDocumentProxy): Promise<Metadata> {
  let info: Record<string, unknown> = {};
  let xmp: { get(name: string): unknown; getRaw(): unknown } | null = null;
  try {
    const result = await doc.getMetadata();
    info = result.info as Record<string, unknown>;
    xmp = result.metadata;
  } catch {
    return {};
  }
  const infoText = (key: string): string | undefined => text(info[key]);
  const xmpTitle = xmp ? (xmpAltText(String(xmp.getRaw() ?? ''), 'dc:title') ?? text(xmp.get('dc:title'))) : undefined;
  const xmpCreators = xmp?.get('dc:creator');

  const out: Metadata = {};
  // Cut to what a source record holds (title 2,000 characters, 200 authors): a file's absurd
  // metadata must not make its whole import fail.
  const title = xmpTitle ?? infoText('Title');
  if (title) out.title = title.length > 2000 ? `${title.slice(0, 1999).replace(/[\uD800-\uDBFF]$/, '')}…` : title;
  const authors = Array.isArray(xmpCreators) && xmpCreators.some((c) => text(c))
    ? xmpCreators.flatMap((c) => splitAuthors(text(c) ?? ''))
    : splitAuthors(infoText('Author') ?? '');
  if (authors.length) out.authors = authors.slice(0, 200);

  const published =
    xmpDate(xmp, 'xmp:createdate', 'XMP xmp:CreateDate (when the file was made, taken as published)') ??
    pdfDate(infoText('CreationDate'), 'PDF info CreationDate (when the file was made, taken as published)');
  const modified = xmpDate(xmp, 'xmp:modifydate', 'XMP xmp:ModifyDate') ?? pdfDate(infoText('ModDate'), 'PDF info ModDate');
  if (published || modified) out.dates = { ...(published && { published }), ...(modified && { modified }) };

  const language = infoText('Language');
  if (language && language.length <= 35 && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language)) out.language = language;
  return out;
}

function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  // Info strings may carry control characters and NULs from careless producers.
  const s = v.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  return s || undefined;
}

/** "Jane Roe; John Doe", "Jane Roe and John Doe" → two authors. A comma stays ("Roe, Jane" is one person). */
function splitAuthors(s: string): string[] {
  return s
    .split(/\s*;\s*|\s+and\s+/i)
    .map((a) => a.trim())
    .filter((a) => a !== '' && a.length <= 500);
}

function xmpDate(xmp: { get(name: string): unknown } | null, key: string, detail: string): ExtractedDate | undefined {
  const value = looseDateFromIso(text(xmp?.get(key)));
  return value ? { value, detail } : undefined;
}

function pdfDate(raw: string | undefined, detail: string): ExtractedDate | undefined {
  const value = looseDateFromPdf(raw);
  return value ? { value, detail } : undefined;
}

/**
 * An rdf:Alt property (dc:title) as one string: the x-default entry, else the first. pdf.js gives
 * the text of all the entries run together ("Report Rapport"), so the raw packet is read here.
 */
function xmpAltText(raw: string, property: string): string | undefined {
  const body = new RegExp(`<${property}\\b[^>]*>([\\s\\S]*?)</${property}>`, 'i').exec(raw)?.[1];
  if (!body) return undefined;
  const entries = [...body.matchAll(/<rdf:li\b([^>]*)>([\s\S]*?)<\/rdf:li>/gi)];
  const chosen = entries.find((m) => /xml:lang\s*=\s*["']x-default["']/i.test(m[1]!)) ?? entries[0];
  return chosen ? text(decodeXml(chosen[2]!)) : undefined;
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? whole;
  });
}

function safeCodePoint(n: number, fallback: string): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}
