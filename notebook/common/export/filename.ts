// The file name an export gets, from the notebook's name and the format's extension, safe to
// create on Windows, macOS and Linux. Pure. Re-exported by index.ts; the writers import it from
// here, so that no writer imports index.ts (which imports every writer).
import type { Notebook } from '../model.js';
import { EXPORT_FORMATS, type ExportFormat } from './formats.js';

/** Windows refuses these as a name, whatever the extension (CON.txt is CON). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Leaves room for the extension within the 255 bytes most file systems allow a name. */
const MAX_BASE_BYTES = 200;

/**
 * "Munitions to Russia.md": characters that some file system refuses or treats specially
 * (< > : " / \ | ? * and control characters) become spaces, runs of spaces one, leading dots
 * (hidden files) and trailing dots and spaces (dropped by Windows) go, a reserved Windows device
 * name (CON, NUL, COM1…) gets an underscore before it, and a long name is cut between graphemes. "notebook" when
 * nothing is left.
 */
export function exportFilename(notebook: Pick<Notebook, 'name'>, format: ExportFormat): string {
  let base = notebook.name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (utf8Length(base) > MAX_BASE_BYTES) {
    let cut = '';
    for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(base)) {
      if (utf8Length(cut + segment) > MAX_BASE_BYTES) break;
      cut += segment;
    }
    base = cut.replace(/[\s.]+$/g, '');
  }
  if (!base) base = 'notebook';
  if (RESERVED.test(base.split('.')[0]!.trim())) base = `_${base}`;
  return `${base}${EXPORT_FORMATS[format].extension}`;
}

/** Bytes of s in UTF-8 (file systems limit names in bytes, not characters). */
function utf8Length(s: string): number {
  let n = 0;
  for (const char of s) {
    const c = char.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
