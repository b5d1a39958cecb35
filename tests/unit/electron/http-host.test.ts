import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BASE64, type Handlers, type NotebookView } from '../../../notebook/common/api.js';
import { NotebookError } from '../../../notebook/common/errors.js';
import { DEFAULT_MAX_BODY_BYTES, startHttpHost, type HttpHost } from '../../../electron/http-host.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Sent in pieces without a Content-Length, like a streaming upload. */
  chunks?: Buffer[];
}

/** node:http rather than fetch, so a test can send any Host header and raw, unnormalised paths. */
function call(port: number, c: Call, host = '127.0.0.1'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method: c.method ?? 'GET', path: c.path, headers: c.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    if (c.chunks) {
      for (const chunk of c.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(c.body);
    }
  });
}

const view = { info: { path: '/n/Korea.corroborate', id: 'nb', name: 'Korea', readOnly: null, notice: null }, seq: 3, canUndo: true, canRedo: false } as unknown as NotebookView;
let calls: string[] = [];

const fail = (name: string) => () => {
  throw new Error(`${name} should not be called here`);
};
const handlers: Handlers = {
  hostInfo: () => {
    throw new Error('disk on fire');
  },
  getNotebook: () => {
    calls.push('getNotebook');
    return view;
  },
  openNotebook: fail('openNotebook'),
  chooseNotebookFolder: () => null,
  apply: fail('apply'),
  undo: () => {
    throw new NotebookError('read-only', 'this notebook is open read-only: the folder cannot be written');
  },
  redo: () => {
    throw new NotebookError('locked', 'Korea.corroborate is open in another window (pid 12)');
  },
  sourceText: ({ sourceId }) => {
    throw new NotebookError('not-found', `no source with id ${sourceId}`);
  },
  addTextSource: fail('addTextSource'),
  importFile: fail('importFile'),
  sourceFile: fail('sourceFile'),
  importFormats: fail('importFormats'),
  findMentions: fail('findMentions'),
  search: fail('search'),
  suggestions: fail('suggestions'),
  recentNotebooks: fail('recentNotebooks'),
  forgetRecentNotebook: fail('forgetRecentNotebook'),
  exportNotebook: fail('exportNotebook'),
  exportPdf: fail('exportPdf'),
  planMerge: fail('planMerge'),
  mergeBundle: fail('mergeBundle'),
  importAnnotations: fail('importAnnotations'),
  importCsl: fail('importCsl'),
};

let tmp: string;
let staticDir: string;
let host: HttpHost;
const LIMIT = 4096;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-http-host-'));
  staticDir = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Corroborate</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'SECRET-OUTSIDE-THE-RENDERER');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  host = await startHttpHost({ handlers, staticDir, port: 0, maxBodyBytes: LIMIT });
});

