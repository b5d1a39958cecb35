// Reads a saved web page (.html, .htm, .xhtml) or web archive (.mhtml, .mht): the article's text
// with its headings and paragraphs, and the metadata the page states about itself. Never runs the
// page's scripts, never loads anything it names (no network, no files), never keeps its markup.
import { basename, extname } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { NotebookError } from '../../common/errors.js';
import type { SourceType } from '../../common/model.js';
import { TextBuilder, type BuiltText } from './blocks.js';
import { looseDateFromIso } from './dates.js';
import { decodeWindows1252 } from './text.js';
import type { ExtractedDate, ExtractedSource, ExtractLimits, Extractor } from './types.js';

/**
 * Extracts a web page in five steps:
 * 1. Decode (decodeHtml): byte-order mark, else <meta charset>, else UTF-8, else windows-1252.
 * 2. Bound the nesting (limitNesting), so a hostile page cannot make the parser or Readability
 *    run for minutes or overflow the stack.
 * 3. Parse with jsdom's DOMParser: a document without a window, so nothing on it can run or load,
 *    and <iframe>s cost nothing (the JSDOM constructor builds a window for each: 1,000 take 13 s).
 * 4. Read the metadata (JSON-LD read as text, never run; Open Graph; <meta>; <time>; <title>).
 * 5. Remove everything that is not text, run Readability, and turn its article into text blocks;
 *    when Readability finds no article, walk <main>/<article>/<body> the same way.
 */
export const extractHtml: Extractor = async ({ filename, bytes }, limits) => readPage(filename, decodeHtml(bytes), limits, { mediaType: 'text/html' });

/**
 * Extracts a web archive (MHTML, RFC 2557: a MIME multipart/related message, as Chrome and Edge
 * save "Webpage, single file"): the root text/html part is read as extractHtml reads a page; its
 * Content-Location stands in for the URL when the page names no canonical one. The other parts
 * (pictures, style sheets, frames) are never decoded.
 */
export const extractMhtml: Extractor = async ({ filename, bytes }, limits) => {
  const part = rootHtmlPart(filename, bytes);
  const html = decodeHtml(part.bytes, part.charset);
  return readPage(filename, html, limits, { mediaType: 'multipart/related', ...(part.location ? { url: part.location } : {}) });
};

// ── Limits ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Deepest element nesting kept (counting <html> and <body>). Real articles nest 15–40 levels and
 * browsers stop nesting at 512, but Readability's scoring walks ancestors and grows with the
 * square of the depth (about 0.3 s at 100 levels, 4 s at 512), and jsdom's parser with it (13 s
 * at 10,000 levels, a stack overflow at 50,000). Deeper elements lose their tags, not their text.
 */
export const MAX_DEPTH = 128;

/**
 * Most elements a page may have. A long real article has a few thousand; jsdom builds 25,000 to
 * 35,000 a second and needs about 4 KB for each (measured), so this many take some 10 s and 1 GB.
 */
export const MAX_ELEMENTS = 250_000;

/** Shortest article Readability must find before it is believed over the page as a whole. */
const MIN_ARTICLE = 200;

// ── The page ───────────────────────────────────────────────────────────────────────────────────

interface PageOptions {
  mediaType: string;
  /** Where the page was saved from, when the file says so (MHTML Content-Location). */
  url?: string;
}

async function readPage(filename: string, html: string, limits: ExtractLimits, options: PageOptions): Promise<ExtractedSource> {
  const bounded = limitNesting(html);
  if (bounded.elements > MAX_ELEMENTS) {
    throw new NotebookError(
      'invalid',
      `${filename} has more than ${MAX_ELEMENTS.toLocaleString('en')} elements, more than any article; Corroborate reads web pages of up to that size`,
    );
  }
  const document = parseHtml(bounded.html);
  const meta = readMetadata(document);
  removeInert(document);
  const article = readArticle(document);
  const built = article.built;
  if (built.text.trim() === '') throw new NotebookError('invalid', `${filename} has no readable text`);
  if (built.text.length > limits.maxTextLength) {
    throw new NotebookError(
      'invalid',
      `${filename}: its text is longer than ${limits.maxTextLength.toLocaleString('en')} characters, the most Corroborate imports from one file`,
    );
  }

  const title = meta.title ?? clean(article.title) ?? meta.documentTitle ?? basename(filename, extname(filename));
  const result: ExtractedSource = {
    text: built.text,
    mediaType: options.mediaType,
    title: title.slice(0, 2000),
    type: meta.type ?? 'article',
  };
  const authors = meta.authors ?? bylineAuthors(article.byline);
  if (authors?.length) result.authors = authors;
  const publisher = meta.publisher ?? clean(article.siteName);
  if (publisher) result.publisher = publisher.slice(0, 500);
  const language = meta.language ?? languageTag(article.lang);
  if (language) result.language = language;
  const url = meta.url ?? absoluteUrl(options.url);
  if (url) result.url = url;
  if (meta.published || meta.modified) {
    result.dates = {};
    if (meta.published) result.dates.published = meta.published;
    if (meta.modified) result.dates.modified = meta.modified;
    result.datesFrom = 'metadata';
  }
  if (built.headings.length) result.headings = built.headings;
  return result;
}

/** One window for every page read in this process: a page is parsed into a document of its own, never into the window. */
let host: JSDOM | undefined;

function parseHtml(html: string): Document {
  host ??= new JSDOM('', {
    url: 'https://imported.invalid/',
    runScripts: undefined,
    resources: undefined,
    pretendToBeVisual: false,
    // jsdom's default console prints every CSS parse error of a page to the app's stderr.
    virtualConsole: new VirtualConsole(),
  });
  // A document from DOMParser has no browsing context: its scripts cannot run, its frames and
  // images never load, its style sheets are not even parsed (HTML Standard, "DOMParser").
  return new host.window.DOMParser().parseFromString(html, 'text/html');
}

// ── Decoding ───────────────────────────────────────────────────────────────────────────────────

/**
 * How far into a page a <meta charset> is looked for. The HTML Standard's prescan reads 1,024
 * bytes; saved pages often put a long comment ("saved from url=…") or a big <head> first.
 */
const CHARSET_SCAN = 4096;

/**
 * Bytes of a page to its text: a byte-order mark decides (UTF-8, UTF-16 LE/BE); else the
 * charset its carrier declares (an MHTML part's Content-Type); else a <meta charset> or <meta
 * http-equiv="Content-Type"> in the first 4 KB; else UTF-8 when the bytes are valid UTF-8; else
 * windows-1252, which is what browsers assume for Western pages that say nothing.
 */
