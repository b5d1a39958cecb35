// The client's helper thread for source texts: fetches GET /text/<sha256> and decodes the UTF-8
// off the page's thread, so a megabyte of text never holds up input or painting while it arrives.
// The first whole lines are posted ahead of the rest (the reader shows its first screen from
// them). Part of client.ts (the only place the page talks to the host); never fetches another path.
import { headOfText, HEAD_BYTES } from './text-head.js';

interface TextRequest {
  id: number;
  sha256: string;
  token: string | null;
}
export type TextReply =
  | { id: number; ok: true; text: string }
  | { id: number; head: string }
  | { id: number; ok: false; status: number; body: string; network?: string };

const scope = self as unknown as { onmessage: ((event: MessageEvent<TextRequest>) => void) | null; postMessage(message: TextReply): void };

async function fetchText({ id, sha256, token }: TextRequest): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    scope.postMessage({ id, ok: false, status: 400, body: `"${String(sha256).slice(0, 80)}" is not a sha256 in hex` });
    return;
  }
  let response: Response;
  try {
    response = await fetch('/text/' + sha256, token === null ? {} : { headers: { 'X-Corroborate-Token': token } });
  } catch (e) {
    scope.postMessage({ id, ok: false, status: 0, body: '', network: e instanceof Error ? e.message : String(e) });
    return;
  }
  if (!response.ok) {
    scope.postMessage({ id, ok: false, status: response.status, body: await response.text().catch(() => '') });
    return;
  }
  try {
    const reader = response.body?.getReader();
    if (!reader) {
      scope.postMessage({ id, ok: true, text: await response.text() });
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    // A head is worth its extra render only for a text several screens longer than it.
    const length = Number(response.headers.get('Content-Length'));
    let headSent = Number.isFinite(length) && length > 0 && length < 4 * HEAD_BYTES;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (!headSent && size >= HEAD_BYTES) {
        headSent = true;
        const head = headOfText(join(chunks, size).subarray(0, HEAD_BYTES));
        if (head) scope.postMessage({ id, head });
      }
    }
    scope.postMessage({ id, ok: true, text: new TextDecoder('utf-8').decode(join(chunks, size)) });
  } catch (e) {
    scope.postMessage({ id, ok: false, status: 0, body: '', network: e instanceof Error ? e.message : String(e) });
  }
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

scope.onmessage = (event) => void fetchText(event.data);
