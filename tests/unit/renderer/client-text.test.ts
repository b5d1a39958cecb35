// @vitest-environment jsdom
// The page's client fetching a source's text raw from the browser host (GET /text/<sha256>):
// the per-launch token goes with it, a malformed sha is never sent, and a refusal comes back as an
// ApiError with the host's own words. (jsdom has no Worker: the client fetches on the page's thread.)
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ClientModule from '../../../renderer/src/client.js';

const TOKEN = 'Tok3n_-abcdefghijklmnopqrstuvwxyz0123456789A';
const SHA = 'a'.repeat(64);
let client: typeof ClientModule;
const requests: { url: string; headers: Record<string, string> }[] = [];
let answer: () => Response = () => new Response('', { status: 500 });

beforeAll(async () => {
  window.history.replaceState(null, '', `/#token=${TOKEN}`);
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    requests.push({ url, headers: (init.headers ?? {}) as Record<string, string> });
    return answer();
  });
  client = await import('../../../renderer/src/client.js');
});

afterEach(() => {
  requests.length = 0;
});

describe('fetchTextBySha over the browser host', () => {
  it('gets the raw text from /text/<sha> with the launch token', async () => {
    answer = () => new Response('Kaesong, 12 March.\nThe gate was shut — «fermé».', { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    expect(await client.fetchTextBySha(SHA)).toBe('Kaesong, 12 March.\nThe gate was shut — «fermé».');
    expect(requests).toEqual([{ url: `/text/${SHA}`, headers: { 'X-Corroborate-Token': TOKEN } }]);
  });

  it('never sends a request for something that is not a 64-hex sha', async () => {
    for (const bad of ['../notebook.json', SHA.toUpperCase(), SHA.slice(1), `${SHA}/x`]) {
      await expect(client.fetchTextBySha(bad)).rejects.toMatchObject({ name: 'ApiError', code: 'invalid' });
    }
    expect(requests).toEqual([]);
  });

  it('turns a refusal into an ApiError carrying the host message and a code', async () => {
    answer = () => new Response(JSON.stringify({ ok: false, error: { code: 'not-found', message: `this notebook has no stored text with sha256 ${SHA}` } }), { status: 404 });
    await expect(client.fetchTextBySha(SHA)).rejects.toMatchObject({ code: 'not-found', message: `this notebook has no stored text with sha256 ${SHA}` });
    answer = () => new Response('missing or wrong X-Corroborate-Token', { status: 401 });
    await expect(client.fetchTextBySha(SHA)).rejects.toMatchObject({ code: 'io', message: 'missing or wrong X-Corroborate-Token' });
  });

  it('says the app is not answering when the request cannot be made', async () => {
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(client.fetchTextBySha(SHA)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('Corroborate is not answering') });
  });
});