export function decodeHtml(bytes: Uint8Array, transportCharset?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = (transportCharset ? encodingOf(transportCharset) : undefined) ?? metaCharset(bytes);
  if (declared) return declared === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(declared).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** The WHATWG encoding a label names ("latin1" and "ascii" name windows-1252), if Node can decode it. */
function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, CHARSET_SCAN))
    .toString('latin1')
    .replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.matchAll(/<meta\b([^>]*)>/gi)) {
    const attrs = attributes(tag[1]!);
    let label = attrs.get('charset');
    if (label === undefined && attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      label = /charset\s*=\s*["']?([^\s;"']+)/i.exec(attrs.get('content') ?? '')?.[1];
    }
    const encoding = label ? encodingOf(label) : undefined;
    // A page cannot truly be UTF-16 if its <meta> was readable as ASCII; the standard reads it as UTF-8.
    if (encoding) return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  return undefined;
}

function attributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

// ── Nesting ────────────────────────────────────────────────────────────────────────────────────

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Void elements that are HTML even inside <svg> or <math> (they break out of foreign content). */
const VOID_EVERYWHERE = new Set(['br', 'embed', 'hr', 'img', 'meta']);
/** Elements whose content the tokenizer reads as text up to their end tag (in HTML, not in SVG/MathML). */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Elements that start a fresh list of active formatting elements (and restore the outer one when they close). */
const MARKERS = new Set(['applet', 'caption', 'marquee', 'object', 'template', 'td', 'th']);
/** "Has an element in scope" stops at these (HTML Standard §13.2.4.2); foreign names lower-cased. */
const SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** The standard's "special" category: an end tag of another name never closes past one of these. */
const SPECIAL = new Set([
  ...SCOPE,
  ...HEADINGS,
  'address', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'center', 'col',
  'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame',
  'frameset', 'head', 'header', 'hgroup', 'hr', 'iframe', 'img', 'input', 'keygen', 'li', 'link', 'listing', 'main', 'menu',
  'meta', 'nav', 'noembed', 'noframes', 'noscript', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'search', 'section',
  'select', 'source', 'style', 'summary', 'tbody', 'textarea', 'tfoot', 'thead', 'tr', 'track', 'ul', 'wbr', 'xmp',
]);
/** Start tags that close an open <p> ("close a p element" in the standard's "in body" rules). */
const CLOSES_P = new Set([
  ...HEADINGS,
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'pre', 'listing', 'form',
  'li', 'dd', 'dt', 'plaintext', 'table', 'hr', 'xmp',
]);
/**
 * The start tags a parser in "in select" mode acts on (HTML Standard §13.2.6.4.16–17, as parse5
 * has it): the rest are ignored. Table tags close the select ("in select in table").
 */
const IN_SELECT = new Set(['option', 'optgroup', 'hr', 'input', 'keygen', 'textarea', 'select', 'script', 'template', 'caption', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'td', 'th']);
/** The end tags it acts on there (table ones as above). */
const END_IN_SELECT = new Set(['option', 'optgroup', 'select', 'template', 'caption', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'td', 'th']);
/** Kept even beyond MAX_DEPTH (up to EXEMPT_SLACK more), because without their tags their content would become page text. */
const KEEP_BEYOND = new Set([...RAW_TEXT, 'template', 'svg', 'math', 'noscript', 'object', 'select', 'plaintext']);
const EXEMPT_SLACK = 32;
/**
 * Most formatting elements (<b>, <font>, …) left open at once. The parser re-opens every open
 * one inside each new block, so 1,000 unclosed <b id=n> make every later paragraph 1,000 deep;
 * beyond this many, further formatting tags are dropped (their text stays).
 */
const MAX_OPEN_FORMATTING = 16;
/** How far down the open elements an end tag is matched: deeper matches are rare and quadratic. */
const END_TAG_REACH = 256;

/** Start tags that end SVG/MathML content (HTML Standard §13.2.6.5); <font> only with color, face or size. */
const BREAKOUT = new Set([
  ...HEADINGS,
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'head', 'hr', 'i', 'img', 'li',
  'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table',
  'tt', 'u', 'ul', 'var',
]);
/** SVG and MathML elements whose children are HTML again (integration points). */
const INTEGRATION = new Set(['foreignobject', 'desc', 'title', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']);

interface Open {
  name: string;
  /** False when its start tag was dropped, so the parser never sees the element. */
  kept: boolean;
  /** In the SVG or MathML namespace. */
  foreign: boolean;
  /** A formatting element the parser keeps on its list of active formatting elements. */
  formatting: boolean;
  /** For markers: the active formatting elements to restore when it closes. */
  savedFormatting?: Map<string, number>;
}

/** The parser's list of active formatting elements, as counts by name (HTML Standard §13.2.4.3). */
class ActiveFormatting {
  private counts = new Map<string, number>();
  total = 0;

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.total++;
  }

  has(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  /** An end tag takes its element off the list whether or not it is still open. */
  remove(name: string): void {
    const n = this.counts.get(name) ?? 0;
    if (n === 0) return;
    this.counts.set(name, n - 1);
    this.total--;
  }

  /** A marker (<td>, <object>, …) starts an empty list; the one before comes back when it closes. */
  enterMarker(): Map<string, number> {
    const saved = this.counts;
    this.counts = new Map();
    this.total = 0;
    return saved;
  }

  leaveMarker(saved: Map<string, number>): void {
    this.counts = saved;
    this.total = [...saved.values()].reduce((a, b) => a + b, 0);
  }
}

/**
 * Removes the tags (never the text) of elements that would nest deeper than `maxDepth`, by
 * following the HTML Standard's tree construction closely enough to count depth: void elements,
 * raw-text elements, implied end tags (<p>, <li>, <td>, …), scope, "special" elements that stop an
 * end tag, SVG/MathML and the tags that leave them, formatting elements. Where it cannot be exact
 * it errs towards counting deeper, which only means removing tags early.
 *
 * Formatting elements (<b>, <font>, …) need one more step. The parser re-opens every one that a
 * block closed without its end tag in each following block, so 3,000 "<div><b id=n></div>" build
 * millions of elements from 70 KB; where a block closes them, an end tag is inserted (their text
 * stays; only its formatting goes), and at most MAX_OPEN_FORMATTING stay open at once. One thing
 * that can move: text a misnested table pushes out of itself ("foster parenting") lands beside a
 * re-opened formatting element or without one, which can change its place next to the table.
 *
 * `elements` counts the start tags seen. Returns the string itself when there is nothing to change.
 */
export function limitNesting(html: string, maxDepth: number = MAX_DEPTH): { html: string; elements: number } {
  const stack: Open[] = [];
  const out: string[] = [];
  let copied = 0; // html is copied to out up to here
  let depth = 2; // <html> and <body>, which the parser always makes
  let foreignOpen = 0; // kept SVG/MathML elements open: while there are any, no shortcut that could count too shallow
  let selectOpen = 0; // kept <select>s open: the parser's "in select" mode ignores most tags, so no end tags are inserted there
  const formatting = new ActiveFormatting();
  const droppedFormatting = new Map<string, number>();
  let elements = 0;

  /** Replaces html[from, to) with `insert` in the output. */
  const cut = (from: number, to: number, insert = ''): void => {
    out.push(html.slice(copied, from), insert);
    copied = to;
  };
  /**
   * True when the open elements reach a table part before a cell: content there is "foster
   * parented" out of the table, where an inserted end tag could move text.
   */
  const inTableBody = (): boolean => {
    for (let k = stack.length - 1, reach = 0; k >= 0 && reach < END_TAG_REACH; k--, reach++) {
      const e = stack[k]!;
      if (!e.kept) continue;
      if (e.name === 'td' || e.name === 'th' || e.name === 'caption') return false;
      if (e.name === 'table' || e.name === 'tbody' || e.name === 'thead' || e.name === 'tfoot' || e.name === 'tr') return true;
    }
    return false;
  };
  /**
   * Closes the open elements down to stack[index]; formatting elements among them get end tags
   * inserted at `at`. Not inside SVG/MathML, where what looks like markup may be a <style>'s
   * text, nor in a <select>, whose parser mode drops most tags, nor among table parts, where an
   * end tag could move text.
   */
  const popTo = (index: number, at: number): void => {
    let closers = '';
    const closeExplicitly = foreignOpen === 0 && selectOpen === 0 && !inTableBody();
    while (stack.length > index) {
      const e = stack.pop()!;
      if (e.kept) depth--;
      if (e.kept && e.foreign) foreignOpen--;
      if (e.kept && e.name === 'select' && !e.foreign) selectOpen--;
      if (e.formatting && closeExplicitly) {
        closers += `</${e.name}>`;
        formatting.remove(e.name);
      }
      if (e.savedFormatting) formatting.leaveMarker(e.savedFormatting);
    }
    if (closers) cut(at, at, closers);
  };
  /** Index of the open element an end tag or implied end would close, or -1. */
  const find = (matches: (name: string) => boolean, stops: (e: Open) => boolean): number => {
    for (let k = stack.length - 1, reach = 0; k >= 0 && reach < END_TAG_REACH; k--, reach++) {
      const e = stack[k]!;
      if (matches(e.name)) return k;
      if (e.kept && stops(e)) return -1;
    }
    return -1;
  };
  /** The element the parser inserts into: the topmost kept one. */
  const current = (): Open | undefined => {
    for (let k = stack.length - 1, reach = 0; k >= 0 && reach < END_TAG_REACH; k--, reach++) if (stack[k]!.kept) return stack[k];
    return undefined;
  };
  /**
   * True when the parser inserts into a <select> ("in select" mode): it then ignores every tag but
   * a few (IN_SELECT), so none of them opens, closes or starts raw text. Not in a <template> or
   * SVG/MathML inside the select, which have modes of their own.
   */
  const inSelect = (): boolean => {
    if (selectOpen === 0) return false;
    for (let k = stack.length - 1, reach = 0; k >= 0 && reach < END_TAG_REACH; k--, reach++) {
      const e = stack[k]!;
      if (!e.kept) continue;
      if (e.foreign || e.name === 'template') return false;
      if (e.name === 'select') return true;
    }
    return false;
  };
  const inScope = (extra?: Set<string>) => (e: Open) => SCOPE.has(e.name) || (extra?.has(e.name) ?? false);
  const BUTTON = new Set(['button']);
  const LIST = new Set(['ol', 'ul']);
  const NOT_ADDRESS_DIV_P = (e: Open) => SPECIAL.has(e.name) && e.name !== 'address' && e.name !== 'div' && e.name !== 'p';

  /** Closes the formatting element stack[k], as its end tag does (the adoption agency, in outline). */
  const closeFormattingAt = (k: number, at: number): void => {
    const e = stack[k]!;
    e.formatting = false; // closed by its own tag, not to be closed again
    if (stack.slice(k + 1).some((above) => above.kept && SPECIAL.has(above.name))) {
      // A block opened inside it stays open, moved up a level: only the formatting element closes.
      stack.splice(k, 1);
      depth--;
    } else {
      popTo(k, at);
    }
  };

  /**
   * Whether a start tag at `from` leaves SVG/MathML (it is one of BREAKOUT, or a <font> with
   * color, face or size, in foreign content): the parser then closes the foreign elements down to
   * an HTML one, and so does this.
   */
  const breakOut = (name: string, from: number, to: number): boolean => {
    const parent = current();
    if (!(parent !== undefined && parent.foreign && !INTEGRATION.has(parent.name))) return false;
    if (!(BREAKOUT.has(name) || (name === 'font' && /\s(?:color|face|size)\s*=/i.test(html.slice(from, to))))) return false;
    let k = stack.length;
    let reach = 0;
    for (; k > 0 && reach < END_TAG_REACH; k--, reach++) {
      const e = stack[k - 1]!;
      if (e.kept && (!e.foreign || INTEGRATION.has(e.name))) break;
    }
    if (reach < END_TAG_REACH) popTo(k, from); // too far down to tell: leave them open, counting deeper
    return true;
  };

  const startTag = (name: string, from: number, to: number, selfClosing: boolean): number | undefined => {
    elements++;
    if (name === 'html' || name === 'body' || name === 'head') {
      // Merged into the ones the parser made; <body> and <head> in SVG/MathML leave it first.
      if (name !== 'html') breakOut(name, from, to);
      return undefined;
    }
    if (!IN_SELECT.has(name) && inSelect()) return undefined; // ignored by the parser: no element, no raw text
    if (!(depth < maxDepth || (KEEP_BEYOND.has(name) && depth < maxDepth + EXEMPT_SLACK))) {
      // Too deep: the parser never sees this tag, so nothing it would do (close, leave SVG) happens.
      // Void elements are dropped too; they nest nothing, but they cost nothing to drop either.
      cut(from, to);
      if (!VOID.has(name)) stack.push({ name, kept: false, foreign: false, formatting: false });
      return undefined;
    }
    const leftForeign = breakOut(name, from, to);
    const parent = current();
    const foreignContent = !leftForeign && parent !== undefined && parent.foreign && !INTEGRATION.has(parent.name);
    const html5 = foreignOpen === 0;
    if (VOID_EVERYWHERE.has(name) || (html5 && VOID.has(name))) return undefined;
    const isFormatting = FORMATTING.has(name) && !foreignContent;
    if (isFormatting && (name === 'a' || name === 'nobr') && formatting.has(name)) {
      // A new <a> first closes the one still active, as its end tag would.
      formatting.remove(name);
      const k = find((n) => n === name, inScope());
      if (k !== -1 && stack[k]!.kept) closeFormattingAt(k, from);
    }
    if (isFormatting && formatting.total >= MAX_OPEN_FORMATTING) {
      cut(from, to);
      droppedFormatting.set(name, (droppedFormatting.get(name) ?? 0) + 1);
      return undefined;
    }
    if (html5) {
      // Implied end tags, only outside SVG/MathML: closing is what could make the count too shallow.
      if (CLOSES_P.has(name)) {
        const p = find((n) => n === 'p', inScope(BUTTON));
        if (p !== -1) popTo(p, from);
      }
      if (name === 'li') {
        const li = find((n) => n === 'li', NOT_ADDRESS_DIV_P);
        if (li !== -1) popTo(li, from);
      } else if (name === 'dd' || name === 'dt') {
        const d = find((n) => n === 'dd' || n === 'dt', NOT_ADDRESS_DIV_P);
        if (d !== -1) popTo(d, from);
      } else if (HEADINGS.has(name) && HEADINGS.has(current()?.name ?? '')) {
        popTo(stack.lastIndexOf(current()!), from);
      } else if (name === 'tr') {
        const row = find((n) => n === 'tr' || n === 'td' || n === 'th', (e) => e.name === 'table' || e.name === 'tbody' || e.name === 'thead' || e.name === 'tfoot' || e.name === 'template');
        if (row !== -1) popTo(row, from);
      } else if (name === 'td' || name === 'th') {
        const cell = find((n) => n === 'td' || n === 'th', (e) => e.name === 'tr' || e.name === 'table' || e.name === 'template');
        if (cell !== -1) popTo(cell, from);
      } else if ((name === 'option' || name === 'optgroup') && current()?.name === 'option') {
        popTo(stack.lastIndexOf(current()!), from);
      }
    }
    // "<svg/>" and "<math/>" close themselves wherever they stand (other foreign elements are
    // counted as open even so: where that would be wrong, it errs deeper).
    if ((name === 'svg' || name === 'math') && selfClosing) return undefined;
    const foreign = name === 'svg' || name === 'math' || foreignContent || (parent?.foreign === true && (name === 'mglyph' || name === 'malignmark'));
    const entry: Open = { name, kept: true, foreign, formatting: isFormatting };
    depth++;
    if (foreign) foreignOpen++;
    if (name === 'select' && !foreign) selectOpen++;
    if (isFormatting) formatting.add(name);
    if (MARKERS.has(name) && !foreign) entry.savedFormatting = formatting.enterMarker();
    stack.push(entry);
    // Raw text runs to its end tag (<plaintext> to the end): no tags inside to count or change.
    if (html5 && name === 'plaintext') return html.length;
    if (html5 && RAW_TEXT.has(name)) return rawTextEnd(html, name, to);
    return undefined;
  };

  const endTag = (name: string, from: number, to: number): void => {
    if (name === 'html' || name === 'body' || name === 'head' || name === 'br') return;
    if (!END_IN_SELECT.has(name) && inSelect()) return; // ignored by the parser
    const dropped = droppedFormatting.get(name) ?? 0;
    if (dropped > 0) {
      droppedFormatting.set(name, dropped - 1);
      cut(from, to);
      return;
    }
    let k: number;
    if (FORMATTING.has(name)) {
      formatting.remove(name);
      k = find((n) => n === name, inScope());
    } else if (name === 'p') k = find((n) => n === 'p', inScope(BUTTON));
    else if (name === 'li') k = find((n) => n === 'li', inScope(LIST));
    else if (HEADINGS.has(name)) k = find((n) => HEADINGS.has(n), inScope());
    else if (SPECIAL.has(name)) k = find((n) => n === name, inScope());
    else k = find((n) => n === name, (e) => SPECIAL.has(e.name) && !e.foreign);
    if (k === -1) return; // the parser ignores it too (or makes an empty element of it)
    if (!stack[k]!.kept) {
      // The parser never saw the start tag, so it must not see this one; the kept elements opened
      // since stay open for it, and here.
      cut(from, to);
      for (let j = stack.length - 1; j >= k; j--) if (!stack[j]!.kept) stack.splice(j, 1);
      return;
    }
    if (FORMATTING.has(name)) closeFormattingAt(k, from);
    else popTo(k, from);
  };

  const length = html.length;
  let i = 0;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      i = commentEnd(html, lt);
      continue;
    }
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 && html.startsWith('<![CDATA[', lt) && current()?.foreign === true) {
      // In SVG/MathML a CDATA section is text up to "]]>" (or the end): no markup in it to count or change.
      const end = html.indexOf(']]>', lt + 9);
      i = end === -1 ? length : end + 3;
      continue;
    }
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // Doctype, bogus comment, CDATA outside SVG/MathML (a bogus comment there): to the first ">".
      const gt = html.indexOf('>', lt + 2);
      i = gt === -1 ? length : gt + 1;
      continue;
    }
    const isEnd = next === 0x2f; /* / */
    const nameStart = isEnd ? lt + 2 : lt + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      i = lt + 1;
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < length && !endsTagName(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const to = tagEnd(html, nameEnd);
    if (isEnd) {
      endTag(name, lt, to);
      i = to;
    } else {
      // "/>" marks a self-closing tag unless the "/" ends an unquoted attribute value ("a=b/>").
      const selfClosing = html.charCodeAt(to - 1) === 0x3e && html.charCodeAt(to - 2) === 0x2f && (to - 2 === nameEnd || /[\s"']/.test(html[to - 3] ?? ''));
      i = startTag(name, lt, to, selfClosing) ?? to;
    }
  }
  if (copied === 0) return { html, elements };
  out.push(html.slice(copied));
  return { html: out.join(''), elements };
}

/**
 * Where the text of a raw-text element that starts at `from` ends: at its end tag ("</style"
 * then white space, "/" or ">"). A script's text follows the tokenizer's escape states (HTML
 * Standard §13.2.5.4–§13.2.5.31): inside "<!--", a "<script>" makes the next "</script>" part of
 * the text, so "<script><!--<script></script>--></script>" is one script.
 */
function rawTextEnd(html: string, name: string, from: number): number {
  const endTag = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'gi');
  if (name !== 'script') {
    endTag.lastIndex = from;
    return endTag.exec(html)?.index ?? html.length;
  }
  const marks = /<!--|-->|<(\/?)script(?=[\t\n\f\r />])/gi;
  marks.lastIndex = from;
  let state: 'data' | 'escaped' | 'double' = 'data';
  for (let m = marks.exec(html); m; m = marks.exec(html)) {
    const mark = m[0];
    if (mark === '<!--') {
      // "<!-->" and "<!--->" open and close at once.
      if (state === 'data' && !html.startsWith('>', m.index + 4) && !html.startsWith('->', m.index + 4)) state = 'escaped';
    } else if (mark === '-->') {
      state = 'data';
    } else if (m[1]) {
      if (state === 'double') state = 'escaped';
      else return m.index;
    } else if (state === 'escaped') {
      state = 'double';
    }
  }
  return html.length;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function endsTagName(c: number): boolean {
  return c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Index after the ">" that ends a tag, honouring quoted attribute values; the end of the text if it never ends. */
function tagEnd(html: string, from: number): number {
  const length = html.length;
  for (let i = from; i < length; i++) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c !== 0x3d /* = */) continue;
    let j = i + 1;
    while (j < length && /[\t\n\f\r ]/.test(html[j]!)) j++;
    const quote = html.charCodeAt(j);
    if (quote === 0x22 || quote === 0x27) {
      const close = html.indexOf(html[j]!, j + 1);
      if (close === -1) return length;
      i = close;
    } else {
      i = j - 1;
    }
  }
  return length;
}

/** Index after a comment that starts at `lt`, with the tokenizer's "<!-->", "<!--->" and "--!>" endings. */
function commentEnd(html: string, lt: number): number {
  const body = lt + 4;
  if (html.startsWith('>', body)) return body + 1;
  if (html.startsWith('->', body)) return body + 2;
  const a = html.indexOf('-->', body);
  const b = html.indexOf('--!>', body);
  if (a === -1 && b === -1) return html.length;
  if (b === -1 || (a !== -1 && a < b)) return a + 3;
  return b + 4;
}

// ── Metadata ───────────────────────────────────────────────────────────────────────────────────

interface PageMeta {
  title?: string;
  /** The <title> element, the last resort before the file name. */
  documentTitle?: string;
  type?: SourceType;
  authors?: string[];
  publisher?: string;
  published?: ExtractedDate;
  modified?: ExtractedDate;
  url?: string;
  language?: string;
}

/**
 * What the page says about itself, each field from the first of these that has it: JSON-LD (the
 * article's own node), citation_* (Highwire Press tags, read by Google Scholar), Open Graph and
 * article:*, other <meta> (Dublin Core, Parse.ly, Sailthru), <time> in the article's header or
 * byline, and last the document itself (<link rel=canonical>, <html lang>, <title>).
 */
function readMetadata(document: Document): PageMeta {
  const ld = jsonLdArticle(document);
  const metas = metaTags(document);
  const m = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = metas.get(key)?.values[0];
      if (value) return value;
    }
    return undefined;
  };
  const all = (...keys: string[]): string[] => keys.flatMap((key) => metas.get(key)?.values ?? []);
  const date = (keys: string[], read: (raw: string) => string | undefined = looseDateFromIso): ExtractedDate | undefined => {
    for (const key of keys) {
      const tag = metas.get(key);
      for (const raw of tag?.values ?? []) {
        const value = read(raw);
        if (value) return { value, detail: `<meta ${tag!.attribute}="${key}">` };
      }
    }
    return undefined;
  };
  const citationDate = (raw: string) => looseDateFromIso(raw.trim().replace(/^(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?$/, (_, y: string, mo: string, d?: string) => [y, mo.padStart(2, '0'), ...(d ? [d.padStart(2, '0')] : [])].join('-')));

  const meta: PageMeta = {};
  const title = ld?.title ?? m('citation_title', 'og:title', 'dc.title', 'dcterms.title', 'parsely-title', 'sailthru.title', 'twitter:title');
  if (clean(title)) meta.title = clean(title);
  const documentTitle = clean(document.title);
  if (documentTitle) meta.documentTitle = documentTitle;

  const authors = [ld?.authors ?? [], all('citation_author'), all('article:author').filter((a) => !/^https?:/i.test(a.trim())), all('author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author')]
    .map(authorList)
    .find((list) => list.length > 0);
  if (authors) meta.authors = authors;

  const publisher = clean(ld?.publisher ?? m('citation_publisher', 'citation_technical_report_institution', 'citation_journal_title', 'og:site_name', 'dc.publisher', 'dcterms.publisher'));
  if (publisher) meta.publisher = publisher.slice(0, 500);

  const published =
    ld?.published ??
    date(['citation_publication_date', 'citation_date', 'citation_online_date'], citationDate) ??
    date(['article:published_time', 'og:article:published_time']) ??
    date(['date', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'dcterms.created', 'parsely-pub-date', 'sailthru.date', 'pubdate', 'publish-date', 'publication_date', 'datepublished']) ??
    timeElement(document, 'published');
  const modified =
    ld?.modified ??
    date(['article:modified_time', 'og:article:modified_time', 'og:updated_time']) ??
    date(['dcterms.modified', 'dc.date.modified', 'last-modified', 'datemodified']) ??
    timeElement(document, 'modified');
  if (published) meta.published = published;
  if (modified) meta.modified = modified;

  const url = [ld?.url, m('citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url'), m('og:url'), m('parsely-link'), canonicalLink(document)]
    .map(absoluteUrl)
    .find(Boolean);
  if (url) meta.url = url;

  const language = [ld?.language, m('citation_language'), m('og:locale'), m('content-language', 'dc.language', 'dcterms.language'), document.documentElement.getAttribute('lang'), document.documentElement.getAttribute('xml:lang')]
    .map(languageTag)
    .find(Boolean);
  if (language) meta.language = language;

  const type = ld?.type ?? (m('citation_technical_report_institution', 'citation_technical_report_number') ? 'report' : undefined);
  if (type) meta.type = type;
  return meta;
}

