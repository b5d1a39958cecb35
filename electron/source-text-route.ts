// GET /text/<sha256>: a source's normalised text as raw UTF-8, read from the notebook's own
// sources/ folder on the thread that answers requests, with no worker, JSON or base64 between the
// file and the page (the HTTP host and the Electron app:// protocol alike). Never reads a file
// that is not a regular file named by a 64-hex sha directly inside <notebook>/sources.
import fs from 'node:fs';
import path from 'node:path';

export const TEXT_ROUTE = '/text/';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Content-addressed: the bytes under a sha never change, so the page may keep them as long as it likes. */
export const TEXT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'private, max-age=31536000, immutable',
};

/** What to do with a request under TEXT_ROUTE: read `file`, or refuse with `status` and why. */
export type TextRoute = { ok: true; sha256: string; file: string } | { ok: false; status: 400 | 404 | 405; message: string };

export function isTextRoute(urlPath: string): boolean {
  return urlPath === TEXT_ROUTE.slice(0, -1) || urlPath.startsWith(TEXT_ROUTE);
}

/**
 * The decision for one request, before any file is touched: only GET or HEAD, only a lower-case
 * 64-hex sha (nothing that could name another folder: no dots, slashes or escapes), and only while
 * a notebook is open. Whether that sha is a file of this notebook is settled by openTextFile.
 */
export function routeTextRequest(method: string | undefined, urlPath: string, notebookDir: string | null): TextRoute {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, message: `source texts are read with GET, not ${method ?? 'unknown'}` };
  const sha256 = urlPath.startsWith(TEXT_ROUTE) ? urlPath.slice(TEXT_ROUTE.length) : '';
  if (!SHA256_HEX.test(sha256)) return { ok: false, status: 400, message: `"${sha256.slice(0, 80)}" is not a sha256 in lower-case hex` };
  if (!notebookDir) return { ok: false, status: 404, message: 'no notebook is open' };
  return { ok: true, sha256, file: path.join(path.resolve(notebookDir), 'sources', sha256) };
}

/** An opened text file and its size; the caller reads it and closes `handle` (a read stream of it closes it at the end). */
export interface OpenedText {
  handle: fs.promises.FileHandle;
  size: number;
}

/**
 * Opens the file the route named, refusing a symbolic link (O_NOFOLLOW, where the platform has
 * it) and anything that is not a regular file, so a link planted in sources/ cannot lead outside
 * it. Answers null when this notebook has no such file.
 */
export async function openTextFile(route: Extract<TextRoute, { ok: true }>): Promise<OpenedText | null> {
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(route.file, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw e;
  }
  try {
    const stat = await handle.stat();
    if (stat.isFile()) return { handle, size: stat.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
  await handle.close();
  return null;
}

/**
 * Texts answered lately, by file: a source opened again, or fetched as the pointer reached it and
 * then opened, is answered at once instead of by an open, a stat and a read through the thread pool
 * (15 ms to the first byte of a 1 MB text on a loaded 2-core machine, against 2 ms from memory).
 * Content-addressed, so a kept copy is never stale; keyed by the whole path, so another notebook's
 * text is never answered. At most `limitBytes`, the least recently answered going first; a text
 * over `largestBytes` is never kept (it is streamed from disk each time).
 */
export class KeptTexts {
  private readonly texts = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    readonly limitBytes = 32 * 2 ** 20,
    readonly largestBytes = 8 * 2 ** 20,
  ) {}

  get(file: string): Buffer | undefined {
    const text = this.texts.get(file);
    if (text) {
      // Most recently answered last, so the oldest go first.
      this.texts.delete(file);
      this.texts.set(file, text);
    }
    return text;
  }

  keep(file: string, text: Buffer): void {
    if (text.byteLength > this.largestBytes || this.texts.has(file)) return;
    this.texts.set(file, text);
    this.bytes += text.byteLength;
    for (const [oldest, kept] of this.texts) {
      if (this.bytes <= this.limitBytes) break;
      this.texts.delete(oldest);
      this.bytes -= kept.byteLength;
    }
  }
}

/**
 * The route's text whole, from `kept` or read (and kept) when small enough to keep; `opened` when
 * it is larger, for the caller to stream and close; null when this notebook has no such file.
 */
export async function readText(route: Extract<TextRoute, { ok: true }>, kept: KeptTexts): Promise<{ text: Buffer } | { opened: OpenedText } | null> {
  const known = kept.get(route.file);
  if (known) return { text: known };
  const opened = await openTextFile(route);
  if (!opened) return null;
  if (opened.size > kept.largestBytes) return { opened };
  try {
    const text = await opened.handle.readFile();
    kept.keep(route.file, text);
    return { text };
  } finally {
    await opened.handle.close();
  }
}
