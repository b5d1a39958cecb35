// The browser host: the notebook API (POST /api/<method>) and the built renderer, over HTTP on
// 127.0.0.1 only. Never answers an API call without the per-launch token, and never serves a
// request addressed to another host name (DNS rebinding) or coming from another origin.
//
// Status codes, so that a client can tell "you may not talk to me" from "the notebook said no":
//   200 ok · 400 invalid (input, JSON) · 401 missing or wrong token · 403 Host or Origin refused ·
//   404 not-found (also unknown methods and files) · 405 wrong HTTP method · 409 conflict, locked
//   and read-only (the notebook's state does not allow the change; 403 is kept for the refusals
//   above) · 413 body over the limit · 415 body not application/json · 422 corrupt, newer-schema
//   (a notebook that cannot be opened) · 500 io and bugs.
// Every error body is an Outcome: {"ok":false,"error":{"code","message"}}.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { Handlers, Outcome, WireError } from '../notebook/common/api.js';
import type { ErrorCode } from '../notebook/common/errors.js';
import { LARGE_BYTES, reclaimSoon } from '../notebook/node/reclaim.js';
import { bodyLength, inProcessCaller, type Answer, type ApiCaller } from '../notebook/node/service-worker-protocol.js';
import { CONTENT_SECURITY_POLICY } from './policy.js';
import { isTextRoute, KeptTexts, readText, routeTextRequest, TEXT_HEADERS } from './source-text-route.js';
import { resolveStaticFile } from './static-files.js';

interface HostOptions {
  /** The built renderer (dist/renderer); files outside it are never served. */
  staticDir: string;
  /** 0 picks any free port. */
  port: number;
  /** The largest request body accepted; default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /**
   * The open notebook's folder, asked on every request (it changes when another notebook is
   * opened): GET /text/<sha256> then serves <folder>/sources/<sha256> raw. Without it that route
   * answers 404 and the page asks sourceText instead.
   */
  notebookDir?: () => string | null;
}

/**
 * Where API calls go: `call` (the notebook worker, see notebook/node/service-worker-host.ts) gets
 * the body's bytes and answers JSON bytes, so this thread never parses a request body or
 * serialises a result; `handlers` run in this thread (tests, a service kept in-process).
 */
export type HttpHostOptions = HostOptions & ({ call: ApiCaller } | { handlers: Handlers });

export interface HttpHost {
  /** The page to open: http://127.0.0.1:PORT/#token=TOKEN (the token stays in the fragment, never sent to a server). */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-corroborate-token';
/**
 * 300 MB: an imported file arrives base64 in the body, and importFile takes up to 280,000,000
 * base64 characters (a 200 MB file); the rest is room for the JSON around them.
 */
export const DEFAULT_MAX_BODY_BYTES = 300 * 1024 * 1024;

/** Read size for a source text sent raw: a typical text in one read, a huge one without holding it all. */
const TEXT_CHUNK_BYTES = 4 * 1024 * 1024;

const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  locked: 409,
  'read-only': 409,
  corrupt: 422,
  'newer-schema': 422,
  io: 500,
};

export function statusOf(outcome: Outcome): number {
  return outcome.ok ? 200 : STATUS_OF[outcome.error.code];
}

/** The status of a failure by its code; an unknown code (a bug) is 500. */
function statusOfError(error: WireError): number {
  return STATUS_OF[error.code] ?? 500;
}

/** Sent with every response: the page gets the strict CSP wherever it comes from. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function sendJson(res: http.ServerResponse, status: number, body: Outcome, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, error: WireError, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error }, extra);
}

/** An answer's JSON bytes as they came: made by the notebook worker, never parsed here. */
function sendAnswer(res: http.ServerResponse, answer: Answer): void {
  const length = bodyLength(answer.body);
  res.writeHead(answer.error ? statusOfError(answer.error) : 200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': length,
    'Cache-Control': 'no-store',
  });
  // Once a large answer (the whole notebook) is on the wire, its bytes are garbage worth collecting.
  if (length >= LARGE_BYTES) res.once('finish', reclaimSoon);
  // Chunk by chunk, never joined: the socket queues them as they are.
  for (const chunk of answer.body) res.write(chunk);
  res.end();
}

/** Compares in constant time: hashing first gives both sides the same length, as timingSafeEqual needs. */
function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type Body = { ok: true; chunks: Buffer[] } | { ok: false; tooLarge: true };