interface MetaTag {
  /** "name", "property", "itemprop" or "http-equiv": how the page spelled it, for ExtractedDate.detail. */
  attribute: string;
  values: string[];
}

function metaTags(document: Document): Map<string, MetaTag> {
  const tags = new Map<string, MetaTag>();
  for (const el of document.querySelectorAll('meta[content]')) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attribute)?.trim().toLowerCase();
      if (!key) continue;
      const tag = tags.get(key) ?? { attribute, values: [] };
      tag.values.push(content);
      tags.set(key, tag);
      break;
    }
  }
  return tags;
}

/** Where a <time datetime> may stand, most telling first, with the words ExtractedDate.detail uses. */
const TIME_PLACES: Record<'published' | 'modified', [(time: Element) => boolean, string][]> = {
  published: [
    [(t) => hasToken(t.getAttribute('itemprop'), 'datepublished'), '<time itemprop="datePublished">'],
    [(t) => t.hasAttribute('pubdate'), '<time pubdate>'],
    [(t) => t.closest('[class*="byline" i], [class*="dateline" i]') !== null, '<time datetime> in the byline'],
    [(t) => t.closest('header') !== null, '<time datetime> in the article header'],
  ],
  modified: [
    [(t) => hasToken(t.getAttribute('itemprop'), 'datemodified'), '<time itemprop="dateModified">'],
    [(t) => /updated|modified/i.test(t.getAttribute('class') ?? ''), '<time class="updated">'],
  ],
};

