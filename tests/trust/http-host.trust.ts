// Issue 7 item 9: the browser host refuses what a hostile web page, another local program or a
// DNS-rebinding attacker could send it, with the right status, and nothing changes on disk; it
// listens on 127.0.0.1 only. Runs the built host as `npm start -- --browser` does, on a notebook in
// a temp folder; never talks to anything but that host (and a decoy server of its own).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, now } from '../../notebook/common/ids.js';
import { recordFigure } from './figures.js';
import { startBrowserHost, type RunningHost } from './hostile/browser-host.js';

const PROGRAM = 'http-host';
/** The host's default body limit (electron/http-host.ts DEFAULT_MAX_BODY_BYTES): start.js sets no other. */
const LIMIT = 300 * 1024 * 1024;

interface Reply {
  status: number;
  body: string;
}

interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Declares this Content-Length and sends only `body`: the host must answer before reading more. */
  declaredLength?: number;
  /** Streams this many bytes without a Content-Length (chunked), stopping once the host answers. */
  streamBytes?: number;
}

/** node:http, so any Host, Origin or Content-Type can be sent as a hostile client would. */
function send(port: number, r: Request, address = '127.0.0.1'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.declaredLength !== undefined) headers['content-length'] = r.declaredLength;
    const req = http.request({ host: address, port, method: r.method ?? 'POST', path: r.path, headers, agent: false });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') });
        req.destroy();
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // The host may close the connection after its answer while we are still writing.
      if (!answered) reject(e);
    });
    if (r.streamBytes !== undefined) {
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (!answered && sent < r.streamBytes!) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      pump();
    } else if (r.declaredLength !== undefined) {
      req.write(r.body ?? '');
      // Never end: a host that waited for the declared bytes would hang here, and the test with it.
    } else {
      req.end(r.body);
    }
  });
}

/** Every file under dir with its sha256, and every folder: what "nothing changed on disk" compares. */
function folderState(dir: string): Map<string, string> {
  const state = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        state.set(`${r}/`, 'dir');
        walk(r);
      } else {
        state.set(r, createHash('sha256').update(fs.readFileSync(path.join(dir, r))).digest('hex'));
      }
    }
  };
  walk('');
  return state;
}

