import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../notebook/common/api.js';
import { startHttpHost, type HttpHost } from '../../../electron/http-host.js';
import { KeptTexts, openTextFile, readText, routeTextRequest } from '../../../electron/source-text-route.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch, so a test can send raw, unnormalised paths. */
function get(port: number, urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

const TEXT = 'Kaesong, 12 March.\nThe gate was shut at dawn — «fermé».\n';
const TEXT_SHA = sha(TEXT);
const SECRET = 'SECRET-OUTSIDE-THE-SOURCES-FOLDER';
const LINK_SHA = sha('a link planted in sources/');
const OTHER_SHA = sha('a text of another notebook');

let tmp: string;
let notebookDir: string;
let otherDir: string;
let openDir: string | null;
let host: HttpHost;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-text-route-'));
  notebookDir = path.join(tmp, 'Korea.corroborate');
  otherDir = path.join(tmp, 'Other.corroborate');
  fs.mkdirSync(path.join(notebookDir, 'sources'), { recursive: true });
  fs.mkdirSync(path.join(otherDir, 'sources'), { recursive: true });
  fs.writeFileSync(path.join(notebookDir, 'sources', TEXT_SHA), TEXT);
  fs.writeFileSync(path.join(otherDir, 'sources', OTHER_SHA), 'a text of another notebook');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(notebookDir, 'sources', LINK_SHA));
  fs.mkdirSync(path.join(notebookDir, 'sources', sha('a folder')));
  fs.writeFileSync(path.join(notebookDir, 'notebook.json'), '{"secret":true}');
  openDir = notebookDir;
  const staticDir = path.join(tmp, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Corroborate</title>');
  host = await startHttpHost({ handlers: {} as Handlers, staticDir, port: 0, notebookDir: () => openDir });
});