/** A <time datetime> where a page puts its dateline: marked up as the published/modified date, or in the article's header or byline. */
function timeElement(document: Document, which: 'published' | 'modified'): ExtractedDate | undefined {
  // One query, then plain checks: a selector per place costs a walk of the whole page each.
  const times = Array.from(document.querySelectorAll('time[datetime]'));
  for (const [isThere, detail] of TIME_PLACES[which]) {
    for (const time of times) {
      // A header's second <time> that says "updated" is the modified date, not the published one.
      if (which === 'published' && /updated|modified/i.test(time.getAttribute('class') ?? '')) continue;
      if (!isThere(time)) continue;
      const value = looseDateFromIso(time.getAttribute('datetime'));
      if (value) return { value, detail };
    }
  }
  return undefined;
}

function hasToken(list: string | null, token: string): boolean {
  return (list ?? '').toLowerCase().split(/\s+/).includes(token);
}

function canonicalLink(document: Document): string | undefined {
  for (const link of document.querySelectorAll('link[rel][href]')) {
    if (link.getAttribute('rel')!.toLowerCase().split(/\s+/).includes('canonical')) return link.getAttribute('href') ?? undefined;
  }
  return undefined;
}

// ── JSON-LD ────────────────────────────────────────────────────────────────────────────────────

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** What the page's JSON-LD says of its article: the page metadata, less the <title> fallback. */
type LdArticle = Omit<PageMeta, 'documentTitle'>;