function changed(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(b.has(k) ? `${k} changed` : `${k} removed`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k} added`);
  return out;
}

/**
 * The local addresses a TCP port listens on, from /proc/net/tcp and tcp6 (Linux): hex address and
 * port per line, state 0A = LISTEN. Null where the kernel does not publish them.
 */
function listeningAddresses(port: number): string[] | null {
  const out: string[] = [];
  let found = false;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    found = true;
    for (const line of text.trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue;
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex!, 16) !== port) continue;
      out.push(hex!.length === 8 ? hexToIpv4(hex!) : `[ipv6 ${hex}]`);
    }
  }
  return found ? out : null;
}

function hexToIpv4(hex: string): string {
  // Little-endian per 32-bit word on x86 and arm: 0100007F is 127.0.0.1.
  const n = parseInt(hex, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24].join('.');
}

/** Whether a TCP connection to address:port is accepted. */
function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(3000, () => done(false));
  });
}

/** This machine's addresses other than loopback, where a host bound to 0.0.0.0 would also answer. */
function otherAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

describe('the HTTP host refuses hostile requests and listens on 127.0.0.1 only (issue 7, item 9)', () => {
  let tempDir: string;
  let notebookDir: string;
  let host: RunningHost;

  beforeAll(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-trust-http-'));
    notebookDir = path.join(tempDir, 'Hostile requests.corroborate');
    host = await startBrowserHost(notebookDir);
  });

  afterAll(async () => {
    const code = await host?.stop();
    expect(code, 'the host must close the notebook cleanly on SIGTERM').toBe(0);
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('refuses requests without the token, from another origin or host name, oversized, not JSON, or malformed, and nothing changes on disk', async () => {
    const port = host.port;
    const good = { 'x-corroborate-token': host.token, 'content-type': 'application/json' };
    const elsewhere = path.join(tempDir, 'Created by an attacker.corroborate');
    // Bodies that would each change the notebook if they were run.
    const bodies: Record<string, () => string> = {
      addTextSource: () => JSON.stringify({ title: `Planted ${randomBytes(4).toString('hex')}`, text: 'A planted source.' }),
      apply: () => {
        const at = now();
        return JSON.stringify({
          op: { type: 'create', kind: 'claim', object: { id: newId(), createdAt: at, updatedAt: at, statement: 'A planted claim.', polarity: 'asserts' } },
        });
      },
      importFile: () => JSON.stringify({ filename: 'planted.txt', dataBase64: Buffer.from('A planted file.').toString('base64') }),
      openNotebook: () => JSON.stringify({ path: elsewhere, create: true }),
    };

    // Control: a proper call changes the folder, so the comparison below can see a change.
    const before = folderState(notebookDir);
    const accepted = await send(port, { path: '/api/addTextSource', headers: good, body: bodies.addTextSource!() });
    const afterControl = folderState(notebookDir);
    const controlChanges = changed(before, afterControl);

    const wrongToken = randomBytes(32).toString('base64url');
    type Case = { name: string; status: number; request: (method: string, body: string) => Request };
    const cases: Case[] = [
      { name: 'no token', status: 401, request: (m, body) => ({ path: `/api/${m}`, headers: { 'content-type': 'application/json' }, body }) },
      { name: 'a wrong token', status: 401, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'x-corroborate-token': wrongToken }, body }) },
      { name: 'the token cut short', status: 401, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'x-corroborate-token': host.token.slice(0, -1) }, body }) },
      { name: 'the token in another case', status: 401, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'x-corroborate-token': swapCase(host.token) }, body }) },
      { name: 'the token in the query string', status: 401, request: (m, body) => ({ path: `/api/${m}?token=${host.token}`, headers: { 'content-type': 'application/json' }, body }) },
      { name: 'the token as a bearer', status: 401, request: (m, body) => ({ path: `/api/${m}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` }, body }) },
      { name: 'Origin of another site', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, origin: 'https://evil.example' }, body }) },
      { name: 'Origin null (a sandboxed frame or file: page)', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, origin: 'null' }, body }) },
      { name: 'Origin of another port on 127.0.0.1', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, origin: `http://127.0.0.1:${port + 1}` }, body }) },
      { name: 'Origin that extends the host name', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, origin: `http://127.0.0.1:${port}.evil.example` }, body }) },
      { name: 'Host of a rebinding domain', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, host: `rebind.evil.example:${port}` }, body }) },
      { name: 'Host without the port', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, host: '127.0.0.1' }, body }) },
      { name: 'Host 0.0.0.0', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, host: `0.0.0.0:${port}` }, body }) },
      { name: 'Host [::1]', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, host: `[::1]:${port}` }, body }) },
      { name: 'Host with a trailing dot', status: 403, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, host: `localhost.:${port}` }, body }) },
      { name: 'a body declared over the limit', status: 413, request: (m, body) => ({ path: `/api/${m}`, headers: good, body, declaredLength: LIMIT + 1 }) },
      { name: 'Content-Type text/plain', status: 415, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'content-type': 'text/plain' }, body }) },
      { name: 'no Content-Type', status: 415, request: (m, body) => ({ path: `/api/${m}`, headers: { 'x-corroborate-token': host.token }, body }) },
      { name: 'Content-Type form', status: 415, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'content-type': 'application/x-www-form-urlencoded' }, body }) },
      { name: 'Content-Type multipart', status: 415, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'content-type': 'multipart/form-data; boundary=x' }, body }) },
      { name: 'Content-Type application/jsonp', status: 415, request: (m, body) => ({ path: `/api/${m}`, headers: { ...good, 'content-type': 'application/jsonp' }, body }) },
      { name: 'JSON cut short', status: 400, request: (m, body) => ({ path: `/api/${m}`, headers: good, body: body.slice(0, -1) }) },
      { name: 'JSON with a trailing comma', status: 400, request: (m, body) => ({ path: `/api/${m}`, headers: good, body: `${body.slice(0, -1)},}` }) },
      { name: 'JSON behind a byte-order mark', status: 400, request: (m, body) => ({ path: `/api/${m}`, headers: good, body: `\ufeff${body}` }) },
      { name: 'invalid UTF-8', status: 400, request: (m, body) => ({ path: `/api/${m}`, headers: good, body: Buffer.concat([Buffer.from(body.slice(0, 10)), Buffer.from([0xff, 0xfe, 0xc3])]) }) },
      { name: 'JSON of the wrong shape', status: 400, request: (m) => ({ path: `/api/${m}`, headers: good, body: JSON.stringify([{ title: 1, op: 'x', path: 7, filename: [] }]) }) },
      { name: 'GET instead of POST', status: 405, request: (m) => ({ method: 'GET', path: `/api/${m}`, headers: good }) },
      { name: 'PUT instead of POST', status: 405, request: (m, body) => ({ method: 'PUT', path: `/api/${m}`, headers: good, body }) },
      { name: 'a CORS preflight from another site', status: 403, request: (m) => ({ method: 'OPTIONS', path: `/api/${m}`, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } }) },
      { name: 'a method that does not exist', status: 404, request: (m, body) => ({ path: `/api/${m}Everything`, headers: good, body }) },
    ];

    const refusals: { name: string; method: string; status: number; code: string }[] = [];
    const wrong: string[] = [];
    for (const method of Object.keys(bodies)) {
      for (const c of cases) {
        const reply = await send(port, c.request(method, bodies[method]!()));
        const outcome = parseOutcome(reply.body);
        refusals.push({ name: c.name, method, status: reply.status, code: outcome?.error?.code ?? '' });
        if (reply.status !== c.status || !outcome || outcome.ok !== false || !outcome.error?.message) {
          wrong.push(`${method} with ${c.name}: ${reply.status} ${reply.body.slice(0, 160)} (expected ${c.status} and an error Outcome)`);
        }
      }
    }
    // One body actually streamed past the limit, without a declared length (some 300 MB over loopback).
    const streamed = await send(port, { path: '/api/importFile', headers: good, streamBytes: LIMIT + 2 * 1024 * 1024 });
    refusals.push({ name: 'a body streamed over the limit', method: 'importFile', status: streamed.status, code: parseOutcome(streamed.body)?.error?.code ?? '' });
    if (streamed.status !== 413) wrong.push(`importFile streamed over the limit: ${streamed.status} ${streamed.body.slice(0, 160)}`);

    const after = folderState(notebookDir);
    const diskChanges = changed(afterControl, after);
    const acceptedCount = refusals.filter((r) => r.status >= 200 && r.status < 300).length;
    const elsewhereMade = fs.existsSync(elsewhere);

    // Control, after the comparison: each hostile body, sent properly, is taken (so each refusal above refused a real change).
    const proper: string[] = [];
    for (const method of Object.keys(bodies)) proper.push(`${method} ${(await send(port, { path: `/api/${method}`, headers: good, body: bodies[method]!() })).status}`);

    const control = `the same calls with the token: ${proper.join(', ')}; the first changed ${controlChanges.length} files (${controlChanges.slice(0, 3).join(', ')})`;
    recordFigure({ program: PROGRAM, figure: 'hostile requests accepted', value: `${acceptedCount} of ${refusals.length}`, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'hostile requests answered with a wrong status', value: wrong.length, expected: '0', control: `${cases.length} kinds × ${Object.keys(bodies).length} methods, and one body streamed past the limit` });
    recordFigure({ program: PROGRAM, figure: 'notebook files changed by refused requests', value: diskChanges.length, expected: '0', control });

    expect(accepted.status).toBe(200);
    expect(controlChanges.length, 'the control call must change the folder, or the comparison sees nothing').toBeGreaterThan(0);
    expect(wrong).toEqual([]);
    expect(acceptedCount).toBe(0);
    expect(diskChanges).toEqual([]);
    expect(elsewhereMade, 'a refused openNotebook must not create its folder').toBe(false);
    expect(proper).toEqual(Object.keys(bodies).map((m) => `${m} 200`));
  });

  it("serves a source's text only with the token, only from this notebook's sources folder, and never a file a path or a planted link points at", async () => {
    const port = host.port;
    const good = { 'x-corroborate-token': host.token, 'content-type': 'application/json' };
    const marker = `Confidential passage ${randomBytes(6).toString('hex')}`;
    const added = await send(port, { path: '/api/addTextSource', headers: good, body: JSON.stringify({ title: 'Text route target', text: `${marker}\n` }) });
    expect(added.status).toBe(200);
    const view = parseOutcome((await send(port, { path: '/api/getNotebook', headers: good, body: '{}' })).body) as { result?: { notebook?: { sources?: Record<string, { title: string; content: { textSha256: string } }> } } };
    const source = Object.values(view.result?.notebook?.sources ?? {}).find((s) => s.title === 'Text route target');
    expect(source, 'the source just added must be in the notebook').toBeDefined();
    const sha = source!.content.textSha256;
    const textPath = `/text/${sha}`;

    // A secret outside the notebook, a link to it planted in sources/ under a sha-shaped name (as
    // another local program could), and a text that only another notebook holds.
    const secret = `Secret outside the notebook ${randomBytes(6).toString('hex')}`;
    const secretFile = path.join(tempDir, 'secret.txt');
    fs.writeFileSync(secretFile, secret);
    const plantedSha = createHash('sha256').update('planted link').digest('hex');
    fs.symlinkSync(secretFile, path.join(notebookDir, 'sources', plantedSha));
    const otherNotebook = path.join(tempDir, 'Other.corroborate', 'sources');
    fs.mkdirSync(otherNotebook, { recursive: true });
    const otherSha = createHash('sha256').update(secret).digest('hex');
    fs.writeFileSync(path.join(otherNotebook, otherSha), secret);
    const get = (p: string, headers: Record<string, string> = { 'x-corroborate-token': host.token }, method = 'GET'): Request => ({ method, path: p, headers });

    const control = await send(port, get(textPath));
    const before = folderState(notebookDir);
    const wrongToken = randomBytes(32).toString('base64url');
    const cases: { name: string; status: number; request: Request }[] = [
      { name: 'no token', status: 401, request: get(textPath, {}) },
      { name: 'a wrong token', status: 401, request: get(textPath, { 'x-corroborate-token': wrongToken }) },
      { name: 'the token in the query string', status: 401, request: get(`${textPath}?token=${host.token}`, {}) },
      { name: 'the token as a bearer', status: 401, request: get(textPath, { authorization: `Bearer ${host.token}` }) },
      { name: 'Origin of another site', status: 403, request: get(textPath, { 'x-corroborate-token': host.token, origin: 'https://evil.example' }) },
      { name: 'Host of a rebinding domain', status: 403, request: get(textPath, { 'x-corroborate-token': host.token, host: `rebind.evil.example:${port}` }) },
      { name: 'POST', status: 405, request: get(textPath, undefined, 'POST') },
      { name: 'PUT', status: 405, request: get(textPath, undefined, 'PUT') },
      { name: 'DELETE', status: 405, request: get(textPath, undefined, 'DELETE') },
      { name: 'the sha in upper case', status: 400, request: get(`/text/${sha.toUpperCase()}`) },
      { name: 'the sha cut short', status: 400, request: get(`/text/${sha.slice(0, -1)}`) },
      { name: 'the sha with an extension', status: 400, request: get(`${textPath}.txt`) },
      { name: 'the sha with a trailing slash', status: 400, request: get(`${textPath}/`) },
      { name: 'the sha with an encoded NUL', status: 400, request: get(`${textPath}%00`) },
      { name: 'a parent path to notebook.json', status: 400, request: get('/text/../notebook.json') },
      { name: 'an encoded parent path to notebook.json', status: 400, request: get('/text/..%2fnotebook.json') },
      { name: 'an encoded parent path to the lock', status: 400, request: get('/text/%2e%2e%2flock') },
      { name: 'an absolute path', status: 400, request: get(`/text/${secretFile}`) },
      { name: 'a backslash path', status: 400, request: get('/text/..\\notebook.json') },
      { name: 'a link planted in sources/', status: 404, request: get(`/text/${plantedSha}`) },
      { name: "another notebook's text", status: 404, request: get(`/text/${otherSha}`) },
      { name: 'a sha this notebook does not hold', status: 404, request: get(`/text/${'0'.repeat(64)}`) },
    ];
    const wrong: string[] = [];
    const leaked: string[] = [];
    for (const c of cases) {
      const reply = await send(port, c.request);
      if (reply.status !== c.status) wrong.push(`${c.name}: ${reply.status} ${reply.body.slice(0, 160)} (expected ${c.status})`);
      if (reply.body.includes(marker) || reply.body.includes(secret)) leaked.push(c.name);
    }
    const diskChanges = changed(before, folderState(notebookDir));

    const controlText = `GET ${textPath.slice(0, 14)}… with the token: ${control.status}, the source's text ${control.body === `${marker}\n` ? 'exactly' : 'NOT'}`;
    recordFigure({ program: PROGRAM, figure: 'source-text requests answered with a wrong status', value: wrong.length, expected: '0', control: `${cases.length} hostile requests; ${controlText}` });
    recordFigure({ program: PROGRAM, figure: 'source-text requests that leaked a text', value: leaked.length, expected: '0', control: controlText });

    expect(control.status).toBe(200);
    expect(control.body).toBe(`${marker}\n`);
    expect(wrong).toEqual([]);
    expect(leaked).toEqual([]);
    expect(diskChanges).toEqual([]);
    fs.unlinkSync(path.join(notebookDir, 'sources', plantedSha));
  });

  it('listens on 127.0.0.1 only', async () => {
    const addresses = listeningAddresses(host.port);
    const others = otherAddresses();
    const reachableElsewhere: string[] = [];
    for (const address of others) if (await connects(address, host.port)) reachableElsewhere.push(address);

    // Control: a decoy bound to every address is seen listening beyond loopback by the same checks.
    const decoy = net.createServer();
    await new Promise<void>((resolve) => decoy.listen(0, '0.0.0.0', resolve));
    const decoyPort = (decoy.address() as AddressInfo).port;
    const decoyAddresses = listeningAddresses(decoyPort);
    const decoyReachable: string[] = [];
    for (const address of others) if (await connects(address, decoyPort)) decoyReachable.push(address);
    await new Promise<void>((resolve) => decoy.close(() => resolve()));

    const control = `a decoy on 0.0.0.0 listens on ${JSON.stringify(decoyAddresses)}, reachable at ${decoyReachable.join(', ') || 'no other address'}`;
    const notLoopback = (addresses ?? []).filter((a) => a !== '127.0.0.1');
    recordFigure({
      program: PROGRAM,
      figure: 'listening addresses other than 127.0.0.1',
      value: addresses === null ? 'n/a (no /proc/net/tcp)' : notLoopback.length + reachableElsewhere.length,
      expected: '0',
      control,
    });

    expect(await connects('127.0.0.1', host.port)).toBe(true);
    expect(reachableElsewhere).toEqual([]);
    if (addresses !== null) {
      expect(addresses).toEqual(['127.0.0.1']);
      expect(decoyAddresses).toContain('0.0.0.0');
    }
    if (others.length > 0) expect(decoyReachable.length, 'the decoy must be reachable where the host is not').toBeGreaterThan(0);
  });
});

function parseOutcome(body: string): { ok?: boolean; error?: { code?: string; message?: string } } | null {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as { ok?: boolean; error?: { code?: string; message?: string } }) : null;
  } catch {
    return null;
  }
}

function swapCase(s: string): string {
  return [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}