afterAll(async () => {
  await host.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const api = (name: string, body: unknown, headers: Record<string, string> = {}): Call => ({
  method: 'POST',
  path: `/api/${name}`,
  headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': host.token, ...headers },
  body: JSON.stringify(body),
});

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and names the page with a long random token', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    // Linux routes all of 127/8 to the loopback device: a server on 0.0.0.0 or 127.0.0.2 would answer.
    await expect(
      new Promise((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.2', port: host.port });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', reject);
      }),
    ).rejects.toThrow();
  });

  it('answers an API call carrying the token with the Outcome', async () => {
    calls = [];
    const reply = await call(host.port, api('getNotebook', {}));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(reply.body)).toEqual({ ok: true, result: view });
    expect(calls).toEqual(['getNotebook']);
  });

  it('refuses an API call without the token, or with a wrong one, and runs nothing', async () => {
    calls = [];
    for (const token of [undefined, '', 'x', host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A'), host.token + 'A']) {
      const c = api('getNotebook', {});
      if (token === undefined) delete (c.headers as Record<string, string>)['X-Corroborate-Token'];
      else (c.headers as Record<string, string>)['X-Corroborate-Token'] = token;
      const reply = await call(host.port, c);
      expect(reply.status, String(token)).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/X-Corroborate-Token/) } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses requests addressed to another host name (DNS rebinding), for the API and the page', async () => {
    calls = [];
    const apiReply = await call(host.port, { ...api('getNotebook', {}), headers: { ...api('getNotebook', {}).headers, Host: `evil.example:${host.port}` } });
    expect(apiReply.status).toBe(403);
    expect(JSON.parse(apiReply.body).error.message).toMatch(/must be addressed to 127\.0\.0\.1/);
    const pageReply = await call(host.port, { path: '/', headers: { Host: `evil.example:${host.port}` } });
    expect(pageReply.status).toBe(403);
    expect(pageReply.body).not.toContain('<title>Corroborate');
    const otherPort = await call(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port + 1}` } });
    expect(otherPort.status).toBe(403);
    expect(calls).toEqual([]);
    const byName = await call(host.port, { ...api('getNotebook', {}), headers: { ...api('getNotebook', {}).headers, Host: `localhost:${host.port}` } });
    expect(byName.status).toBe(200);
  });

  it('refuses calls from a page of another origin, and takes its own', async () => {
    calls = [];
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const reply = await call(host.port, api('getNotebook', {}, { Origin: origin }));
      expect(reply.status, origin).toBe(403);
    }
    expect(calls).toEqual([]);
    const own = await call(host.port, api('getNotebook', {}, { Origin: `http://127.0.0.1:${host.port}` }));
    expect(own.status).toBe(200);
  });

  it('answers invalid input with 400 and the schema’s message', async () => {
    const reply = await call(host.port, { ...api('openNotebook', { path: '' }), headers: { ...api('x', {}).headers } });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringContaining('give a folder path') } });
  });

  it('answers malformed JSON, a wrong content type and a wrong HTTP method clearly', async () => {
    const badJson = await call(host.port, { ...api('getNotebook', {}), body: '{"unterminated' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.message).toMatch(/not valid JSON/);
    const text = await call(host.port, { ...api('getNotebook', {}), headers: { 'Content-Type': 'text/plain', 'X-Corroborate-Token': host.token } });
    expect(text.status).toBe(415);
    const get = await call(host.port, { path: '/api/getNotebook', headers: { 'X-Corroborate-Token': host.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('answers 404 for an unknown method and a missing object', async () => {
    const unknown = await call(host.port, api('deleteEverything', {}));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toEqual({ code: 'not-found', message: 'there is no API method "deleteEverything"' });
    const proto = await call(host.port, api('__proto__', {}));
    expect(proto.status).toBe(404);
    const missing = await call(host.port, api('sourceText', { sourceId: '0190a5c4-0000-7000-8000-000000000000' }));
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.message).toMatch(/no source with id/);
  });

  it('answers 409 when the notebook is read-only or locked, 500 for a failure that is not a notebook error', async () => {
    const readOnly = await call(host.port, api('undo', {}));
    expect(readOnly.status).toBe(409);
    expect(JSON.parse(readOnly.body).error).toEqual({ code: 'read-only', message: expect.stringMatching(/read-only/) });
    const locked = await call(host.port, api('redo', {}));
    expect(locked.status).toBe(409);
    expect(JSON.parse(locked.body).error.code).toBe('locked');
    const bug = await call(host.port, api('hostInfo', {}));
    expect(bug.status).toBe(500);
    expect(JSON.parse(bug.body).error).toEqual({ code: 'io', message: 'disk on fire' });
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    calls = [];
    const big = Buffer.alloc(LIMIT + 1, 0x20);
    const declared = await call(host.port, { ...api('getNotebook', {}), body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than the limit/) } });
    const streamed = await call(host.port, { ...api('getNotebook', {}), body: undefined, chunks: [Buffer.from('{"a":"'), Buffer.alloc(LIMIT, 0x61), Buffer.from('"}')] });
    expect(streamed.status).toBe(413);
    expect(calls).toEqual([]);
    // A body just under the limit still goes through.
    const fits = await call(host.port, { ...api('getNotebook', {}), body: `{}${' '.repeat(LIMIT - 2)}` });
    expect(fits.status).toBe(200);
  });

  it('by default takes the largest file importFile accepts, and refuses a body declared one byte over its limit', async () => {
    // importFile's base64 plus the JSON around it must fit, or a 200 MB file could never arrive.
    const largestImport = JSON.stringify({ filename: 'x'.repeat(1000), dataBase64: '' }).length + MAX_IMPORT_BASE64;
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan(largestImport);
    const defaults = await startHttpHost({ handlers, staticDir, port: 0 });
    try {
      calls = [];
      // The declared length is a lie (the body is tiny): the host must refuse on the header alone, not wait for 300 MB.
      const over = await call(defaults.port, {
        ...api('getNotebook', {}),
        headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': defaults.token, 'Content-Length': DEFAULT_MAX_BODY_BYTES + 1 },
        body: '{}',
      });
      expect(over.status).toBe(413);
      expect(JSON.parse(over.body).error.message).toBe('the request is larger than the limit of 300 MB');
      expect(calls).toEqual([]);
    } finally {
      await defaults.close();
    }
  });
});

describe('with the notebook in a worker (a caller of JSON bytes)', () => {
  it('hands the caller the body as it arrived and sends its answer’s bytes untouched, with the status of its error', async () => {
    const seen: { name: string; input: string }[] = [];
    // As the worker answers: in chunks, here split inside a word and inside a character (é).
    const answers: Record<string, { body: Uint8Array[]; error: { code: 'locked'; message: string } | null }> = {
      getNotebook: { body: [Buffer.from('{"ok":true,"result":{"from":"the wor'), Buffer.from('ker, d\xc3', 'latin1'), Buffer.from('\xa9j\xc3\xa0"}}', 'latin1')], error: null },
      apply: { body: [Buffer.from('{"ok":false,"error":{"code":"locked","message":"held"}}')], error: { code: 'locked', message: 'held' } },
    };
    const worker = await startHttpHost({
      staticDir,
      port: 0,
      call: async (name, input) => {
        seen.push({ name, input: Buffer.concat(input instanceof Uint8Array ? [input] : [...input]).toString('utf8') });
        return answers[name]!;
      },
    });
    try {
      const headers = { 'Content-Type': 'application/json', 'X-Corroborate-Token': worker.token };
      const big = `{"op":${JSON.stringify('x'.repeat(300_000))}}`;
      const ok = await call(worker.port, { method: 'POST', path: '/api/getNotebook', headers, body: '{}' });
      expect(ok).toMatchObject({ status: 200, body: '{"ok":true,"result":{"from":"the worker, déjà"}}' });
      expect(Number(ok.headers['content-length'])).toBe(Buffer.byteLength(ok.body));
      expect(ok.headers['content-type']).toMatch(/^application\/json/);
      const refused = await call(worker.port, { method: 'POST', path: '/api/apply', headers, chunks: [Buffer.from(big.slice(0, 1000)), Buffer.from(big.slice(1000))] });
      expect(refused).toMatchObject({ status: 409, body: '{"ok":false,"error":{"code":"locked","message":"held"}}' });
      expect(seen).toEqual([
        { name: 'getNotebook', input: '{}' },
        { name: 'apply', input: big },
      ]);
    } finally {
      await worker.close();
    }
  });
});

describe('the page it serves', () => {
  it('serves index.html at / with the strict CSP and no caching', async () => {
    const reply = await call(host.port, { path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Corroborate</title>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(reply.headers['content-security-policy']).not.toMatch(/unsafe/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(reply.headers['cache-control']).toBe('no-store');
    const direct = await call(host.port, { path: '/index.html?x=1' });
    expect(direct.body).toBe(reply.body);
  });

  it('serves assets with their content types, and HEAD without a body', async () => {
    const js = await call(host.port, { path: '/assets/app.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");');
    const css = await call(host.port, { path: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await call(host.port, { method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("app");'.length));
    expect(head.body).toBe('');
  });

  it('answers 404 for unknown paths and never serves a file outside its folder', async () => {
    for (const p of [
      '/missing.js',
      '/assets',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/index.html%00.js',
      '/%00',
      '/%zz',
      `/${encodeURIComponent(path.join(tmp, 'secret.txt'))}`,
      '/assets/link.txt',
    ]) {
      const reply = await call(host.port, { path: p });
      expect(reply.status, p).toBe(404);
      expect(reply.body, p).not.toContain('SECRET');
    }
  });

  it('allows only GET and HEAD for the page', async () => {
    const reply = await call(host.port, { method: 'DELETE', path: '/index.html' });
    expect(reply.status).toBe(405);
    expect(fs.existsSync(path.join(staticDir, 'index.html'))).toBe(true);
  });
});

describe('closing', () => {
  it('stops answering', async () => {
    const other = await startHttpHost({ handlers, staticDir, port: 0 });
    expect((await call(other.port, { path: '/' })).status).toBe(200);
    await other.close();
    await expect(call(other.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('says so when the port is taken', async () => {
    await expect(startHttpHost({ handlers, staticDir, port: host.port })).rejects.toThrow(/already in use/);
  });
});