/** Schema.org types of the node that describes the page's article (or report, or statement). */
const ARTICLE_TYPE = /(?:Article|Report|BlogPosting|PressRelease|Posting)$/;
const PAGE_TYPE = /Page$/;

/**
 * The article node of the page's JSON-LD: every <script type="application/ld+json"> is read as
 * text and JSON.parse'd (never run), top-level arrays and @graph flattened, @id references
 * followed. The first article-like node (NewsArticle, Report, …) wins, else the first WebPage.
 */
function jsonLdArticle(document: Document): LdArticle | undefined {
  const nodes: JsonObject[] = [];
  for (const script of document.querySelectorAll('script[type]')) {
    if (script.getAttribute('type')!.split(';')[0]!.trim().toLowerCase() !== 'application/ld+json') continue;
    let parsed: Json;
    try {
      parsed = JSON.parse((script.textContent ?? '').replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, '')) as Json;
    } catch {
      continue; // a page's broken JSON-LD is its own problem; the other sources remain
    }
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
      if (!isObject(item)) continue;
      nodes.push(item);
      const graph = item['@graph'];
      if (Array.isArray(graph)) nodes.push(...graph.filter(isObject));
    }
  }
  if (!nodes.length) return undefined;
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) if (typeof node['@id'] === 'string' && !byId.has(node['@id'])) byId.set(node['@id'], node);
  const resolve = (value: Json | undefined): Json | undefined => {
    if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) return byId.get(value['@id']) ?? value;
    return value;
  };
  const types = (node: JsonObject): string[] => [node['@type']].flat().filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));

  let node = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  if (!node) {
    const page = nodes.find((n) => types(n).some((t) => PAGE_TYPE.test(t)));
    const main = page && resolve(page['mainEntity']);
    node = isObject(main) && types(main).some((t) => ARTICLE_TYPE.test(t)) ? main : page;
  }
  if (!node) return undefined;

  const article: LdArticle = {};
  const title = ldText(node['headline']) ?? ldText(node['name']);
  if (title) article.title = title;
  const nodeTypes = types(node);
  const genre = `${ldText(node['genre']) ?? ''} ${ldText(node['articleSection']) ?? ''}`;
  if (nodeTypes.includes('Report')) article.type = 'report';
  else if (nodeTypes.includes('PressRelease') || /press release|statement/i.test(genre)) article.type = 'statement';
  else article.type = 'article';

  const authors: string[] = [];
  for (const a of [node['author'] ?? node['creator'] ?? []].flat()) {
    const person = resolve(a);
    const name = typeof person === 'string' ? person : isObject(person) ? (ldText(person['name']) ?? joinName(person)) : undefined;
    if (name && !/^https?:/i.test(name)) authors.push(name);
  }
  if (authors.length) article.authors = authors;
  const publisher = resolve([node['publisher']].flat()[0]);
  const publisherName = typeof publisher === 'string' ? clean(publisher) : isObject(publisher) ? ldText(publisher['name']) : undefined;
  if (publisherName) article.publisher = publisherName;

  const published = looseDateFromIso(ldText(node['datePublished']));
  if (published) article.published = { value: published, detail: 'JSON-LD datePublished' };
  const modified = looseDateFromIso(ldText(node['dateModified']));
  if (modified) article.modified = { value: modified, detail: 'JSON-LD dateModified' };

  const mainEntityOfPage = resolve(node['mainEntityOfPage']);
  const url = ldText(node['url']) ?? (typeof mainEntityOfPage === 'string' ? mainEntityOfPage : isObject(mainEntityOfPage) ? (ldText(mainEntityOfPage['@id']) ?? ldText(mainEntityOfPage['url'])) : undefined);
  if (url) article.url = url;
  const language = resolve(node['inLanguage']);
  const languageText = typeof language === 'string' ? language : isObject(language) ? (ldText(language['alternateName']) ?? ldText(language['name'])) : undefined;
  if (languageText) article.language = languageText;
  return article;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON-LD value as one line of text: a string, the first of a list, or a {"@value": …}; entities decoded. */
