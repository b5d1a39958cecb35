// Which files the page may hand to the notebook, and how their bytes travel: a file is checked by
// name and size before a byte of it is read, then read as base64 without blocking the page.
// Pure apart from readAsBase64 (FileReader). Never reads a file it has refused.
import type { ImportFormats } from '../../../notebook/common/api.js';

/** The extensions importFile takes, as the file chooser's accept list. */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.mhtml', '.mht', '.pdf', '.docx'] as const;
export const IMPORT_ACCEPT = IMPORT_EXTENSIONS.join(',');

/** What the host imports, as importFormats answers; these when the host cannot be asked. */
export const DEFAULT_FORMATS: ImportFormats = { extensions: [...IMPORT_EXTENSIONS], maxBytes: 200 * 1024 * 1024 };

/** ".pdf" for "Report 2024.PDF"; "" when the name has no extension (or is only one, like ".bashrc"). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** A size as a person reads it: "350 MB", "1.5 MB", "12 KB", "300 bytes" (binary units, as file managers show them). */
export function formatBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB'];
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes;
  let unit = '';
  for (const u of units) {
    value /= 1024;
    unit = u;
    if (value < 1024) break;
  }
  return `${value < 10 && !Number.isInteger(value) ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${unit}`;
}

/** "the .txt, .md, .html, .pdf and .docx files" — one extension per family, as the analyst thinks of them. */
function formatList(extensions: readonly string[]): string {
  const families = [
    ['.txt', '.text'],
    ['.md', '.markdown'],
    ['.html', '.htm', '.xhtml'],
    ['.mhtml', '.mht'],
  ];
  const shown: string[] = [];
  for (const ext of extensions) {
    const family = families.find((f) => f.includes(ext));
    const representative = family ? (family.find((e) => extensions.includes(e)) ?? ext) : ext;
    if (!shown.includes(representative)) shown.push(representative);
  }
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? 'no');
}

/**
 * Why a file cannot be imported, before reading it, or null when it may be. The size is checked
 * first: a file too large is refused whatever it is, and its bytes are never read.
 */
export function refusal(file: { name: string; size: number }, formats: Pick<ImportFormats, 'maxBytes'> & { extensions: readonly string[] }): string | null {
  if (file.size > formats.maxBytes) {
    return `${file.name} is ${formatBytes(file.size)}; Corroborate imports files of up to ${formatBytes(formats.maxBytes)}`;
  }
  const ext = extensionOf(file.name);
  if (!formats.extensions.includes(ext)) {
    const what = ext ? `a ${ext} file` : 'a file without an extension';
    return `${file.name} is ${what}; Corroborate imports ${formatList(formats.extensions)} files`;
  }
  return null;
}

/** The base64 after the comma of a data: URL (FileReader.readAsDataURL's answer). */
export function dataUrlPayload(url: string): string {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma === -1 || !url.slice(0, comma).endsWith(';base64')) throw new Error('not a base64 data: URL');
  return url.slice(comma + 1);
}

/** Bytes per btoa call: a multiple of 3, so each chunk's base64 has no padding and the pieces join into one valid string. */
export const BASE64_CHUNK = 3 * 0x4000;

/**
 * Base64 of bytes, built chunk by chunk, giving the page a turn between chunks when `yieldEvery`
 * chunks have been done (a 200 MB file must not freeze the window). Used where FileReader is missing.
 */
export async function base64OfBytes(bytes: Uint8Array, yieldEvery = 64): Promise<string> {
  const parts: string[] = [];
  for (let i = 0, n = 0; i < bytes.length; i += BASE64_CHUNK, n++) {
    const chunk = bytes.subarray(i, i + BASE64_CHUNK);
    let binary = '';
    // fromCharCode's argument list stays small (4,096 at a time), far under engines' limits.
    for (let j = 0; j < chunk.length; j += 0x1000) binary += String.fromCharCode(...chunk.subarray(j, j + 0x1000));
    parts.push(btoa(binary));
    if (yieldEvery > 0 && n % yieldEvery === yieldEvery - 1) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return parts.join('');
}

/** A file's bytes as base64, read by the browser off the page's thread (FileReader.readAsDataURL). */
export function readAsBase64(blob: Blob): Promise<string> {
  if (typeof FileReader === 'undefined') return blob.arrayBuffer().then((buffer) => base64OfBytes(new Uint8Array(buffer)));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        // An empty file reads as "data:" with no ";base64," part in some engines. Told by the URL,
        // not by the file's size: reading a chosen file's size waits on the browser.
        const url = String(reader.result);
        resolve(url.includes(',') ? dataUrlPayload(url) : '');
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    reader.onerror = () => reject(new Error(reader.error?.message || 'the file could not be read'));
    reader.readAsDataURL(blob);
  });
}
