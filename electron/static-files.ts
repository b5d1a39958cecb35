// Maps a request path to a file of the built renderer (dist/renderer), for the HTTP host and the
// Electron app:// protocol alike. Never answers with a file outside that folder.
import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name; unknown kinds are bytes, which nosniff keeps from being run. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The app's single page. */
export const INDEX_FILE = 'index.html';

export interface StaticFile {
  /** Absolute path of a regular file inside the root. */
  file: string;
  contentType: string;
  isIndex: boolean;
}

/**
 * Resolves the path part of a URL ("/assets/app.js", percent-encoded as it came) to a regular
 * file under root, or null. "/" is the index. Refused outright rather than normalised: "." and
 * ".." segments (also encoded as %2e%2e), encoded or raw backslashes and slashes inside a
 * segment, NUL, and malformed escapes; after that the resolved path must still lie under root,
 * and so must its real path, so a symlink cannot lead out either.
 */
export function resolveStaticFile(root: string, urlPath: string): StaticFile | null {
  if (!urlPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of urlPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '') continue; // "//" or a trailing slash
    if (segment === '.' || segment === '..') return null;
    if (/[\\/\0]/.test(segment) || segment.includes(':')) return null; // ":" would be a drive or stream on Windows
    segments.push(segment);
  }
  const relative = segments.length ? segments.join('/') : INDEX_FILE;
  const rootAbs = path.resolve(root);
  const file = path.resolve(rootAbs, relative);
  if (!isInside(rootAbs, file)) return null;
  let real: string;
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(rootAbs);
    real = fs.realpathSync(file);
    if (!fs.statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  if (!isInside(realRoot, real)) return null;
  return { file: real, contentType: contentTypeFor(real), isIndex: relative === INDEX_FILE };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
}