function ldText(value: Json | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const text = typeof first === 'string' ? first : isObject(first) && typeof first['@value'] === 'string' ? first['@value'] : undefined;
  return clean(text === undefined ? undefined : decodeEntities(text));
}

function joinName(person: JsonObject): string | undefined {
  return clean([ldText(person['givenName']), ldText(person['familyName'])].filter(Boolean).join(' '));
}

/** Publishers write "&amp;" and "&#8217;" into JSON-LD strings, meaning the characters. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

// ── Small readers ──────────────────────────────────────────────────────────────────────────────

/** One line of text, white space collapsed; undefined when nothing is left. */
function clean(text: string | null | undefined): string | undefined {
  const line = text?.replace(/\s+/g, ' ').trim();
  return line ? line : undefined;
}

/** Authors as the model keeps them: each once, at most 500 characters, at most 200 of them. */
function authorList(names: string[]): string[] {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const raw of names) {
    const name = clean(raw)?.slice(0, 500);
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    list.push(name);
    if (list.length === 200) break;
  }
  return list;
}

/** "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]: a byline has a word before and joins between names. */
function bylineAuthors(byline: string | null | undefined): string[] | undefined {
  const text = clean(byline)?.replace(/^by\s+/i, '');
  if (!text) return undefined;
  const list = authorList(text.split(/\s+(?:and|&)\s+/i));
  return list.length ? list : undefined;
}

/** An absolute http(s) URL, or undefined: a page's relative or javascript: "URL" says nothing about where it lives. */
function absoluteUrl(raw: string | null | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= 4000 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A BCP 47 tag from "en", "en-US", "en_US" (Open Graph's spelling); undefined for anything else. */
function languageTag(raw: string | null | undefined): string | undefined {
  const tag = raw?.trim().replace(/_/g, '-');
  return tag && tag.length <= 35 && /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(tag) ? tag : undefined;
}

// ── Text ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Never text: code, styles, embedded documents and media, graphics, form controls. Removed before
 * Readability, with what the page hides and its advertisement slots, so neither Readability nor
 * the fallback can see them.
 */
const INERT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'svg', 'math',
  'canvas', 'video', 'audio', 'source', 'track', 'map', 'link', 'meta', 'base', 'input', 'button', 'select', 'textarea',
  'option', 'datalist', 'output', 'progress', 'meter',
]);

/**
 * A class or id that marks an advertisement slot: a whole word ("ad", "ads", "advert…",
 * "sponsored", "promo") or one joined by a hyphen or underscore ("ad-inline", "top_ad",
 * "dfp-slot"), so "header", "load" or "shadow" never match.
 */
const AD_TOKEN = /^(?:ads?|adverts?|advertisement|advertising|sponsored|promo(?:ted)?|(?:ads?|advert|dfp|gpt)[-_].*|.*[-_](?:ads?|advert|advertisement))$/i;

/** Elements kept though empty: they shape the text around them. */
const KEEP_EMPTY = new Set(['br', 'hr', 'wbr', 'td', 'th', 'img', 'picture']);

function isRemoved(el: Element): boolean {
  if (INERT.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const style = el.getAttribute('style');
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  if (el.localName === 'body' || el.localName === 'main' || el.localName === 'article' || el.localName === 'html') return false;
  const tokens = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.trim();
  // An advertisement is short; a long element with such a class is a wrapper ("has-ads").
  return tokens !== '' && tokens.split(/\s+/).some((t) => AD_TOKEN.test(t)) && (el.textContent?.length ?? 0) < MAX_AD_LENGTH;
}

/** Longest text an element marked as an advertisement may hold and still be removed as one. */
const MAX_AD_LENGTH = 600;

/**
 * One walk over the page (selectors over thousands of elements cost seconds in jsdom), removing
 * what isRemoved says, then a second from the leaves up removing elements without any text:
 * they say nothing, and thousands of them make Readability crawl (it re-reads a parent's live
 * child list after every change).
 */
function removeInert(document: Document): void {
  const root = document.documentElement;
  if (!root) return;
  const order: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el !== root && el.localName !== 'head' && el.localName !== 'body' && isRemoved(el)) {
      el.remove();
      continue;
    }
    order.push(el);
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    if (el.parentElement && el.firstElementChild === null && el.localName !== 'title' && el.localName !== 'body' && !KEEP_EMPTY.has(el.localName) && !/\S/.test(el.textContent ?? '')) {
      el.remove();
    }
  }
}

