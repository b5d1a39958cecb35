// Reads a .txt or .md file an analyst imports: works out its encoding, refuses binaries, and lifts
// simple Markdown front matter into metadata. Never writes anything and never guesses silently:
// a file it cannot read as text is refused with the reason.
import { basename, extname } from 'node:path';
import { NotebookError } from '../../common/errors.js';
import { codePointLength, normaliseText } from '../../common/text.js';
import { looseDateFromIso } from './dates.js';
import type { ExtractedDate, ExtractedSource, Extractor } from './types.js';

export type TextMediaType = 'text/plain' | 'text/markdown';

const MEDIA_TYPES: Record<string, TextMediaType> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
};

/** True when the name ends in an extension extractText accepts. */
export function isTextFileName(filename: string): boolean {
  return Object.hasOwn(MEDIA_TYPES, extname(filename).toLowerCase());
}

/**
 * Reads `input.bytes`, the content of `input.filename` (.txt, .text, .md, .markdown). The title
 * comes from front matter, else the first "# heading" (Markdown), else the file name without its
 * extension. Throws NotebookError('invalid') naming the file and the reason.
 */
export const extractText: Extractor = async ({ filename, bytes }, limits) => {
  const ext = extname(filename).toLowerCase();
  const mediaType = MEDIA_TYPES[ext];
  if (!mediaType) {
    const what = ext ? `${ext} files` : 'files without an extension';
    throw new NotebookError('invalid', `${filename}: ${what} are not text files; Corroborate reads .txt and .md files as text`);
  }
  let text = normaliseText(checkControls(filename, decodeChecked(filename, bytes)));
  let meta: FrontMatter = {};
  if (mediaType === 'text/markdown') ({ text, meta } = splitFrontMatter(text));
  if (text.trim() === '') throw new NotebookError('invalid', `${filename} has no text`);
  if (text.length > limits.maxTextLength) {
    throw new NotebookError('invalid', `${filename}: its text is longer than ${limits.maxTextLength.toLocaleString('en')} characters, the most Corroborate imports from one file`);
  }

  const stem = basename(filename, extname(filename));
  const title = (meta.title || (mediaType === 'text/markdown' ? firstHeading(text) : undefined) || stem).slice(0, 2000);
  const result: ExtractedSource = { text, mediaType, title, type: 'article' };
  // Front matter is typed by a person: its dates are the file's word, not a machine's metadata.
  const published = frontMatterDate(meta, 'published') ?? frontMatterDate(meta, 'date');
  if (published) {
    result.dates = { published };
    result.datesFrom = 'file';
  }
  if (meta.url) result.url = meta.url;
  if (meta.publisher) result.publisher = meta.publisher;
  if (meta.author) result.authors = [meta.author];
  if (mediaType === 'text/markdown') {
    const headings = markdownHeadings(text);
    if (headings.length) result.headings = headings;
  }
  return result;
};

// ── Decoding ───────────────────────────────────────────────────────────────────────────────────

/**
 * Bytes to a string, the way text files are read: a byte-order mark decides (UTF-8, UTF-16 LE/BE,
 * the mark itself dropped); without one, valid UTF-8 is UTF-8 and anything else is windows-1252,
 * the usual encoding of older Western text files. Never fails; checks nothing (see extractText).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** decodeText, refusing a binary first: a NUL byte never occurs in text outside UTF-16. */
function decodeChecked(filename: string, bytes: Uint8Array): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16) {
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new NotebookError('invalid', `${filename} looks binary (a NUL byte at offset ${nul}), not text`);
  }
  return decodeText(bytes);
}

/** Share of control characters above which a file is taken for a binary. Real text has almost none. */
const MAX_CONTROL_SHARE = 0.05;
/** How much of the text the control check looks at: enough to judge, without scanning a whole book. */
const CONTROL_SAMPLE = 64 * 1024;

function checkControls(filename: string, text: string): string {
  const sample = text.slice(0, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Tab, LF, VT, FF and CR are layout; every other C0 or C1 character, and U+FFFD from bytes a
    // decoder could not map, is not something people write.
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) controls++;
  }
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE) {
    const percent = Math.round((100 * controls) / sample.length);
    throw new NotebookError('invalid', `${filename} looks binary (${percent}% control characters), not text`);
  }
  return text;
}

/**
 * windows-1252 as the WHATWG Encoding Standard defines it. Written out because Node 20's
 * TextDecoder('windows-1252') decodes 0x80–0x9F as ISO-8859-1 control characters, which would
 * turn "€" and curly quotes into invisible garbage. The five unassigned bytes map to C1 controls,
 * as the standard says.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

// ── Markdown ───────────────────────────────────────────────────────────────────────────────────

interface FrontMatter {
  title?: string;
  date?: string;
  published?: string;
  url?: string;
  publisher?: string;
  author?: string;
}
const FRONT_MATTER_KEYS = new Set<keyof FrontMatter>(['title', 'date', 'published', 'url', 'publisher', 'author']);

/**
 * A leading block between two "---" lines, read as simple "key: value" lines (the subset of YAML
 * that notes apps and static-site generators write). Anything fancier (lists, nesting) is left out
 * of the metadata; the block is removed from the text either way.
 */
function splitFrontMatter(text: string): { text: string; meta: FrontMatter } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { text, meta: {} };
  const meta: FrontMatter = {};
  for (const line of match[1]!.split('\n')) {
    const kv = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1]!.toLowerCase() as keyof FrontMatter;
    const value = unquote(kv[2]!.trim());
    if (FRONT_MATTER_KEYS.has(key) && value !== '') meta[key] = value;
  }
  return { text: text.slice(match[0].length).replace(/^\n+/, ''), meta };
}

/** A date the model cannot hold ("last spring") is dropped rather than guessed at. */
function frontMatterDate(meta: FrontMatter, key: 'date' | 'published'): ExtractedDate | undefined {
  const value = looseDateFromIso(meta[key]);
  return value ? { value, detail: `front matter ${key}` } : undefined;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

function firstHeading(text: string): string | undefined {
  const match = /^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m.exec(text);
  return match?.[1]?.trim() || undefined;
}

/** ATX headings ("## Title") outside fenced code blocks, at the code-point offset of their line. */
function markdownHeadings(text: string): { start: number; level: number }[] {
  const headings: { start: number; level: number }[] = [];
  let fence: string | null = null;
  let offset = 0; // code points before the current line
  for (const line of text.split('\n')) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (fence === null || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence === null ? fenceMark : null;
    } else if (fence === null) {
      const atx = /^ {0,3}(#{1,6})[ \t]+\S/.exec(line);
      if (atx) headings.push({ start: offset, level: atx[1]!.length });
    }
    offset += codePointLength(line) + 1;
  }
  return headings;
}