/**
 * Reads the body up to limit bytes; beyond it stops collecting and reports tooLarge. One chunk per
 * turn of the event loop: a large upload (a 200 MB import) then never keeps other calls waiting,
 * where reading every chunk the socket has ready in one turn held this thread for tens of ms at a
 * time. The chunks are kept as they arrived and joined where the call runs (see JsonInput):
 * joining them here would hold this thread for as long as a copy into fresh memory takes.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        req.off('data', onData);
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
      req.pause();
      setImmediate(() => req.resume());
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!done) resolve({ ok: true, chunks });
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { staticDir } = options;
  const call = 'call' in options ? options.call : inProcessCaller(options.handlers);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  // Filled in once the port is known; a browser tab at another name for this address (a rebinding
  // attacker's domain) sends that name as Host, and is refused.
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> => {
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'invalid', message: `API calls are POST requests, not ${req.method ?? 'unknown'}` }, { Allow: 'POST' });
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      sendError(res, 401, { code: 'invalid', message: 'missing or wrong X-Corroborate-Token: open the address Corroborate printed when it started' });
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      sendError(res, 415, { code: 'invalid', message: `the request body must be application/json, not ${req.headers['content-type'] ?? 'missing'}` });
      return;
    }
    const body = await readBody(req, limit);
    if (!body.ok) {
      // Let the client finish sending and read this answer; the connection ends afterwards.
      req.resume();
      sendError(res, 413, { code: 'invalid', message: `the request is larger than the limit of ${Math.round(limit / (1024 * 1024))} MB` }, { Connection: 'close' });
      return;
    }
    // Parsed, checked against the method's schema and answered where the notebook runs.
    sendAnswer(res, await call(name, body.chunks));
  };

  // A source's text, straight from its file: the same token as the API, never a JSON answer.
  const keptTexts = new KeptTexts();
  const handleText = async (req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): Promise<void> => {
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      sendError(res, 401, { code: 'invalid', message: 'missing or wrong X-Corroborate-Token: open the address Corroborate printed when it started' });
      return;
    }
    const route = routeTextRequest(req.method, urlPath, options.notebookDir?.() ?? null);
    if (!route.ok) {
      sendError(res, route.status, { code: route.status === 404 ? 'not-found' : 'invalid', message: route.message }, route.status === 405 ? { Allow: 'GET, HEAD' } : {});
      return;
    }
    const found = await readText(route, keptTexts);
    if (!found) {
      sendError(res, 404, { code: 'not-found', message: `this notebook has no stored text with sha256 ${route.sha256}` });
      return;
    }
    // Vary: a response is never reused for a request without the token.
    const headers = (size: number) => ({ ...SECURITY_HEADERS, ...TEXT_HEADERS, 'Content-Length': size, Vary: 'X-Corroborate-Token' });
    if ('text' in found) {
      res.writeHead(200, headers(found.text.byteLength));
      res.end(req.method === 'HEAD' ? undefined : found.text);
      return;
    }
    const { opened } = found;
    res.writeHead(200, headers(opened.size));
    if (req.method === 'HEAD') {
      await opened.handle.close();
      res.end();
      return;
    }
    // Large reads: the default 64 KB stream chunks made a 1 MB text take ~50 ms to reach the page.
    await pipeline(opened.handle.createReadStream({ highWaterMark: TEXT_CHUNK_BYTES }), res);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, { code: 'invalid', message: `${req.method ?? 'unknown'} is not allowed here` }, { Allow: 'GET, HEAD' });
      return;
    }
    const found = resolveStaticFile(staticDir, urlPath);
    if (!found) {
      const text = 'Not found\n';
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    const stat = await fs.promises.stat(found.file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.contentType,
      'Content-Length': stat.size,
      // The page must always be the current build; assets are revalidated (their names carry hashes anyway).
      'Cache-Control': found.isIndex ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(fs.createReadStream(found.file), res);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) {
      sendError(res, 403, { code: 'invalid', message: `refused: requests must be addressed to 127.0.0.1:${port}, not ${host || 'no host'}` });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      sendError(res, 403, { code: 'invalid', message: `refused: a page from ${origin} may not call Corroborate` });
      return;
    }
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      sendError(res, 400, { code: 'invalid', message: 'the request target must be a path' });
      return;
    }
    const urlPath = target.split(/[?#]/, 1)[0] as string;
    if (urlPath === '/api' || urlPath.startsWith('/api/')) {
      await handleApi(req, res, urlPath.slice('/api/'.length));
      return;
    }
    if (isTextRoute(urlPath)) {
      await handleText(req, res, urlPath);
      return;
    }
    await handleStatic(req, res, urlPath);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        sendError(res, 500, { code: 'io', message: e instanceof Error ? e.message : String(e) });
      } else {
        res.destroy();
      }
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new Error(`port ${options.port} on 127.0.0.1 is already in use: choose another with --port, or 0 for any free port`));
      else reject(e);
    });
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/#token=${token}`,
        origin,
        token,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