/** Boilerplate the fallback leaves out when Readability found nothing: menus, sidebars, footers. */
const BOILERPLATE = 'nav, aside, footer, [role="navigation" i], [role="complementary" i], [role="contentinfo" i], [role="search" i], body > header, [role="banner" i]';

/** A tree nested deeper than this has slipped past limitNesting; Readability would take minutes over it. */
const READABILITY_MAX_DEPTH = MAX_DEPTH * 3;

/**
 * Most element children of one element before Readability is skipped. Readability re-reads a
 * parent's live child list (rebuilt by jsdom after each change) for each child it moves, so its
 * time grows with the square of this: about 0.5 s at 3,000 siblings, four times that when a short
 * article makes it retry. Real pages put at most a few hundred blocks in one container.
 */
const READABILITY_MAX_CHILDREN = 2_000;

interface Article {
  built: BuiltText;
  title?: string | null | undefined;
  byline?: string | null | undefined;
  siteName?: string | null | undefined;
  lang?: string | null | undefined;
}

function readArticle(document: Document): Article {
  const bodyLength = clean(document.body?.textContent)?.length ?? 0;
  let parsed: ReturnType<Readability<Element>['parse']> = null;
  const shape = treeShape(document);
  if (shape.depth <= READABILITY_MAX_DEPTH && shape.widest <= READABILITY_MAX_CHILDREN) {
    // Readability changes the document it reads; the original stays for the fallback.
    const copy = document.cloneNode(true) as Document;
    parsed = new Readability<Element>(copy, { serializer: (node) => node as Element, disableJSONLD: true }).parse();
  }
  if (parsed?.content && parsed.byline) removeByline(parsed.content, parsed.byline);
  const fromReadability = parsed?.content ? blocksOf(parsed.content) : undefined;
  const length = fromReadability?.text.length ?? 0;
  const useful = fromReadability && (length >= MIN_ARTICLE || bodyLength <= 3 * length);
  const built = useful ? fromReadability : fallbackBlocks(document);
  return { built, title: parsed?.title, byline: parsed?.byline, siteName: parsed?.siteName, lang: parsed?.lang };
}

/**
 * Readability takes the byline out of the article on its first pass only; when it retries a short
 * page, the byline stays in. It is metadata (the authors) either way, so it leaves the text.
 */
function removeByline(content: Element, byline: string): void {
  const wanted = clean(byline);
  // A byline comes before the story: only the first few elements are looked at.
  const first = Array.from(content.querySelectorAll('*')).slice(0, BYLINE_REACH);
  const el = first.find((e) => clean(e.textContent) === wanted);
  el?.remove();
}

const BYLINE_REACH = 50;

function fallbackBlocks(document: Document): BuiltText {
  for (const el of document.querySelectorAll(BOILERPLATE)) el.remove();
  const body = document.body;
  if (!body) return new TextBuilder().build();
  const bodyLength = clean(body.textContent)?.length ?? 0;
  // <main> or <article> when it holds most of the page; a stray one (a teaser) would lose the rest.
  for (const candidate of [document.querySelector('main, [role="main" i]'), document.querySelector('article')]) {
    if (candidate && 3 * (clean(candidate.textContent)?.length ?? 0) >= bodyLength) return blocksOf(candidate);
  }
  return blocksOf(body);
}

/** The deepest nesting and the most children of one element, in one pass without recursion. */
function treeShape(document: Document): { depth: number; widest: number } {
  let deepest = 0;
  let widest = 0;
  const stack: [Element, number][] = document.documentElement ? [[document.documentElement, 1]] : [];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    widest = Math.max(widest, el.childElementCount);
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return { depth: deepest, widest };
}

