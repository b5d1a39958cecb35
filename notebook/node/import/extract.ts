// Picks the reader for an imported file by its extension, after checking that the bytes are what
// the extension says (magic bytes), and enforces the limits every reader shares. Never trusts the
// name alone, and never runs a reader on a file it has already seen to be something else.
import { extname } from 'node:path';
import { NotebookError } from '../../common/errors.js';
import { DEFAULT_LIMITS, type ExtractedSource, type ExtractInput, type ExtractLimits, type Extractor } from './types.js';

type Format = 'text' | 'html' | 'mhtml' | 'pdf' | 'docx';

const FORMATS: Readonly<Record<string, Format>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.mhtml': 'mhtml',
  '.mht': 'mhtml',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** Every extension extractFile reads, lower case with the dot, for file pickers and folder scans. */
export const IMPORT_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(FORMATS));

/** The short list people read in messages. */
const SUPPORTED = 'Corroborate imports .txt, .md, .html, .mhtml, .pdf and .docx files';

/** True when extractFile would try to read a file of this name. */
export function isImportable(filename: string): boolean {
  return Object.hasOwn(FORMATS, extname(filename).toLowerCase());
}

/** Loaded on first use, so a worker reading a .txt never pays for jsdom or pdf.js. */
const READERS: Readonly<Record<Format, () => Promise<Extractor>>> = {
  text: async () => (await import('./text.js')).extractText,
  html: async () => (await import('./html.js')).extractHtml,
  mhtml: async () => (await import('./html.js')).extractMhtml,
  pdf: async () => (await import('./pdf.js')).extractPdf,
  docx: async () => (await import('./docx.js')).extractDocx,
};

/**
 * Reads one file into text and metadata, in this thread (see sandbox.ts for the bounded way).
 * Throws NotebookError('invalid') naming the file and the reason: an extension it does not read,
 * a file over limits.maxBytes, bytes that are not what the extension says, or the reader's own.
 */
export async function extractFile(input: ExtractInput, limits: ExtractLimits = DEFAULT_LIMITS): Promise<ExtractedSource> {
  const { filename, bytes } = input;
  const format = formatOf(filename);
  if (bytes.length > limits.maxBytes) throw new NotebookError('invalid', tooLargeMessage(filename, bytes.length, limits.maxBytes));
  checkMagic(filename, format, bytes);
  const extracted = await (await READERS[format]())(input, limits);
  if (extracted.text.length > limits.maxTextLength) {
    throw new NotebookError('invalid', `${filename}: its text is longer than ${limits.maxTextLength.toLocaleString('en')} characters, the most Corroborate imports from one file`);
  }
  return extracted;
}

function formatOf(filename: string): Format {
  const ext = extname(filename).toLowerCase();
  const format = FORMATS[ext];
  if (format) return format;
  if (ext === '.doc') throw new NotebookError('invalid', `${filename}: .doc files cannot be imported; open it in Word, save it as .docx and import that (${SUPPORTED})`);
  const what = ext ? `${ext} files` : 'files without an extension';
  throw new NotebookError('invalid', `${filename}: ${what} cannot be imported; ${SUPPORTED}`);
}

/** "report.pdf is 350 MB; Corroborate imports files of up to 200 MB": said before a byte is read where the size is known. */
export function tooLargeMessage(filename: string, size: number, maxBytes: number): string {
  return `${filename} is ${megabytes(size, maxBytes)} MB; Corroborate imports files of up to ${megabytes(maxBytes, maxBytes)} MB`;
}

const MB = 1024 * 1024;

/** Whole megabytes, with one decimal (rounded up) where rounding would make a file over the limit look the same size as it. */
function megabytes(size: number, limit: number): string {
  const whole = Math.round(size / MB);
  if (size > limit && whole <= Math.round(limit / MB)) return (Math.ceil((size / MB) * 10) / 10).toFixed(1);
  return String(whole);
}

// ── Magic bytes ────────────────────────────────────────────────────────────────────────────────

/** PDF readers accept junk before the header (ISO 32000-2 §7.5.2 notes); so do we, as far as they do. */
const PDF_HEADER_WINDOW = 1024;

interface Kind {
  /** "a PDF document": what the file looks like, in a sentence. */
  label: string;
  /** The extension it could be imported under, when Corroborate reads it. */
  ext?: string;
  /** Text-like kinds (HTML, MHTML) are not refused where text is expected. */
  textual?: boolean;
}