afterAll(async () => {
  await host.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const withToken = () => ({ 'X-Corroborate-Token': host.token });

describe('GET /text/<sha256> on the browser host', () => {
  it('answers a stored text as raw UTF-8, cacheable for good, only with the token', async () => {
    const reply = await get(host.port, `/text/${TEXT_SHA}`, withToken());
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(TEXT);
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(TEXT)));
    expect(reply.headers['cache-control']).toContain('immutable');
    expect(reply.headers['vary']).toContain('X-Corroborate-Token');
  });

  it('refuses a missing or wrong token without reading anything', async () => {
    const tries: Record<string, string>[] = [{}, { 'X-Corroborate-Token': 'x'.repeat(43) }, { 'X-Corroborate-Token': host.token.slice(1) }];
    for (const headers of tries) {
      const reply = await get(host.port, `/text/${TEXT_SHA}`, headers);
      expect(reply.status).toBe(401);
      expect(reply.body).not.toContain('Kaesong');
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });

  it('refuses anything that is not a lower-case 64-hex sha, so no other file can be named', async () => {
    for (const bad of [
      '../notebook.json',
      '..%2Fnotebook.json',
      '%2e%2e/%2e%2e/secret.txt',
      TEXT_SHA.toUpperCase(),
      TEXT_SHA.slice(0, 63),
      TEXT_SHA + '0',
      `${TEXT_SHA}/`,
      `${TEXT_SHA}.txt`,
      'notebook.json',
      '',
    ]) {
      const reply = await get(host.port, `/text/${bad}`, withToken());
      expect([400, 404], bad).toContain(reply.status);
      expect(reply.body, bad).not.toContain(SECRET);
      expect(reply.body, bad).not.toContain('Kaesong');
    }
    expect((await get(host.port, '/text/notebook.json', withToken())).status).toBe(400);
  });

  it('answers 404 for a sha this notebook does not hold, a link planted in sources/, or a folder', async () => {
    for (const missing of [sha('never stored'), OTHER_SHA, LINK_SHA, sha('a folder')]) {
      const reply = await get(host.port, `/text/${missing}`, withToken());
      expect(reply.status, missing).toBe(404);
      expect(reply.body).not.toContain(SECRET);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it('follows the open notebook: after another is opened, only its texts are served', async () => {
    openDir = otherDir;
    try {
      expect((await get(host.port, `/text/${TEXT_SHA}`, withToken())).status).toBe(404);
      const other = await get(host.port, `/text/${OTHER_SHA}`, withToken());
      expect(other.status).toBe(200);
      expect(other.body).toBe('a text of another notebook');
      openDir = null;
      expect((await get(host.port, `/text/${OTHER_SHA}`, withToken())).status).toBe(404);
    } finally {
      openDir = notebookDir;
    }
  });

  it('reads texts with GET or HEAD only', async () => {
    const post = await get(host.port, `/text/${TEXT_SHA}`, withToken(), 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    const head = await get(host.port, `/text/${TEXT_SHA}`, withToken(), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('routeTextRequest (the decision the browser host and the Electron protocol share)', () => {
  it('names only <dir>/sources/<sha> for a 64-hex sha of a GET', () => {
    expect(routeTextRequest('GET', `/text/${TEXT_SHA}`, '/n/Korea.corroborate')).toEqual({
      ok: true,
      sha256: TEXT_SHA,
      file: path.join('/n/Korea.corroborate', 'sources', TEXT_SHA),
    });
  });

  it('refuses other methods, malformed shas and a closed notebook', () => {
    expect(routeTextRequest('PUT', `/text/${TEXT_SHA}`, '/n')).toMatchObject({ ok: false, status: 405 });
    expect(routeTextRequest('GET', '/text/../../etc/passwd', '/n')).toMatchObject({ ok: false, status: 400 });
    expect(routeTextRequest('GET', `/text/${TEXT_SHA}%00`, '/n')).toMatchObject({ ok: false, status: 400 });
    expect(routeTextRequest('GET', '/text', '/n')).toMatchObject({ ok: false, status: 400 });
    expect(routeTextRequest('GET', `/text/${TEXT_SHA}`, null)).toMatchObject({ ok: false, status: 404 });
  });

  it('opens a regular file only: a symbolic link or a folder under that name is no text', async () => {
    const ok = routeTextRequest('GET', `/text/${TEXT_SHA}`, notebookDir);
    const link = routeTextRequest('GET', `/text/${LINK_SHA}`, notebookDir);
    const folder = routeTextRequest('GET', `/text/${sha('a folder')}`, notebookDir);
    if (!ok.ok || !link.ok || !folder.ok) throw new Error('the routes should be well-formed');
    const opened = await openTextFile(ok);
    expect(opened?.size).toBe(Buffer.byteLength(TEXT));
    await opened?.handle.close();
    expect(await openTextFile(link)).toBeNull();
    expect(await openTextFile(folder)).toBeNull();
  });
});

describe('texts kept in memory once answered', () => {
  const bytes = (n: number, fill: string) => Buffer.alloc(n, fill);

  it('keeps the most recently answered texts up to its limit, and never one over its largest', () => {
    const kept = new KeptTexts(30, 12);
    kept.keep('a', bytes(10, 'a'));
    kept.keep('b', bytes(10, 'b'));
    kept.keep('c', bytes(10, 'c'));
    expect(kept.get('a')?.toString()).toBe('a'.repeat(10)); // now the most recently answered
    kept.keep('d', bytes(10, 'd')); // over 30 bytes: the least recently answered (b) goes
    expect(kept.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((f) => kept.get(f)?.[0])).toEqual(['a', 'c', 'd'].map((f) => f.charCodeAt(0)));
    kept.keep('e', bytes(13, 'e'));
    expect(kept.get('e')).toBeUndefined();
  });

  it('answers a kept text without reading its file again; a larger one is opened for streaming each time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-kept-'));
    try {
      fs.mkdirSync(path.join(dir, 'sources'));
      const small = 'A short dispatch.';
      const large = 'x'.repeat(64);
      for (const text of [small, large]) fs.writeFileSync(path.join(dir, 'sources', sha(text)), text);
      const routeOf = (text: string) => {
        const route = routeTextRequest('GET', `/text/${sha(text)}`, dir);
        if (!route.ok) throw new Error('well-formed');
        return route;
      };
      const kept = new KeptTexts(1024, 32);
      const first = await readText(routeOf(small), kept);
      expect(first && 'text' in first && first.text.toString()).toBe(small);
      const streamed = await readText(routeOf(large), kept);
      if (!streamed || !('opened' in streamed)) throw new Error('a text over the largest kept is opened, not read whole');
      expect(streamed.opened.size).toBe(64);
      await streamed.opened.handle.close();
      // Both files gone: the kept one is still answered (content-addressed, so never stale), the other is not there.
      for (const text of [small, large]) fs.rmSync(path.join(dir, 'sources', sha(text)));
      const again = await readText(routeOf(small), kept);
      expect(again && 'text' in again && again.text.toString()).toBe(small);
      expect(await readText(routeOf(large), kept)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