/** Elements that end the text before them and start a new block. */
const BLOCKS = new Set([
  ...HEADINGS,
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'legend', 'li', 'listing', 'main', 'menu',
  'nav', 'ol', 'p', 'pre', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
]);
/** Skipped with everything inside, in case Readability's output or the fallback still holds one. */
const SKIP = new Set(['head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'img', 'picture', 'video', 'audio', 'canvas', 'select', 'textarea', 'button', 'input']);

/**
 * Walks an element into text blocks, iteratively (no recursion, whatever the depth):
 * h1–h6 become headings; p, li ("• " or "1. "), blockquote, figcaption, dt, dd and any other block
 * become paragraphs; a table row whose cells hold only inline content becomes one line of cells
 * joined by " | "; <pre> keeps its lines, and so does a paragraph with a <br> in it.
 */
function blocksOf(root: Element): BuiltText {
  const builder = new TextBuilder();
  let run: string[] = [];
  let lines = false; // the run has a <br>
  let prefix = ''; // "• " or "3. " for the list item whose text comes next
  let heading = 0; // level of the heading being read, 0 outside one
  let inHeading = 0;
  let inPre = 0;
  let inRow = 0;
  const cells = new WeakMap<Element, number>(); // cells seen so far in each data row
  const items = new WeakMap<Element, number>(); // next number in each <ol>

  const flush = (): void => {
    const text = run.join('');
    run = [];
    const keepLines = lines || inPre > 0;
    lines = false;
    if (!text.trim()) return;
    if (heading) builder.heading(text, heading);
    else builder.paragraph(prefix + text, { keepLines });
    prefix = '';
  };
  const boundary = (): void => {
    if (inHeading || inRow) run.push(' ');
    else if (inPre) run.push('\n');
    else flush();
  };

  const stack: { node: Node; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (node.nodeType === 3 /* TEXT_NODE */ || node.nodeType === 4 /* CDATA_SECTION_NODE */) {
      const data = (node as CharacterData).data;
      run.push(inPre ? data : data.replace(/[ \t\n\f\r]+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) continue;
    const el = node as Element;
    const tag = el.localName;
    if (!exit) {
      if (SKIP.has(tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
      if (tag === 'br') {
        if (inHeading || inRow) run.push(' ');
        else {
          run.push('\n');
          lines = true;
        }
        continue;
      }
      if (tag === 'tr' && !inRow && !inHeading && isDataRow(el)) {
        flush();
        inRow++;
        cells.set(el, 0);
      } else if ((tag === 'td' || tag === 'th') && inRow) {
        const row = el.closest('tr');
        const seen = row ? (cells.get(row) ?? 0) : 0;
        if (row && seen > 0) run.push(' | ');
        if (row) cells.set(row, seen + 1);
      } else if (HEADINGS.has(tag) && !inHeading && !inRow) {
        flush();
        heading = Number(tag[1]);
        inHeading++;
      } else if (tag === 'li' && !inHeading && !inRow) {
        flush();
        prefix = listPrefix(el, items);
      } else if (tag === 'pre') {
        boundary();
        inPre++;
      } else if (BLOCKS.has(tag)) {
        boundary();
      }
      stack.push({ node: el, exit: true });
      for (let child = el.lastChild; child; child = child.previousSibling) stack.push({ node: child, exit: false });
    } else if (tag === 'tr' && cells.has(el)) {
      flush();
      inRow--;
      cells.delete(el);
    } else if (HEADINGS.has(tag) && heading && inHeading === 1 && `h${heading}` === tag) {
      flush();
      heading = 0;
      inHeading--;
    } else if (tag === 'li' && !inHeading && !inRow) {
      flush();
      prefix = ''; // an item without text of its own (<li><ul>…) lends its number to no later block
    } else if (tag === 'pre') {
      if (inPre === 1 && !inHeading && !inRow) flush();
      inPre--;
    } else if (BLOCKS.has(tag) && !((tag === 'td' || tag === 'th') && inRow)) {
      boundary();
    }
  }
  flush();
  return builder.build();
}

/** A row of data (cells of inline text) rather than a layout row holding paragraphs or tables. */
function isDataRow(row: Element): boolean {
  return row.querySelector('p, div, ul, ol, dl, table, blockquote, pre, h1, h2, h3, h4, h5, h6, section, article') === null;
}

function listPrefix(li: Element, items: WeakMap<Element, number>): string {
  const list = li.parentElement;
  if (list?.localName !== 'ol') return '• ';
  const value = Number.parseInt(li.getAttribute('value') ?? '', 10);
  const start = Number.parseInt(list.getAttribute('start') ?? '', 10);
  const n = Number.isFinite(value) ? value : (items.get(list) ?? (Number.isFinite(start) ? start : 1));
  items.set(list, n + 1);
  return `${n}. `;
}

// ── MHTML ──────────────────────────────────────────────────────────────────────────────────────

interface MimePart {
  headers: Map<string, string>;
  /** The part's body as a binary string (one character per byte), before its transfer encoding is undone. */
  body: string;
}

interface ContentType {
  type: string;
  params: Map<string, string>;
}

/** How deep multipart parts may nest: MHTML has one level; mail clients' archives two or three. */
const MAX_MULTIPART_DEPTH = 4;

/**
 * The page in an MHTML file: the part that the multipart/related "start" parameter names by its
 * Content-ID, else the first text/html part. RFC 2045/2046 framing, RFC 2557 for MHTML; the
 * transfer encodings are those browsers write (quoted-printable, base64) and the identity ones.
 */
function rootHtmlPart(filename: string, bytes: Uint8Array): { bytes: Uint8Array; charset?: string; location?: string } {
  const bad = (reason: string) => new NotebookError('invalid', `${filename} is not a readable MHTML archive (${reason})`);
  const message = splitPart(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, ''));
  if (!message || message.headers.size === 0) throw bad('it does not begin with MIME headers');
  const found = findHtml(message, 0, bad);
  if (!found) throw bad('no part of it is a web page (text/html)');
  const type = contentType(found.headers.get('content-type'));
  const encoding = (found.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  let body: Uint8Array;
  if (encoding === 'quoted-printable') body = fromQuotedPrintable(found.body);
  else if (encoding === 'base64') {
    const compact = found.body.replace(/[\t\n\r ]+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw bad('its web page part is damaged base64');
    body = Buffer.from(compact, 'base64');
  } else if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') body = Buffer.from(found.body, 'latin1');
  else throw bad(`its web page part uses the unknown transfer encoding "${encoding.slice(0, 40)}"`);
  const location = absoluteUrl(found.headers.get('content-location')) ?? absoluteUrl(message.headers.get('snapshot-content-location')) ?? absoluteUrl(message.headers.get('content-location'));
  const charset = type.params.get('charset');
  return { bytes: body, ...(charset ? { charset } : {}), ...(location ? { location } : {}) };
}

function findHtml(part: MimePart, depth: number, bad: (reason: string) => NotebookError): MimePart | undefined {
  const type = contentType(part.headers.get('content-type'));
  if (type.type === 'text/html' || type.type === 'application/xhtml+xml') return part;
  if (!type.type.startsWith('multipart/')) return undefined;
  if (depth >= MAX_MULTIPART_DEPTH) throw bad(`multipart parts nested more than ${MAX_MULTIPART_DEPTH} deep`);
  const boundary = type.params.get('boundary');
  if (!boundary) throw bad(`its ${type.type} Content-Type names no boundary`);
  const parts = splitMultipart(part.body, boundary);
  if (!parts.length) throw bad(`no part begins with its boundary "${boundary.slice(0, 70)}"`);
  const start = type.params.get('start');
  if (start) {
    const root = parts.find((p) => p.headers.get('content-id')?.trim() === start.trim());
    if (root) {
      const html = findHtml(root, depth + 1, bad);
      if (html) return html;
    }
  }
  for (const p of parts) {
    const html = findHtml(p, depth + 1, bad);
    if (html) return html;
  }
  return undefined;
}

/** Headers (unfolded, names lower-cased, the first of each kept) and the body after the blank line. */
function splitPart(text: string): MimePart | undefined {
  const blank = /\r?\n\r?\n/.exec(text);
  const headerText = blank ? text.slice(0, blank.index) : text;
  const body = blank ? text.slice(blank.index + blank[0].length) : '';
  const headers = new Map<string, string>();
  if (/^\r?\n/.test(text)) return { headers, body: text.replace(/^\r?\n/, '') }; // no headers at all
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) return undefined;
    const name = line.slice(0, colon).toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The parts between "--boundary" lines (RFC 2046 §5.1.1); the line break before each delimiter belongs to it. */
function splitMultipart(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const parts: MimePart[] = [];
  // A delimiter line is "--boundary", then "--" (the last) or white space to the line end; a line
  // that merely begins with it ("--boundary-2") is content.
  const isDelimiter = (at: number): boolean => /^(?:--|[ \t]*(?:\r?\n|$))/.test(body.slice(at + delimiter.length, at + delimiter.length + 80));
  const delimiterAt = (from: number): number => {
    if (from === 0 && body.startsWith(delimiter) && isDelimiter(0)) return 0;
    for (let i = body.indexOf(`\n${delimiter}`, Math.max(0, from - 1)); i !== -1; i = body.indexOf(`\n${delimiter}`, i + 1)) {
      if (isDelimiter(i + 1)) return i + 1;
    }
    return -1;
  };
  let at = delimiterAt(0);
  while (at !== -1) {
    const after = at + delimiter.length;
    if (body.startsWith('--', after)) break; // the close delimiter
    const lineEnd = body.indexOf('\n', after);
    if (lineEnd === -1) break;
    const next = delimiterAt(lineEnd + 1);
    const end = next === -1 ? body.length : next - 1 - (body[next - 2] === '\r' ? 1 : 0);
    const part = splitPart(body.slice(lineEnd + 1, Math.max(lineEnd + 1, end)));
    if (part) parts.push(part);
    at = next;
  }
  return parts;
}

function contentType(value: string | undefined): ContentType {
  const params = new Map<string, string>();
  const [type = '', ...rest] = (value ?? 'text/plain').split(';');
  for (const m of rest.join(';').matchAll(/([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Quoted-printable (RFC 2045 §6.7): "=XX" is a byte, "=" at a line end joins lines; a stray "=" is kept, as the RFC suggests. */
function fromQuotedPrintable(text: string): Uint8Array {
  const decoded = text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(decoded, 'latin1');
}