function checkMagic(filename: string, format: Format, bytes: Uint8Array): void {
  const kind = sniff(bytes);
  const rename = (k: Kind) => (k.ext ? `; rename it to ${k.ext} to import it` : '');
  switch (format) {
    case 'pdf': {
      if (bytes.length === 0) throw new NotebookError('invalid', `${filename} is empty`);
      if (latin1.decode(bytes.subarray(0, PDF_HEADER_WINDOW + 5)).includes('%PDF-')) return;
      const looks = kind ?? (looksLikeText(bytes) ? { label: 'plain text', ext: '.txt' } : { label: 'binary data' });
      throw new NotebookError('invalid', `${filename} is not a PDF (it does not begin with %PDF-): it looks like ${looks.label}${rename(looks)}`);
    }
    case 'docx': {
      if (bytes.length === 0) throw new NotebookError('invalid', `${filename} is empty`);
      if (startsWith(bytes, OLE)) {
        throw new NotebookError(
          'invalid',
          `${filename} is a password-protected Word document or an old-style .doc file, not a .docx: remove the password, or open it in Word and save it as .docx, then import it again`,
        );
      }
      if (startsWith(bytes, ZIP)) return; // which parts it holds is the DOCX reader's to judge
      const looks = kind ?? (looksLikeText(bytes) ? { label: 'plain text', ext: '.txt' } : { label: 'binary data' });
      throw new NotebookError('invalid', `${filename} is not a Word .docx file (it is not a ZIP package): it looks like ${looks.label}${rename(looks)}`);
    }
    case 'html':
    case 'mhtml':
      // Saved pages come in every shape (fragments, no doctype, odd encodings): only a file that is
      // plainly something else is refused here.
      if (kind && !kind.textual) throw new NotebookError('invalid', `${filename} looks like ${kind.label}, not a web page${rename(kind)}`);
      return;
    case 'text':
      if (kind && !kind.textual) throw new NotebookError('invalid', `${filename} looks like ${kind.label}, not text${rename(kind)}`);
      return;
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

const latin1 = new TextDecoder('latin1');

/** What the bytes are, by their first bytes; undefined when nothing is recognised. */
export function sniff(bytes: Uint8Array): Kind | undefined {
  const head = latin1.decode(bytes.subarray(0, 4096));
  // Strict here (offset 0): a text about PDFs may well quote "%PDF-1.7" in its first lines.
  if (head.startsWith('%PDF-')) return { label: 'a PDF document', ext: '.pdf' };
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return zipKind(bytes);
  if (startsWith(bytes, OLE)) return { label: 'an old-style Office file (.doc, .xls, .ppt) or a password-protected Office document' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { label: 'a PNG image' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { label: 'a JPEG image' };
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return { label: 'a GIF image' };
  if (startsWith(bytes, [0x1f, 0x8b])) return { label: 'a gzip-compressed file' };
  if (head.startsWith('{\\rtf')) return { label: 'an RTF document', textual: true };
  if (/^MIME-Version:/im.test(head) && /multipart\/related/i.test(head)) {
    return { label: 'a saved web page archive (MHTML)', ext: '.mhtml', textual: true };
  }
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(head)) {
    return { label: 'a web page (HTML)', ext: '.html', textual: true };
  }
  return undefined;
}

/** A ZIP is a .docx when it holds word/ parts; the other Office packages are named so the message helps. */
function zipKind(bytes: Uint8Array): Kind {
  // Part names are stored uncompressed in each local header and in the central directory at the end.
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 256 * 1024)));
  const head = latin1.decode(bytes.subarray(0, 64 * 1024));
  const has = (name: string) => head.includes(name) || tail.includes(name);
  if (has('word/document.xml')) return { label: 'a Word document (.docx)', ext: '.docx' };
  if (has('xl/workbook.xml')) return { label: 'an Excel workbook (.xlsx)' };
  if (has('ppt/presentation.xml')) return { label: 'a PowerPoint presentation (.pptx)' };
  if (has('application/epub+zip')) return { label: 'an EPUB e-book' };
  return { label: 'a ZIP archive' };
}

/** No NUL and no other stray control bytes in the first 4 KB: something a person could read. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && (b < 0x09 || b > 0x0d)) controls++;
  }
  return controls / sample.length < 0.05;
}
